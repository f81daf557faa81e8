import type { AccountId, CallerContext } from '@iam/common';
import type { EntityManager } from 'typeorm';
import type { UserEntity } from '../users/index.js';

/** `createAccount`'s optional first administrator: an IAM user with a login profile. */
export interface InitialAdministratorInput {
  readonly userName: string;
  /** Must meet the account's password policy (the default policy: the account is new). Never stored or evented. */
  readonly password: string;
  readonly passwordResetRequired?: boolean | null;
  readonly path?: string | null;
}

/** The administrator created with an account, and its ARN. */
export interface CreatedAdministrator {
  readonly user: UserEntity;
  readonly arn: string;
}

/**
 * Creates an account's first administrator in the account's creating transaction (implemented by the passwords
 * feature, which knows users and login profiles, so that accounts import neither).
 */
export interface InitialAdministrators {
  /** Checks what can be checked before any write (name, path, password characters): `InvalidInput`. */
  check(input: InitialAdministratorInput): void;
  /**
   * The user (`user.created.v1`) and its login profile (`login-profile.created.v1`) in `tx`; the password policy
   * applies (`PasswordPolicyViolation`, which rolls the account back too).
   */
  create(
    tx: EntityManager,
    caller: CallerContext,
    accountId: AccountId,
    input: InitialAdministratorInput,
    now: Date,
  ): Promise<CreatedAdministrator>;
}
