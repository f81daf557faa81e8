import { fixedError, throttledError } from '../principals/errors/error-classes.js';

/**
 * The single answer for every failed credential check: unknown account, suspended account, unknown user, a user
 * without a login profile, a wrong password, a wrong or replayed MFA code. SECURITY: one code and one message, so
 * the answer does not tell which part was wrong (NIST SP 800-63B 5.2.2; AWS's console does the same).
 */
export class InvalidCredentialsError extends fixedError({
  code: 'InvalidCredentials',
  category: 'UNAUTHENTICATED',
  message: 'the account, user name, password or MFA code is incorrect',
}) {}

/** A refresh token that is unknown, expired, revoked or already used. */
export class InvalidRefreshTokenError extends fixedError({
  code: 'InvalidRefreshToken',
  category: 'UNAUTHENTICATED',
  message: 'the refresh token is invalid, expired or revoked; sign in again',
}) {}

/** The password was right and the user has an MFA device: send the code too. Only said after the password matched. */
export class MfaRequiredError extends fixedError({
  code: 'MfaRequired',
  category: 'UNAUTHENTICATED',
  message: 'a code from the MFA device is required to sign in',
}) {}

/** The password expired and may not be changed at sign-in (AWS password policy `HardExpiry`). */
export class PasswordHardExpiredError extends fixedError({
  code: 'PasswordExpired',
  category: 'FORBIDDEN',
  message: 'the password has expired; an administrator must reset it',
}) {}

/** Too many failed sign-ins: the next attempt is refused until `retryAfterSeconds` have passed. */
export class SignInThrottledError extends throttledError({
  locked: 'sign-in is locked after repeated failures; try again later',
  wait: 'too many failed sign-ins; wait before trying again',
}) {}
