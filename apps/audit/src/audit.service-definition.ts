import { Module } from '@nestjs/common';
import type { DynamicModule } from '@nestjs/common';
import { GraphQLModule } from '@nestjs/graphql';
import { subgraphDefaultPort } from '@iam/common';
import { HealthController, READINESS_CHECKS, subgraphGraphQLOptions } from '@iam/graphql-kit';
import { TenantTransaction } from '@iam/persistence';
import type { SubgraphHostDeps, SubgraphServiceDefinition } from '@iam/service-host';
import { AuthorizationModule, authorizationFor } from '@iam/service-host';
import { AuditEventEntity } from './audit-events/audit-event.entity.js';
import { AuditEventRepository } from './audit-events/audit-event.repository.js';
import { AuditEventsResolver } from './audit-events/audit-events.resolver.js';
import { AuditEventsService } from './audit-events/audit-events.service.js';
import { CreateAuditEvents1795824000000 } from './database/migrations/1795824000000-create-audit-events.js';

/** Topics the audit trail records. Every service's aggregates are added here as they appear. */
export const AUDITED_TOPICS = [
  'iam.identity.account',
  'iam.identity.user',
  'iam.identity.group',
  'iam.identity.role',
  'iam.identity.mfa-device',
  'iam.identity.login-profile',
  'iam.identity.account-password-policy',
  'iam.identity.session',
] as const;

/** The consumer group of the audit recorder. */
export const AUDIT_CONSUMER_GROUP = 'iam-audit-recorder';

@Module({})
export class AuditAppModule {
  static register(deps: SubgraphHostDeps, service: AuditEventsService): DynamicModule {
    return {
      module: AuditAppModule,
      imports: [
        // The one authorizer of the service; the service built outside Nest decides with the same instance.
        AuthorizationModule.register(deps),
        GraphQLModule.forRoot(
          subgraphGraphQLOptions({ logger: deps.logger, production: deps.production }),
        ),
      ],
      providers: [
        AuditEventsResolver,
        { provide: AuditEventsService, useValue: service },
        { provide: READINESS_CHECKS, useValue: deps.readinessChecks },
      ],
      controllers: [HealthController],
    };
  }
}

// One service instance per host: the consumer and the resolver share it (and the host's one authorizer).
const services = new WeakMap<SubgraphHostDeps, AuditEventsService>();
function serviceFor(deps: SubgraphHostDeps): AuditEventsService {
  let service = services.get(deps);
  if (!service) {
    service = new AuditEventsService(
      new TenantTransaction(deps.dataSource),
      new AuditEventRepository(),
      () => new Date(),
      authorizationFor(deps).authorizer,
    );
    services.set(deps, service);
  }
  return service;
}

/** The audit service: records every event it consumes and answers `auditEvents`. */
export const AUDIT_SERVICE: SubgraphServiceDefinition = {
  name: 'audit',
  defaultPort: subgraphDefaultPort('audit'),
  entities: [AuditEventEntity],
  migrations: [CreateAuditEvents1795824000000],
  createModule: (deps) => AuditAppModule.register(deps, serviceFor(deps)),
  consumers: (deps) => [
    {
      groupId: AUDIT_CONSUMER_GROUP,
      topics: AUDITED_TOPICS,
      handle: (tx, envelope) => serviceFor(deps).record(tx, envelope),
    },
  ],
};
