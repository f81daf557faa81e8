import type { AccountId, CallerContext } from '@iam/common';
import type { EntityManager } from 'typeorm';
import type {
  CreatedAdministrator,
  InitialAdministratorInput,
  InitialAdministrators,
} from '../accounts/index.js';
import { principalArn } from '../principals/index.js';
import type { UsersService } from '../users/index.js';
import { checkNewUser } from '../users/index.js';
import type { LoginProfilesService } from './login-profiles.service.js';
import { checkPasswordParameter } from './password-policy.js';

/**
 * An account's first administrator, created with the account: CreateUser's and CreateLoginProfile's writes in the
 * account's transaction (same rules, same events). SECURITY: the password is only hashed (argon2id), never stored,
 * logged, evented or answered.
 */
export class AccountAdministrators implements InitialAdministrators {
  constructor(
    private readonly users: UsersService,
    private readonly logins: LoginProfilesService,
    private readonly partition: string,
  ) {}

  check(input: InitialAdministratorInput): void {
    checkNewUser(input);
    checkPasswordParameter('administrator.password', input.password);
  }

  async create(
    tx: EntityManager,
    caller: CallerContext,
    accountId: AccountId,
    input: InitialAdministratorInput,
    now: Date,
  ): Promise<CreatedAdministrator> {
    const user = await this.users.createInTransaction(tx, caller, accountId, input, now);
    await this.logins.createInTransaction(tx, caller, accountId, user, {
      password: input.password,
      passwordResetRequired: input.passwordResetRequired ?? false,
      now,
    });
    return {
      user,
      arn: principalArn(this.partition, accountId, 'user', user.path, user.userName),
    };
  }
}
