import type { EventEnvelope } from '../envelope.js';
import type { EventMeta } from './principal-events.js';

// SECURITY: password events describe that something changed, never the password or its hash. The outbox's
// no-secrets check rejects any key containing `password`, `hash`, `secret`, ... so the payload keys below avoid
// those words (`resetRequired`, not `passwordResetRequired`).

/** The public state of a user's login profile carried by `login-profile.*` and `password.changed.v1`. */
export interface LoginProfilePayload {
  readonly accountId: string;
  readonly userId: string;
  readonly userName: string;
  readonly createdAt: string;
  /** The user must choose a new password at next sign-in (AWS PasswordResetRequired). */
  readonly resetRequired: boolean;
  /** When the current password was set. */
  readonly lastChangedAt: string;
}

/** An account's password policy as carried by `account-password-policy.*` (AWS PasswordPolicy, renamed keys). */
export interface AccountPasswordPolicyPayload {
  readonly accountId: string;
  /** AWS MinimumPasswordLength. */
  readonly minimumLength: number;
  readonly requireSymbols: boolean;
  readonly requireNumbers: boolean;
  readonly requireUppercaseCharacters: boolean;
  readonly requireLowercaseCharacters: boolean;
  /** AWS AllowUsersToChangePassword. */
  readonly allowUsersToChange: boolean;
  /** AWS MaxPasswordAge in days; null: no expiry. */
  readonly maxAgeDays: number | null;
  /** AWS PasswordReusePrevention; null: none. */
  readonly reusePrevention: number | null;
  readonly hardExpiry: boolean;
}

/**
 * Login profile events on `iam.identity.login-profile`, keyed by the user id: `created`/`updated`/`deleted` by an
 * administrator (Create/Update/DeleteLoginProfile, or a forced DeleteUser), `password.changed.v1` by the user
 * itself (ChangePassword).
 */
export type LoginProfileEventType =
  | 'login-profile.created.v1'
  | 'login-profile.updated.v1'
  | 'login-profile.deleted.v1'
  | 'password.changed.v1';

/** Password policy events on `iam.identity.account-password-policy`, keyed by the account id. */
export type AccountPasswordPolicyEventType =
  'account-password-policy.updated.v1' | 'account-password-policy.deleted.v1';

/** A login profile event envelope. */
export type LoginProfileEvent = EventEnvelope<LoginProfileEventType, LoginProfilePayload>;
/** An account password policy event envelope (for deletion, the policy's last state). */
export type AccountPasswordPolicyEvent = EventEnvelope<
  AccountPasswordPolicyEventType,
  AccountPasswordPolicyPayload
>;

/** Builds a login profile event (aggregate id: the user id). Pure: the caller supplies id and time. */
export function loginProfileEvent(
  type: LoginProfileEventType,
  meta: EventMeta,
  profile: LoginProfilePayload,
): LoginProfileEvent {
  return {
    specVersion: 1,
    id: meta.id,
    type,
    source: 'identity',
    accountId: profile.accountId,
    aggregateType: 'login-profile',
    aggregateId: profile.userId,
    occurredAt: meta.occurredAt,
    actor: meta.actor,
    payload: profile,
  };
}

/** Builds an account password policy event (aggregate id: the account id). */
export function accountPasswordPolicyEvent(
  type: AccountPasswordPolicyEventType,
  meta: EventMeta,
  policy: AccountPasswordPolicyPayload,
): AccountPasswordPolicyEvent {
  return {
    specVersion: 1,
    id: meta.id,
    type,
    source: 'identity',
    accountId: policy.accountId,
    aggregateType: 'account-password-policy',
    aggregateId: policy.accountId,
    occurredAt: meta.occurredAt,
    actor: meta.actor,
    payload: policy,
  };
}
