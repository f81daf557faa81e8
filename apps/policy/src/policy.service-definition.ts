import { Module } from '@nestjs/common';
import type { DynamicModule } from '@nestjs/common';
import { GraphQLModule } from '@nestjs/graphql';
import { subgraphDefaultPort } from '@iam/common';
import { HealthController, READINESS_CHECKS, subgraphGraphQLOptions } from '@iam/graphql-kit';
import type { SubgraphHostDeps, SubgraphServiceDefinition } from '@iam/service-host';
import { AuthorizationModule } from '@iam/service-host';
import { CreatePolicyOutbox1795824000000 } from './database/migrations/1795824000000-create-policy-outbox.js';
import { CreatePolicyStore1795824000001 } from './database/migrations/1795824000001-create-policy-store.js';
import { CreateReplicaTombstones1795824000007 } from './database/migrations/1795824000007-create-replica-tombstones.js';
import { TombstoneArns1795824000008 } from './database/migrations/1795824000008-tombstone-arns.js';
import { AccountRevisionFunction1795824000009 } from './database/migrations/1795824000009-account-revision-function.js';
import { policyStoreProviders } from './managed-policies/policy-store.providers.js';
import { PolicyValidationResolver } from './policy-validation/policy-validation.resolver.js';
import { decisionsWiring } from './decisions/index.js';
import { catalogueProviders } from './catalogue/catalogue.providers.js';

@Module({})
export class PolicyAppModule {
  static register(deps: SubgraphHostDeps): DynamicModule {
    // Decisions: the identity replica, effective policies (and the internal endpoint), authorize, simulation.
    const decisions = decisionsWiring(deps);
    return {
      module: PolicyAppModule,
      imports: [
        // The one authorizer of the service (`@iam/authorization`), from its local source (`decisionsWiring` built it
        // with `authorizationFor(deps, { source })` above, so this is the same instance).
        AuthorizationModule.register(deps),
        GraphQLModule.forRoot(
          subgraphGraphQLOptions({ logger: deps.logger, production: deps.production }),
        ),
      ],
      providers: [
        PolicyValidationResolver,
        ...decisions.providers,
        // The store: managed and inline policies, attachments, boundaries, quotas, guardrails.
        ...policyStoreProviders(deps),
        // The action catalogue: product services registered per account.
        ...catalogueProviders(deps),
        { provide: READINESS_CHECKS, useValue: deps.readinessChecks },
      ],
      controllers: [HealthController, ...decisions.controllers],
    };
  }
}

/** The policy service: policy validation now; managed policies and the decision API next. */
export const POLICY_SERVICE: SubgraphServiceDefinition = {
  name: 'policy',
  defaultPort: subgraphDefaultPort('policy'),
  entities: [],
  migrations: [
    CreatePolicyOutbox1795824000000,
    CreatePolicyStore1795824000001,
    CreateReplicaTombstones1795824000007,
    TombstoneArns1795824000008,
    AccountRevisionFunction1795824000009,
  ],
  createModule: (deps) => PolicyAppModule.register(deps),
  consumers: (deps) => [...decisionsWiring(deps).consumers],
};
