import { Module } from '@nestjs/common';
import type { IdentityServiceDeps } from '../principals/index.js';
import { PRINCIPAL_SERVICE_DEPS } from '../principals/index.js';
import { QuotasResolver } from './quotas.resolver.js';
import { QuotasService } from './quotas.service.js';

// PRINCIPAL_SERVICE_DEPS comes from the global PrincipalsModule (app.module.ts).
@Module({
  providers: [
    QuotasResolver,
    {
      provide: QuotasService,
      inject: [PRINCIPAL_SERVICE_DEPS],
      useFactory: (deps: IdentityServiceDeps) => new QuotasService(deps),
    },
  ],
})
export class QuotasModule {}
