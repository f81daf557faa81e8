import { accountPasswordPolicyEvent, loginProfileEvent } from '@iam/event-contracts';
import { changeEventBuilder } from '../principals/events/change-event.js';
import type { LoginProfileEntity } from './login-profile.entity.js';
import type { PasswordPolicyRules } from './password-policy.js';

// SECURITY: only public state; the password and its hash never appear in an event.

/** A `login-profile.*` or `password.changed.v1` event for a login profile's public state. */
export const loginProfileChangedEvent = changeEventBuilder(
  loginProfileEvent,
  (profile: LoginProfileEntity, userName: string) => ({
    accountId: profile.accountId,
    userId: profile.userId,
    userName,
    createdAt: profile.createdAt.toISOString(),
    resetRequired: profile.passwordResetRequired,
    lastChangedAt: profile.passwordChangedAt.toISOString(),
  }),
);

/** An `account-password-policy.*` event for a policy's state (for deletion, its last state). */
export const passwordPolicyChangedEvent = changeEventBuilder(
  accountPasswordPolicyEvent,
  (accountId: string, policy: PasswordPolicyRules) => ({
    accountId,
    minimumLength: policy.minimumPasswordLength,
    requireSymbols: policy.requireSymbols,
    requireNumbers: policy.requireNumbers,
    requireUppercaseCharacters: policy.requireUppercaseCharacters,
    requireLowercaseCharacters: policy.requireLowercaseCharacters,
    allowUsersToChange: policy.allowUsersToChangePassword,
    maxAgeDays: policy.maxPasswordAge,
    reusePrevention: policy.passwordReusePrevention,
    hardExpiry: policy.hardExpiry,
  }),
);
