import type { EntityManager } from 'typeorm';
import type { ThrottlePolicy, ThrottleRow, ThrottleState } from './throttle.js';
import { stateAfterFailure, toState } from './throttle.js';

/**
 * The per-user counters (`identity.sign_in_user_throttles`, a tenant table under row-level security). Keyed by
 * account and the `UserNameKeys` key of the typed name, whether or not such a user exists, so that unknown
 * names are throttled alike.
 */
export class UserThrottleRepository {
  /**
   * Locks (creating it if needed) the counter row for the rest of the transaction, so that attempts on one user
   * name run one at a time and each sees the previous one's failure (no parallel guessing inside a delay).
   */
  async lock(
    tx: EntityManager,
    accountId: string,
    userNameKey: string,
    now: Date,
  ): Promise<ThrottleState | null> {
    // Usually there is no counter (a success deletes it): the insert then creates and holds the row, and its
    // RETURNING answers in the same round trip. An existing counter is left alone and locked by the SELECT.
    const inserted: ThrottleRow[] = await tx.query(
      `INSERT INTO identity.sign_in_user_throttles
         (account_id, user_name_key, failures, next_allowed_at, locked, last_failure_at)
       VALUES ($1, $2, 0, $3, false, NULL)
       ON CONFLICT (account_id, user_name_key) DO NOTHING
       RETURNING failures, next_allowed_at, locked`,
      [accountId, userNameKey, now],
    );
    if (inserted.length > 0) return toState(inserted[0]);
    const rows: ThrottleRow[] = await tx.query(
      `SELECT failures, next_allowed_at, locked FROM identity.sign_in_user_throttles
       WHERE account_id = $1 AND user_name_key = $2 FOR UPDATE`,
      [accountId, userNameKey],
    );
    return toState(rows[0]);
  }

  /** Counts one failure (one statement, race-safe) and stores the resulting back-off. */
  async recordFailure(
    tx: EntityManager,
    accountId: string,
    userNameKey: string,
    now: Date,
    policy: ThrottlePolicy,
  ): Promise<ThrottleState> {
    const rows: { failures: number }[] = await tx.query(
      `INSERT INTO identity.sign_in_user_throttles AS t
         (account_id, user_name_key, failures, next_allowed_at, locked, last_failure_at)
       VALUES ($1, $2, 1, $3, false, $3)
       ON CONFLICT (account_id, user_name_key) DO UPDATE SET
         failures = CASE WHEN t.last_failure_at IS NULL OR t.last_failure_at < $3::timestamptz - make_interval(secs => $4::double precision)
                         THEN 1 ELSE t.failures + 1 END,
         last_failure_at = $3
       RETURNING failures`,
      [accountId, userNameKey, now, policy.forgetAfterSeconds],
    );
    const state = stateAfterFailure(rows[0]!.failures, now, policy);
    await tx.query(
      `UPDATE identity.sign_in_user_throttles SET next_allowed_at = $3, locked = $4
       WHERE account_id = $1 AND user_name_key = $2`,
      [accountId, userNameKey, state.nextAllowedAt, state.locked],
    );
    return state;
  }

  // A sign-in's success resets the user's counter: SessionRepository.insert deletes it in the session's own statement.

  /** Resets the user's counter after a success outside sign-in (ChangePassword's old password matched). */
  async reset(tx: EntityManager, accountId: string, userNameKey: string): Promise<void> {
    await tx.query(
      `DELETE FROM identity.sign_in_user_throttles WHERE account_id = $1 AND user_name_key = $2`,
      [accountId, userNameKey],
    );
  }

  /**
   * Platform housekeeping: counters nobody failed on for longer than the policy remembers, and whose back-off or
   * lock is over (counters of unknown user names would otherwise pile up).
   */
  async platformPurgeQuiet(tx: EntityManager, now: Date, policy: ThrottlePolicy): Promise<number> {
    const result: [unknown[], number] = await tx.query(
      `DELETE FROM identity.sign_in_user_throttles
       WHERE coalesce(last_failure_at, next_allowed_at) < $1::timestamptz - make_interval(secs => $2::double precision)
         AND next_allowed_at < $1`,
      [now, policy.forgetAfterSeconds],
    );
    return result[1];
  }
}
