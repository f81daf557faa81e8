import { randomUUID } from 'node:crypto';
import type { CallerContext } from '@iam/common';
import type {
  AccountPasswordPolicyEventType,
  EventEnvelope,
  LoginProfileEventType,
} from '@iam/event-contracts';
import { accountPasswordPolicyEvent, loginProfileEvent } from '@iam/event-contracts';
import { actorOf } from '../principals/index.js';
import type { LoginProfileEntity } from './login-profile.entity.js';
import type { PasswordPolicyRules } from './password-policy.js';

// SECURITY: only public state; the password and its hash never appear in an event.

/** A `login-profile.*` or `password.changed.v1` event for a login profile's public state. */
export function loginProfileChangedEvent(
  type: LoginProfileEventType,
  profile: LoginProfileEntity,
  userName: string,
  caller: CallerContext,
  at: Date,
): EventEnvelope {
  return loginProfileEvent(
    type,
    { id: randomUUID(), occurredAt: at.toISOString(), actor: actorOf(caller) },
    {
      accountId: profile.accountId,
      userId: profile.userId,
      userName,
      createdAt: profile.createdAt.toISOString(),
      resetRequired: profile.passwordResetRequired,
      lastChangedAt: profile.passwordChangedAt.toISOString(),
    },
  );
}

/** An `account-password-policy.*` event for a policy's state (for deletion, its last state). */
export function passwordPolicyChangedEvent(
  type: AccountPasswordPolicyEventType,
  accountId: string,
  policy: PasswordPolicyRules,
  caller: CallerContext,
  at: Date,
): EventEnvelope {
  return accountPasswordPolicyEvent(
    type,
    { id: randomUUID(), occurredAt: at.toISOString(), actor: actorOf(caller) },
    {
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
    },
  );
}
