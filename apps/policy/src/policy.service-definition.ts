import { Module } from '@nestjs/common';
import type { DynamicModule } from '@nestjs/common';
import { GraphQLModule } from '@nestjs/graphql';
import { subgraphDefaultPort } from '@iam/common';
import { Authorizer } from '@iam/authorization';
import { HealthController, READINESS_CHECKS, subgraphGraphQLOptions } from '@iam/graphql-kit';
import type { SubgraphHostDeps, SubgraphServiceDefinition } from '@iam/service-host';
import { CreatePolicyOutbox1795824000000 } from './database/migrations/1795824000000-create-policy-outbox.js';
import { CreatePolicyStore1795824000001 } from './database/migrations/1795824000001-create-policy-store.js';
import { PolicyValidationResolver } from './policy-validation/policy-validation.resolver.js';
import { catalogueProviders } from './catalogue/catalogue.providers.js';

@Module({})
export class PolicyAppModule {
  static register(deps: SubgraphHostDeps): DynamicModule {
    return {
      module: PolicyAppModule,
      imports: [
        GraphQLModule.forRoot(
          subgraphGraphQLOptions({ logger: deps.logger, production: deps.production }),
        ),
      ],
      providers: [
        PolicyValidationResolver,
        ...catalogueProviders(deps),
        // The one authorizer of every subgraph (`@iam/authorization`).
        { provide: Authorizer, useValue: new Authorizer() },
        { provide: READINESS_CHECKS, useValue: deps.readinessChecks },
      ],
      controllers: [HealthController],
    };
  }
}

/** The policy service: policy validation now; managed policies and the decision API next. */
export const POLICY_SERVICE: SubgraphServiceDefinition = {
  name: 'policy',
  defaultPort: subgraphDefaultPort('policy'),
  entities: [],
  migrations: [CreatePolicyOutbox1795824000000, CreatePolicyStore1795824000001],
  createModule: (deps) => PolicyAppModule.register(deps),
};
