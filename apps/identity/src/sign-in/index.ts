export type { SignInModuleOptions } from './sign-in.module.js';
export { DEFAULT_SIGN_IN_SETTINGS, SignInModule } from './sign-in.module.js';
export type { PasswordSessionRevocationReason, SignInSettings } from './sign-in.service.js';
export {
  REVOKE_USER_SESSIONS_ACTION,
  SESSION_ID_CONTEXT_KEY,
  SignInService,
} from './sign-in.service.js';
export type { MfaVerifierPort, PasswordVerifierPort, VerifiedPassword } from './ports.js';
export { MFA_VERIFIER, PASSWORD_VERIFIER } from './ports.js';
