import type { Provider } from '@nestjs/common';
import { Authorizer } from '@iam/authorization';
import { TenantTransaction } from '@iam/persistence';
import type { SubgraphHostDeps } from '@iam/service-host';
import { AccountRevisionRepository } from '../revisions/account-revision.repository.js';
import { RegisteredServiceRepository } from './registered-service.repository.js';
import { RegisteredServicesResolver } from './registered-services.resolver.js';
import { RegisteredServicesService } from './registered-services.service.js';

/** The registry of product services and the catalogue query, for the policy module's providers. */
export function catalogueProviders(deps: SubgraphHostDeps): Provider[] {
  return [
    RegisteredServicesResolver,
    {
      provide: RegisteredServicesService,
      inject: [Authorizer],
      useFactory: (authorizer: Authorizer) =>
        new RegisteredServicesService(
          {
            tenantTx: new TenantTransaction(deps.dataSource),
            outbox: deps.outbox,
            authorizer,
            partition: deps.partition,
            now: () => new Date(),
          },
          new RegisteredServiceRepository(),
          new AccountRevisionRepository(),
        ),
    },
  ];
}
