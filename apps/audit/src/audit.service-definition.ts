import { Module } from '@nestjs/common';
import type { DynamicModule } from '@nestjs/common';
import { GraphQLModule } from '@nestjs/graphql';
import { subgraphDefaultPort } from '@iam/common';
import { Authorizer } from '@iam/authorization';
import { HealthController, READINESS_CHECKS, subgraphGraphQLOptions } from '@iam/graphql-kit';
import { TenantTransaction } from '@iam/persistence';
import type { SubgraphHostDeps, SubgraphServiceDefinition } from '@iam/service-host';
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
  static register(
    deps: SubgraphHostDeps,
    service: AuditEventsService,
    authorizer: Authorizer,
  ): DynamicModule {
    return {
      module: AuditAppModule,
      imports: [
        GraphQLModule.forRoot(
          subgraphGraphQLOptions({ logger: deps.logger, production: deps.production }),
        ),
      ],
      providers: [
        AuditEventsResolver,
        { provide: AuditEventsService, useValue: service },
        // The one authorizer of every subgraph (`@iam/authorization`); the service decides with the same instance.
        { provide: Authorizer, useValue: authorizer },
        { provide: READINESS_CHECKS, useValue: deps.readinessChecks },
      ],
      controllers: [HealthController],
    };
  }
}

// One service instance per host: the consumer and the resolver share it.
const services = new WeakMap<
  SubgraphHostDeps,
  { service: AuditEventsService; authorizer: Authorizer }
>();
function serviceFor(deps: SubgraphHostDeps): {
  service: AuditEventsService;
  authorizer: Authorizer;
} {
  let wired = services.get(deps);
  if (!wired) {
    const authorizer = new Authorizer();
    wired = {
      authorizer,
      service: new AuditEventsService(
        new TenantTransaction(deps.dataSource),
        new AuditEventRepository(),
        () => new Date(),
        authorizer,
      ),
    };
    services.set(deps, wired);
  }
  return wired;
}

/** The audit service: records every event it consumes and answers `auditEvents`. */
export const AUDIT_SERVICE: SubgraphServiceDefinition = {
  name: 'audit',
  defaultPort: subgraphDefaultPort('audit'),
  entities: [AuditEventEntity],
  migrations: [CreateAuditEvents1795824000000],
  createModule: (deps) => {
    const { service, authorizer } = serviceFor(deps);
    return AuditAppModule.register(deps, service, authorizer);
  },
  consumers: (deps) => [
    {
      groupId: AUDIT_CONSUMER_GROUP,
      topics: AUDITED_TOPICS,
      handle: (tx, envelope) => serviceFor(deps).service.record(tx, envelope),
    },
  ],
};
