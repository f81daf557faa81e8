import { createHmac } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { SecretBox } from '@iam/service-kit';

// NIST SP 800-63B 5.2.2 (rate limiting): at most 100 consecutive failed attempts on one account before it is
// locked, with growing delays before that. Counters live in PostgreSQL so every identity instance sees them.

/** How one counter (a user name in an account, or a source address) reacts to failures. */
export interface ThrottlePolicy {
  /** Failures answered without delay. */
  readonly freeFailures: number;
  /** The delay after the first delayed failure; it doubles with each further failure. */
  readonly baseDelaySeconds: number;
  /** Upper bound of the back-off delay. */
  readonly maxDelaySeconds: number;
  /** Every `lockAfterFailures`-th consecutive failure locks the counter for `lockSeconds` (at most 100: NIST). */
  readonly lockAfterFailures: number;
  readonly lockSeconds: number;
  /** A counter without a failure for this long starts again from zero. */
  readonly forgetAfterSeconds: number;
}

/** Per (account, user name): 3 free failures, then 1 s, 2 s, 4 s … (at most 60 s); 10 failures lock for 15 min. */
export const USER_THROTTLE_POLICY: ThrottlePolicy = {
  freeFailures: 3,
  baseDelaySeconds: 1,
  maxDelaySeconds: 60,
  lockAfterFailures: 10,
  lockSeconds: 15 * 60,
  forgetAfterSeconds: 24 * 60 * 60,
};

/**
 * Per source address: looser (offices and NATs share an address) but bounds one address spraying many user
 * names: 20 free failures, back-off to 60 s, 100 failures lock the address for 15 min; forgotten after an hour.
 */
export const SOURCE_THROTTLE_POLICY: ThrottlePolicy = {
  freeFailures: 20,
  baseDelaySeconds: 1,
  maxDelaySeconds: 60,
  lockAfterFailures: 100,
  lockSeconds: 15 * 60,
  forgetAfterSeconds: 60 * 60,
};

/** Checks a policy's invariants (the NIST bound among them); throws on a bad one. */
export function checkThrottlePolicy(policy: ThrottlePolicy): ThrottlePolicy {
  if (!(policy.lockAfterFailures >= 1 && policy.lockAfterFailures <= 100)) {
    throw new Error('lockAfterFailures must be between 1 and 100 (NIST SP 800-63B 5.2.2)');
  }
  if (policy.freeFailures < 0 || policy.freeFailures >= policy.lockAfterFailures) {
    throw new Error('freeFailures must be below lockAfterFailures');
  }
  if (policy.forgetAfterSeconds <= policy.lockSeconds) {
    throw new Error('forgetAfterSeconds must exceed lockSeconds');
  }
  return policy;
}

/** What a counter says after its `failures`-th consecutive failure at `now`. */
export interface ThrottleState {
  readonly nextAllowedAt: Date;
  readonly locked: boolean;
}

/** Pure: the state after the `failures`-th consecutive failure. */
export function stateAfterFailure(
  failures: number,
  now: Date,
  policy: ThrottlePolicy,
): ThrottleState {
  if (failures > 0 && failures % policy.lockAfterFailures === 0) {
    return { nextAllowedAt: new Date(now.getTime() + policy.lockSeconds * 1000), locked: true };
  }
  if (failures <= policy.freeFailures) return { nextAllowedAt: now, locked: false };
  const exponent = Math.min(failures - policy.freeFailures - 1, 30);
  const delay = Math.min(policy.baseDelaySeconds * 2 ** exponent, policy.maxDelaySeconds);
  return { nextAllowedAt: new Date(now.getTime() + delay * 1000), locked: false };
}

/** Why an attempt is refused now, or `null` when it may go ahead. */
export interface ThrottleRefusal {
  readonly retryAfterSeconds: number;
  readonly locked: boolean;
}

/** Pure: whether a counter in `state` refuses an attempt at `now`. */
export function refusalAt(state: ThrottleState | null, now: Date): ThrottleRefusal | null {
  if (state === null || state.nextAllowedAt.getTime() <= now.getTime()) return null;
  return {
    retryAfterSeconds: Math.max(
      1,
      Math.ceil((state.nextAllowedAt.getTime() - now.getTime()) / 1000),
    ),
    locked: state.locked,
  };
}

interface ThrottleRow {
  readonly failures: number;
  readonly next_allowed_at: Date;
  readonly locked: boolean;
}

function toState(row: ThrottleRow | undefined): ThrottleState | null {
  return row ? { nextAllowedAt: new Date(row.next_allowed_at), locked: row.locked } : null;
}

/** A counter's columns read through an outer join: all null when there is no counter. */
export type NullableThrottleRow = { [K in keyof ThrottleRow]: ThrottleRow[K] | null };

/** The state of a counter read through an outer join, `null` when there is none. */
export function throttleStateOf(row: NullableThrottleRow): ThrottleState | null {
  return row.failures === null || row.next_allowed_at === null || row.locked === null
    ? null
    : toState(row as ThrottleRow);
}

/**
 * The key of a user-name counter: HMAC-SHA256 of the lower-cased typed name under a key derived from the data key
 * ring. SECURITY: what was typed for a user name is never stored, as typed (it may be a password typed into the
 * wrong field, as CloudTrail's `HIDDEN_DUE_TO_SECURITY_REASONS` assumes) nor as a plain digest that a dictionary
 * could reverse. A new data key starts every counter afresh, which only forgets recent failures.
 */
export class UserNameKeys {
  static readonly LABEL = 'iam/identity/sign-in-user-throttle/v1';
  private readonly secret: Buffer;

  constructor(secretBox: SecretBox) {
    this.secret = secretBox.deriveKey(UserNameKeys.LABEL);
  }

  of(userName: string): string {
    return createHmac('sha256', this.secret)
      .update(userName.toLowerCase(), 'utf8')
      .digest('base64url');
  }
}

/**
 * The per-user counters (`identity.sign_in_user_throttles`, a tenant table under row-level security). Keyed by
 * account and the {@link UserNameKeys} key of the typed name, whether or not such a user exists, so that unknown
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

/**
 * The per-source-address counters (`identity.sign_in_source_throttles`, global: platform transactions only).
 * A success does not reset them (one valid account must not launder an address's failures); they decay instead.
 */
export class SourceThrottleRepository {
  async state(tx: EntityManager, sourceIp: string): Promise<ThrottleState | null> {
    const rows: ThrottleRow[] = await tx.query(
      `SELECT failures, next_allowed_at, locked FROM identity.sign_in_source_throttles WHERE source_ip = $1`,
      [sourceIp],
    );
    return toState(rows[0]);
  }

  /** Counts one failure in one statement (race-safe under concurrent attempts from the same address). */
  async recordFailure(
    tx: EntityManager,
    sourceIp: string,
    now: Date,
    policy: ThrottlePolicy,
  ): Promise<ThrottleState> {
    const rows: { failures: number }[] = await tx.query(
      `INSERT INTO identity.sign_in_source_throttles AS t
         (source_ip, failures, next_allowed_at, locked, last_failure_at)
       VALUES ($1, 1, $2, false, $2)
       ON CONFLICT (source_ip) DO UPDATE SET
         failures = CASE WHEN t.last_failure_at < $2::timestamptz - make_interval(secs => $3::double precision)
                         THEN 1 ELSE t.failures + 1 END,
         last_failure_at = $2
       RETURNING failures`,
      [sourceIp, now, policy.forgetAfterSeconds],
    );
    const state = stateAfterFailure(rows[0]!.failures, now, policy);
    await tx.query(
      `UPDATE identity.sign_in_source_throttles SET next_allowed_at = $2, locked = $3 WHERE source_ip = $1`,
      [sourceIp, state.nextAllowedAt, state.locked],
    );
    return state;
  }

  /** Removes counters that have been quiet for longer than the policy remembers (housekeeping). */
  async purgeStale(tx: EntityManager, now: Date, policy: ThrottlePolicy): Promise<number> {
    const result: [unknown[], number] = await tx.query(
      `DELETE FROM identity.sign_in_source_throttles
       WHERE last_failure_at < $1::timestamptz - make_interval(secs => $2::double precision) AND next_allowed_at < $1`,
      [now, policy.forgetAfterSeconds],
    );
    return result[1];
  }
}
