import type { LoginProfileView } from './login-profiles.service.js';
import type { LoginProfileModel, PasswordPolicyModel } from './password.model.js';
import type { PasswordPolicyRules } from './password-policy.js';

/** Login profile → GraphQL model (never the hash). */
export function toLoginProfileModel(view: LoginProfileView): LoginProfileModel {
  return {
    userName: view.user.userName,
    createDate: view.profile.createdAt,
    passwordResetRequired: view.profile.passwordResetRequired,
    passwordLastChanged: view.profile.passwordChangedAt,
    passwordLastUsed: view.profile.passwordLastUsedAt,
    passwordExpired: view.passwordExpired,
    passwordExpiresAt: view.passwordExpiresAt,
  };
}

/** Password policy → GraphQL model. */
export function toPasswordPolicyModel(policy: PasswordPolicyRules): PasswordPolicyModel {
  return {
    minimumPasswordLength: policy.minimumPasswordLength,
    requireSymbols: policy.requireSymbols,
    requireNumbers: policy.requireNumbers,
    requireUppercaseCharacters: policy.requireUppercaseCharacters,
    requireLowercaseCharacters: policy.requireLowercaseCharacters,
    allowUsersToChangePassword: policy.allowUsersToChangePassword,
    expirePasswords: policy.maxPasswordAge !== null,
    maxPasswordAge: policy.maxPasswordAge,
    passwordReusePrevention: policy.passwordReusePrevention,
    hardExpiry: policy.hardExpiry,
  };
}
