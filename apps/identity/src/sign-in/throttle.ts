import { createHmac } from 'node:crypto';
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

/** A counter's row (both counter tables have these columns). */
export interface ThrottleRow {
  readonly failures: number;
  readonly next_allowed_at: Date;
  readonly locked: boolean;
}

/** The state of a counter's row, `null` when there is none. */
export function toState(row: ThrottleRow | undefined): ThrottleState | null {
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
