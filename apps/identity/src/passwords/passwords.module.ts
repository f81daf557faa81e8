import { Module } from '@nestjs/common';
import type { Clock } from '@iam/common';
import { CLOCK } from '@iam/common';
import { SignInService } from '../sign-in/index.js';
import type { PrincipalServiceDeps } from '../principals/index.js';
import { PRINCIPAL_SERVICE_DEPS } from '../principals/index.js';
import { LoginProfilesResolver } from './login-profiles.resolver.js';
import { LoginProfilesService } from './login-profiles.service.js';
import { PasswordHasher } from './password-hasher.js';
import { PasswordPolicyResolver } from './password-policy.resolver.js';
import { PasswordPolicyService } from './password-policy.service.js';
import { PasswordVerifier } from './password-verifier.js';
import { AccountAdministrators } from './initial-administrators.js';
import { UserRepository, UsersService } from '../users/index.js';

/**
 * Login profiles, ChangePassword and the account password policy; exports the sign-in port `PasswordVerifier` and
 * the accounts' port `AccountAdministrators` (an account's first administrator).
 */
@Module({
  providers: [
    { provide: PasswordHasher, useValue: new PasswordHasher() },
    {
      provide: LoginProfilesService,
      // SignInService comes from the global SignInModule: guessing bounds and session revocation.
      inject: [PRINCIPAL_SERVICE_DEPS, PasswordHasher, SignInService],
      useFactory: (deps: PrincipalServiceDeps, hasher: PasswordHasher, signIn: SignInService) =>
        new LoginProfilesService(deps, hasher, signIn),
    },
    {
      provide: PasswordPolicyService,
      inject: [PRINCIPAL_SERVICE_DEPS],
      useFactory: (deps: PrincipalServiceDeps) => new PasswordPolicyService(deps),
    },
    {
      provide: PasswordVerifier,
      inject: [PasswordHasher, CLOCK],
      useFactory: (hasher: PasswordHasher, clock: Clock) =>
        new PasswordVerifier(hasher, () => clock.now()),
    },
    {
      provide: AccountAdministrators,
      inject: [PRINCIPAL_SERVICE_DEPS, LoginProfilesService],
      useFactory: (deps: PrincipalServiceDeps, logins: LoginProfilesService) =>
        new AccountAdministrators(
          new UsersService(deps, new UserRepository()),
          logins,
          deps.partition,
        ),
    },
    LoginProfilesResolver,
    PasswordPolicyResolver,
  ],
  exports: [PasswordVerifier, PasswordHasher, AccountAdministrators],
})
export class PasswordsModule {}
