import { DomainError } from '@iam/common';
import {
  entityAlreadyExists,
  fixedError,
  noSuchEntity,
  throttledError,
} from '../principals/errors/error-classes.js';

/**
 * AWS `NoSuchEntity`: the user has no login profile ("Login Profile for User <name> cannot be found"). A user of
 * another account, or no user at all, answers `NoSuchEntity` for the user instead, like every user operation.
 */
export class LoginProfileNotFoundError extends noSuchEntity('login profile for user') {}

/** AWS `EntityAlreadyExists` from CreateLoginProfile: the user already has a login profile. */
export class LoginProfileAlreadyExistsError extends entityAlreadyExists('login profile for user') {}

/** AWS `NoSuchEntity` from Get/DeleteAccountPasswordPolicy: the account has no password policy set. */
export class PasswordPolicyNotFoundError extends noSuchEntity('password policy of account') {}

/**
 * AWS `PasswordPolicyViolation` (HTTP 400): the password breaks the account's password policy or is a common
 * password. Lists every rule broken (collect-all) in `problems`; SECURITY: never quotes the password.
 */
export class PasswordPolicyViolationError extends DomainError {
  readonly code = 'PasswordPolicyViolation';
  readonly category = 'BAD_USER_INPUT';

  constructor(readonly problems: readonly string[]) {
    super(`the password does not meet the account's password policy: ${problems.join('; ')}`, {
      problemCount: problems.length,
    });
  }
}

/**
 * `Throttling` from ChangePassword: too many wrong old passwords for the user (sign-in's per-user counter, shared
 * with sign-in), so the attempt is refused before the old password is checked.
 */
export class PasswordChangeThrottledError extends throttledError({
  locked:
    'password changes and sign-ins of this user are locked after repeated failures; try again later',
  wait: 'too many wrong passwords for this user; wait before trying again',
}) {}

/** AWS `InvalidUserType` (HTTP 400): ChangePassword called by something other than an IAM user (root, a role). */
export class InvalidUserTypeError extends fixedError({
  code: 'InvalidUserType',
  category: 'BAD_USER_INPUT',
  message: 'only an IAM user can change its own password with ChangePassword',
}) {}

/**
 * `AccessDenied` from ChangePassword: the old password is not the user's current password. The same code as a
 * refused authorization, and no detail.
 */
export class IncorrectOldPasswordError extends fixedError({
  code: 'AccessDenied',
  category: 'FORBIDDEN',
  message: 'the old password is incorrect',
}) {}

/**
 * `PasswordExpired` (HTTP 403) from ChangePassword: the password expired and the account's policy has HardExpiry,
 * so only an administrator can set a new one (UpdateLoginProfile). Same code as sign-in's refusal.
 */
export class PasswordHardExpiredError extends fixedError({
  code: 'PasswordExpired',
  category: 'FORBIDDEN',
  message: 'the password has expired; an administrator must reset it',
}) {}
