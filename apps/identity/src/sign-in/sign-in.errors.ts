import { DomainError } from '@iam/common';

/**
 * The single answer for every failed credential check: unknown account, suspended account, unknown user, a user
 * without a login profile, a wrong password, a wrong or replayed MFA code. SECURITY: one code and one message, so
 * the answer does not tell which part was wrong (NIST SP 800-63B 5.2.2; AWS's console does the same).
 */
export class InvalidCredentialsError extends DomainError {
  readonly code = 'InvalidCredentials';
  readonly category = 'UNAUTHENTICATED';

  constructor() {
    super('the account, user name, password or MFA code is incorrect');
  }
}

/** A refresh token that is unknown, expired, revoked or already used. */
export class InvalidRefreshTokenError extends DomainError {
  readonly code = 'InvalidRefreshToken';
  readonly category = 'UNAUTHENTICATED';

  constructor() {
    super('the refresh token is invalid, expired or revoked; sign in again');
  }
}

/** The password was right and the user has an MFA device: send the code too. Only said after the password matched. */
export class MfaRequiredError extends DomainError {
  readonly code = 'MfaRequired';
  readonly category = 'UNAUTHENTICATED';

  constructor() {
    super('a code from the MFA device is required to sign in');
  }
}

/** The password expired and may not be changed at sign-in (AWS password policy `HardExpiry`). */
export class PasswordHardExpiredError extends DomainError {
  readonly code = 'PasswordExpired';
  readonly category = 'FORBIDDEN';

  constructor() {
    super('the password has expired; an administrator must reset it');
  }
}

/** Too many failed sign-ins: the next attempt is refused until `retryAfterSeconds` have passed. */
export class SignInThrottledError extends DomainError {
  // AWS: `Throttling` is AWS's code for a refused, retryable request.
  readonly code = 'Throttling';
  readonly category = 'RATE_LIMITED';

  constructor(retryAfterSeconds: number, locked: boolean) {
    super(
      locked
        ? 'sign-in is locked after repeated failures; try again later'
        : 'too many failed sign-ins; wait before trying again',
      { retryAfterSeconds, locked },
    );
  }
}
