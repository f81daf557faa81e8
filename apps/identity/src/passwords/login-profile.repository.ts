import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { RowRepository, oneRow } from '../principals/index.js';
import { LoginProfileEntity, PasswordHistoryEntity } from './login-profile.entity.js';
import { PASSWORD_HISTORY_DEPTH } from './password-policy.js';

/**
 * Queries on identity.login_profiles and identity.password_history (and the one write ChangePassword makes to
 * identity.sessions). Always filters by account as well as relying on row-level security.
 */
export class LoginProfileRepository extends RowRepository<LoginProfileEntity> {
  constructor() {
    super(
      LoginProfileEntity,
      ['userId', 'accountId'],
      [
        'passwordHash',
        'passwordResetRequired',
        'passwordChangedAt',
        'passwordLastUsedAt',
        'updatedAt',
      ],
    );
  }

  /** `lock`: hold the row for the rest of the transaction. */
  findByUser(
    tx: EntityManager,
    accountId: string,
    userId: string,
    lock = false,
  ): Promise<LoginProfileEntity | null> {
    const query = tx
      .createQueryBuilder(LoginProfileEntity, 'p')
      .where('p.account_id = :accountId AND p.user_id = :userId', { accountId, userId });
    return oneRow(query, lock);
  }

  countForUser(tx: EntityManager, accountId: string, userId: string): Promise<number> {
    return tx.count(LoginProfileEntity, { where: { accountId, userId } });
  }

  /** The user's most recent password hashes, newest first. */
  async recentHashes(
    tx: EntityManager,
    accountId: string,
    userId: string,
    limit: number,
  ): Promise<string[]> {
    const rows = await tx
      .createQueryBuilder(PasswordHistoryEntity, 'h')
      .where('h.account_id = :accountId AND h.user_id = :userId', { accountId, userId })
      .orderBy('h.seq', 'DESC')
      .limit(limit)
      .getMany();
    return rows.map((r) => r.passwordHash);
  }

  /**
   * Records a password just set and keeps only the newest {@link PASSWORD_HISTORY_DEPTH} of the user. The caller
   * holds the user's row lock, so the next sequence number cannot be taken twice (the unique index is the backstop).
   */
  async remember(
    tx: EntityManager,
    accountId: string,
    userId: string,
    passwordHash: string,
    at: Date,
  ): Promise<void> {
    await tx.query(
      `INSERT INTO identity.password_history (history_id, user_id, account_id, seq, password_hash, created_at)
       SELECT $1, $2, $3, COALESCE(MAX(seq), 0) + 1, $4, $5 FROM identity.password_history
       WHERE account_id = $3 AND user_id = $2`,
      [randomUUID(), userId, accountId, passwordHash, at],
    );
    await tx.query(
      `DELETE FROM identity.password_history
       WHERE account_id = $1 AND user_id = $2 AND seq <= (
         SELECT MAX(seq) FROM identity.password_history WHERE account_id = $1 AND user_id = $2) - $3`,
      [accountId, userId, PASSWORD_HISTORY_DEPTH],
    );
  }

  async forgetAll(tx: EntityManager, accountId: string, userId: string): Promise<void> {
    await tx.delete(PasswordHistoryEntity, { accountId, userId });
  }

  /**
   * Ends the password-reset restriction of the user's session the new password was set from, so that its next
   * refresh issues an unrestricted token. SECURITY: only that session, and only when it belongs to `userId` (the
   * caller's own user); the user's other restricted sessions stay restricted until they sign in again.
   */
  async liftSessionRestriction(
    tx: EntityManager,
    accountId: string,
    userId: string,
    sessionId: string,
  ): Promise<void> {
    // sessions.session_id is a uuid: anything else names no session (and would make PostgreSQL refuse the cast).
    if (!UUID.test(sessionId)) return;
    await tx.query(
      `UPDATE identity.sessions SET restricted = false
       WHERE account_id = $1 AND user_id = $2 AND session_id = $3 AND restricted`,
      [accountId, userId, sessionId],
    );
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
