import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { RowRepository, oneRow } from '../principals/index.js';
import { LoginProfileEntity, PasswordHistoryEntity } from './login-profile.entity.js';
import { PASSWORD_HISTORY_DEPTH } from './password-policy.js';

/** A user's sign-in credentials (see {@link LoginProfileRepository.findSignInCredentials}). */
export interface SignInCredentialsRow {
  readonly user_id: string;
  readonly user_name: string;
  readonly path: string;
  readonly password_hash: string;
  readonly password_reset_required: boolean;
  readonly password_changed_at: Date;
  readonly has_policy: boolean;
  readonly max_password_age: number | null;
  readonly hard_expiry: boolean | null;
}

/**
 * Queries on identity.login_profiles and identity.password_history, the sign-in's read of a user's credentials (with
 * the account password policy) and the one write ChangePassword makes to identity.sessions. Always filters by
 * account as well as relying on row-level security.
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

  /**
   * In one statement: the user by name (case-insensitive), its login profile (locked for the rest of the
   * transaction) and the account's password policy, if any. `null` when the user is unknown or has no login profile.
   */
  async findSignInCredentials(
    tx: EntityManager,
    accountId: string,
    userName: string,
  ): Promise<SignInCredentialsRow | null> {
    const rows: SignInCredentialsRow[] = await tx.query(
      `SELECT u.user_id, u.user_name, u.path, p.password_hash, p.password_reset_required, p.password_changed_at,
              pol.account_id IS NOT NULL AS has_policy, pol.max_password_age, pol.hard_expiry
       FROM identity.users u
       JOIN identity.login_profiles p ON p.account_id = u.account_id AND p.user_id = u.user_id
       LEFT JOIN identity.account_password_policies pol ON pol.account_id = u.account_id
       WHERE u.account_id = $1 AND lower(u.user_name) = lower($2)
       FOR UPDATE OF p`,
      [accountId, userName],
    );
    return rows[0] ?? null;
  }

  /** Records a verified password's use (AWS PasswordLastUsed) and its hash (a rehash, or the same one). */
  async recordUse(
    tx: EntityManager,
    accountId: string,
    userId: string,
    passwordHash: string,
    at: Date,
  ): Promise<void> {
    await tx.query(
      `UPDATE identity.login_profiles SET password_hash = $3, password_last_used_at = $4
       WHERE account_id = $1 AND user_id = $2`,
      [accountId, userId, passwordHash, at],
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
