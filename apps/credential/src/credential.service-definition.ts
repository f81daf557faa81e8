import { Module } from '@nestjs/common';
import type { DynamicModule } from '@nestjs/common';
import { GraphQLModule } from '@nestjs/graphql';
import { subgraphDefaultPort } from '@iam/common';
import { HealthController, READINESS_CHECKS, subgraphGraphQLOptions } from '@iam/graphql-kit';
import type { SubgraphHostDeps, SubgraphServiceDefinition } from '@iam/service-host';
import { AuthorizationModule } from '@iam/service-host';
import { CallerIdentityResolver } from './caller-identity/caller-identity.resolver.js';
import { CreateCredentialOutbox1795824000000 } from './database/migrations/1795824000000-create-credential-outbox.js';

@Module({})
export class CredentialAppModule {
  static register(deps: SubgraphHostDeps): DynamicModule {
    return {
      module: CredentialAppModule,
      imports: [
        // The one authorizer of the service (every operation but getCallerIdentity goes through it).
        AuthorizationModule.register(deps),
        GraphQLModule.forRoot(
          subgraphGraphQLOptions({ logger: deps.logger, production: deps.production }),
        ),
      ],
      providers: [
        CallerIdentityResolver,
        { provide: READINESS_CHECKS, useValue: deps.readinessChecks },
      ],
      controllers: [HealthController],
    };
  }
}

/** The credential service: caller identity now; access keys, SigV4 and STS next. */
export const CREDENTIAL_SERVICE: SubgraphServiceDefinition = {
  name: 'credential',
  defaultPort: subgraphDefaultPort('credential'),
  entities: [],
  migrations: [CreateCredentialOutbox1795824000000],
  createModule: (deps) => CredentialAppModule.register(deps),
};
