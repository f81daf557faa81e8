import { Module } from '@nestjs/common';
import { SecretBox } from '@iam/service-kit';
import type { PrincipalServiceDeps } from '../principals/index.js';
import { PRINCIPAL_SERVICE_DEPS } from '../principals/index.js';
import { MfaResolver } from './mfa.resolver.js';
import { MfaService } from './mfa.service.js';
import { MfaVerifier } from './mfa-verifier.js';

/** Virtual MFA devices; exports the sign-in port `MfaVerifier`. */
@Module({
  providers: [
    MfaResolver,
    {
      provide: MfaService,
      inject: [PRINCIPAL_SERVICE_DEPS, SecretBox],
      useFactory: (deps: PrincipalServiceDeps, secretBox: SecretBox) =>
        new MfaService(deps, secretBox),
    },
    {
      provide: MfaVerifier,
      inject: [SecretBox],
      useFactory: (secretBox: SecretBox) => new MfaVerifier(secretBox),
    },
  ],
  exports: [MfaVerifier],
})
export class MfaModule {}
