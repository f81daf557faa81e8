import { Module } from '@nestjs/common';
import type { DynamicModule } from '@nestjs/common';
import { GraphQLModule } from '@nestjs/graphql';
import { subgraphDefaultPort } from '@iam/common';
import type { EffectivePolicySource } from '@iam/authorization';
import { HealthController, READINESS_CHECKS, subgraphGraphQLOptions } from '@iam/graphql-kit';
import type { SubgraphHostDeps, SubgraphServiceDefinition } from '@iam/service-host';
import { AuthorizationModule } from '@iam/service-host';
import { CreatePolicyOutbox1795824000000 } from './database/migrations/1795824000000-create-policy-outbox.js';
import { CreatePolicyStore1795824000001 } from './database/migrations/1795824000001-create-policy-store.js';
import { PolicyValidationResolver } from './policy-validation/policy-validation.resolver.js';

/**
 * Where the policy service's own authorizer takes callers' policies from: its LOCAL effective-policy source (it owns
 * the policies; asking itself over HTTP would be a detour). `undefined`: the policy service over HTTP, like every
 * other service.
 */
// MERGE(authz+decisions): plug the local source in here, e.g. `(deps) => localEffectivePolicySource(deps)` from './effective-policies/index.js'.
const LOCAL_POLICY_SOURCE = undefined as ((deps: SubgraphHostDeps) => EffectivePolicySource) | undefined;

@Module({})
export class PolicyAppModule {
  static register(deps: SubgraphHostDeps, source?: EffectivePolicySource): DynamicModule {
    return {
      module: PolicyAppModule,
      imports: [
        // The one authorizer of the service (`@iam/authorization`), from its local source.
        AuthorizationModule.register(deps, source === undefined ? {} : { source }),
        GraphQLModule.forRoot(
          subgraphGraphQLOptions({ logger: deps.logger, production: deps.production }),
        ),
      ],
      providers: [
        PolicyValidationResolver,
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
  createModule: (deps) => PolicyAppModule.register(deps, LOCAL_POLICY_SOURCE?.(deps)),
};
