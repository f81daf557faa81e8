import type { EventEnvelope } from '../envelope.js';
import type { EventMeta } from './identity-envelope.js';
import { identityEnvelope } from './identity-envelope.js';

// SECURITY: session events never carry the session token, the refresh token or any digest of them; key names are
// also checked by `assertNoSecrets` on every append (so `restricted`, not `passwordResetRequired`).

/** How a session was authenticated: `pwd` (password), `mfa` (a TOTP code as well). RFC 8176 values. */
export type AuthenticationMethod = 'pwd' | 'mfa';

/** A user signed in: a new session exists. */
export interface SessionSignedInPayload {
  readonly accountId: string;
  readonly sessionId: string;
  readonly userId: string;
  readonly userName: string;
  readonly principalArn: string;
  readonly mfaUsed: boolean;
  readonly authMethods: readonly AuthenticationMethod[];
  /** The session may only change its password (reset required or password expired). */
  readonly restricted: boolean;
  readonly sourceIp: string;
  /** When the session (its refresh) ends at the latest. */
  readonly expiresAt: string;
}

/**
 * Why a sign-in failed, as a category only. `bad-credentials` covers an unknown user, a user without a login
 * profile and a wrong password alike (they are answered alike); `mfa-failed`: a wrong or replayed code;
 * `account-inactive`: the account is suspended; `password-expired`: the password expired for good;
 * `throttled`: the attempt was refused by the guessing bounds before the password was checked.
 */
export type SignInFailureReason =
  'bad-credentials' | 'mfa-failed' | 'account-inactive' | 'password-expired' | 'throttled';

/**
 * What a failed sign-in records instead of a user name that names no user, as CloudTrail does: what was typed may be
 * a password typed into the wrong field, another account's id or a private e-mail address.
 */
export const HIDDEN_USER_NAME = 'HIDDEN_DUE_TO_SECURITY_REASONS';

/** A sign-in attempt against an existing account failed. */
export interface SessionSignInFailedPayload {
  readonly accountId: string;
  /**
   * The name of the user the attempt named (as stored), or {@link HIDDEN_USER_NAME} when it named no user of the
   * account. SECURITY: never what was typed for an unknown user.
   */
  readonly userNameAttempted: string;
  readonly reason: SignInFailureReason;
  readonly sourceIp: string;
}

/**
 * Why a ChangePassword failed its check of the old password: `incorrect-old-password` (counted by the user's
 * sign-in throttle), `throttled` (refused by that throttle before the old password was checked).
 */
export type PasswordChangeFailureReason = 'incorrect-old-password' | 'throttled';

/**
 * A user's ChangePassword failed its check of the old password (a guess, as a failed sign-in is). Keyed by the
 * session it came from, or by the account when the caller held no session.
 */
export interface SessionPasswordChangeFailedPayload {
  readonly accountId: string;
  /** The session the request came from; null for a caller without a session (e.g. an access key). */
  readonly sessionId: string | null;
  readonly userId: string;
  readonly userName: string;
  readonly principalArn: string;
  readonly reason: PasswordChangeFailureReason;
  readonly sourceIp: string | null;
}

/** A session ended: the user signed out. */
export interface SessionSignedOutPayload {
  readonly accountId: string;
  readonly sessionId: string;
  readonly userId: string;
  readonly principalArn: string;
}

/**
 * Why a session was revoked: `administrator` (revokeUserSessions), `refresh-reuse` (an already-rotated refresh
 * token came back: presumed theft), `account-suspended`, `user-deleted`, `password-reset` (an administrator set a
 * new password: UpdateLoginProfile), `login-profile-deleted` (DeleteLoginProfile), `password-changed` (the user
 * changed its own password: its other sessions end, the one it changed it from goes on).
 */
export type SessionRevocationReason =
  | 'administrator'
  | 'refresh-reuse'
  | 'account-suspended'
  | 'user-deleted'
  | 'password-reset'
  | 'login-profile-deleted'
  | 'password-changed';

/** A session was revoked before its end. */
export interface SessionRevokedPayload {
  readonly accountId: string;
  readonly sessionId: string;
  readonly userId: string;
  readonly principalArn: string;
  readonly reason: SessionRevocationReason;
}

/** Session event types on `iam.identity.session`. */
export type SessionEventType =
  | 'session.signed-in.v1'
  | 'session.sign-in-failed.v1'
  | 'session.password-change-failed.v1'
  | 'session.signed-out.v1'
  | 'session.revoked.v1';

/** The payload of each session event type. */
export interface SessionEventPayloads {
  readonly 'session.signed-in.v1': SessionSignedInPayload;
  readonly 'session.sign-in-failed.v1': SessionSignInFailedPayload;
  readonly 'session.password-change-failed.v1': SessionPasswordChangeFailedPayload;
  readonly 'session.signed-out.v1': SessionSignedOutPayload;
  readonly 'session.revoked.v1': SessionRevokedPayload;
}

/** A session event envelope. */
export type SessionEvent<T extends SessionEventType = SessionEventType> = EventEnvelope<
  T,
  SessionEventPayloads[T]
>;

/** What a session event builder needs besides the payload. Pure: the caller supplies id and time. */
export type SessionEventMeta = EventMeta;

/**
 * Builds a session event. The aggregate is the session (so one session's events stay ordered); a failed sign-in
 * (or a failed password change without a session) has no session and is keyed by its account.
 */
export function sessionEvent<T extends SessionEventType>(
  type: T,
  meta: SessionEventMeta,
  payload: SessionEventPayloads[T],
): SessionEvent<T> {
  const aggregateId =
    'sessionId' in payload && payload.sessionId !== null ? payload.sessionId : payload.accountId;
  return identityEnvelope(type, 'session', aggregateId, meta, payload);
}
