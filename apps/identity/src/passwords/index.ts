export { PasswordsModule } from './passwords.module.js';
export { PasswordVerifier } from './password-verifier.js';
export type { Argon2idOptions } from './password-hasher.js';
export { DEFAULT_ARGON2ID_OPTIONS, PasswordHasher } from './password-hasher.js';
export { LOGIN_PROFILE_ATTACHMENT } from './login-profile.attachment.js';
export type { PasswordPolicyRules } from './password-policy.js';
export { DEFAULT_PASSWORD_POLICY } from './password-policy.js';
export { AccountPasswordPolicyEntity } from './password-policy.entity.js';
export { LoginProfileEntity, PasswordHistoryEntity } from './login-profile.entity.js';
