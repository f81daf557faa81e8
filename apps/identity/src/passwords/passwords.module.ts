import { Module } from '@nestjs/common';
import type { Clock } from '@iam/common';
import { CLOCK } from '@iam/common';
import { PRINCIPAL_SERVICE_DEPS, UsersModule } from '../users/index.js';
import type { PrincipalServiceDeps } from '../users/users.service.js';
import { LoginProfilesResolver } from './login-profiles.resolver.js';
import { LoginProfilesService } from './login-profiles.service.js';
import { PasswordHasher } from './password-hasher.js';
import { PasswordPolicyResolver } from './password-policy.resolver.js';
import { PasswordPolicyService } from './password-policy.service.js';
import { PasswordVerifier } from './password-verifier.js';

/** Login profiles, ChangePassword and the account password policy; exports the sign-in port `PasswordVerifier`. */
@Module({
  imports: [UsersModule],
  providers: [
    { provide: PasswordHasher, useValue: new PasswordHasher() },
    {
      provide: LoginProfilesService,
      inject: [PRINCIPAL_SERVICE_DEPS, PasswordHasher],
      useFactory: (deps: PrincipalServiceDeps, hasher: PasswordHasher) =>
        new LoginProfilesService(deps, hasher),
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
    LoginProfilesResolver,
    PasswordPolicyResolver,
  ],
  exports: [PasswordVerifier, PasswordHasher],
})
export class PasswordsModule {}
