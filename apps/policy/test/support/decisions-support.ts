import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { AccountId, CallerContext } from '@iam/common';
import { ManualClock } from '@iam/common';
import type { EventEnvelope } from '@iam/event-contracts';
import { groupEvent, groupMembershipEvent, roleEvent, userEvent } from '@iam/event-contracts';
import type { IncomingMessage } from '@iam/messaging';
import { IdempotentConsumer, InProcessEventTransport, Outbox } from '@iam/messaging';
import { TenantTransaction } from '@iam/persistence';
import { migrateSubgraphService } from '@iam/service-host';
import type { ServiceTestDatabase } from '@iam/testing';
import { createServiceTestDatabase } from '@iam/testing';
import { Authorizer } from '@iam/authorization';
import { POLICY_SERVICE } from '../../src/main.js';
import { AccountRevisionRepository } from '../../src/revisions/account-revision.repository.js';
import {
  IDENTITY_REPLICA_GROUP,
  IdentityReplica,
  IdentityReplicaRepository,
} from '../../src/replica/index.js';
import {
  EffectivePolicyService,
  LocalEffectivePolicySource,
} from '../../src/effective-policies/index.js';
import { DecisionService } from '../../src/decisions/index.js';
import { SimulationService } from '../../src/simulation/simulation.service.js';

export const quiet = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};

/** A fresh policy database (cloned from a migrated template), connected as the application role. */
export function policyTestDatabase(): Promise<ServiceTestDatabase> {
  return createServiceTestDatabase(POLICY_SERVICE, {
    migrationsDir: new URL('../../src/database/migrations/', import.meta.url),
    migrate: migrateSubgraphService,
  });
}

/** A message as the transport would deliver it. */
export function message(envelope: EventEnvelope): IncomingMessage {
  return {
    topic: `iam.${envelope.source}.${envelope.aggregateType}`,
    partition: 0,
    offset: '0',
    key: envelope.aggregateId,
    value: JSON.stringify(envelope),
    headers: {},
  };
}

/** Everything the decision tests need, on one database. */
export interface DecisionsHarness {
  readonly env: ServiceTestDatabase;
  readonly clock: ManualClock;
  readonly tenant: TenantTransaction;
  readonly consumer: IdentityReplicaConsumerHarness;
  readonly effective: EffectivePolicyService;
  readonly authorizer: Authorizer;
  readonly decisions: DecisionService;
  readonly simulation: SimulationService;
  close(): Promise<void>;
}

export interface IdentityReplicaConsumerHarness {
  deliver(envelope: EventEnvelope): Promise<string>;
}

export const START = '2026-12-01T10:00:00.000Z';

/** A harness whose sleeps advance the manual clock (no test ever waits for real time). */
export async function decisionsHarness(
  options: { maxWaitMs?: number; onSleep?: (ms: number) => Promise<void> | void } = {},
): Promise<DecisionsHarness> {
  const env = await policyTestDatabase();
  const clock = new ManualClock(START);
  const tenant = new TenantTransaction(env.dataSource);
  const replica = new IdentityReplica({
    replica: new IdentityReplicaRepository(),
    revisions: new AccountRevisionRepository(),
    outbox: new Outbox('policy'),
    clock,
  });
  const idempotent = new IdempotentConsumer({
    dataSource: env.dataSource,
    schema: 'policy',
    groupId: IDENTITY_REPLICA_GROUP,
    topics: [],
    transport: new InProcessEventTransport(),
    logger: quiet,
    handle: (tx, envelope) => replica.apply(tx, envelope),
  });
  const effective = new EffectivePolicyService({
    tenant,
    dataSource: env.dataSource,
    clock,
    maxWaitMs: options.maxWaitMs ?? 5_000,
    pollMs: 100,
    sleep: async (ms) => {
      clock.advance(ms);
      await options.onSleep?.(ms);
    },
  });
  const authorizer = new Authorizer(new LocalEffectivePolicySource(effective));
  const decisions = new DecisionService(effective, authorizer, clock);
  return {
    env,
    clock,
    tenant,
    consumer: {
      deliver: async (envelope) => {
        // Every test account exists: its creation reached the replica first (as in production, where a caller of
        // an account the replica has not applied yet waits for it).
        await tenant.run(envelope.accountId as AccountId, (tx) =>
          tx.query(
            `INSERT INTO policy.accounts (account_id, status, created_at) VALUES ($1, 'active', $2)
             ON CONFLICT (account_id) DO NOTHING`,
            [envelope.accountId, START],
          ),
        );
        return idempotent.consume(message(envelope));
      },
    },
    effective,
    authorizer,
    decisions,
    simulation: new SimulationService(effective, decisions, authorizer, clock),
    close: () => env.close(),
  };
}

let counter = 0;
/** Unique-enough test ids (`AIDA...`-like). */
export function uniqueId(prefix: 'AIDA' | 'AGPA' | 'AROA'): string {
  counter++;
  return `${prefix}${randomUUID().replace(/-/g, '').slice(0, 13).toUpperCase()}${counter}`;
}

const meta = (occurredAt = START) => ({ id: randomUUID(), occurredAt, actor: null });

export function userCreated(
  accountId: string,
  name: string,
  options: {
    id?: string;
    tags?: { key: string; value: string }[];
    at?: string;
    path?: string;
  } = {},
) {
  const path = options.path ?? '/';
  return userEvent('user.created.v1', meta(options.at), {
    accountId,
    userId: options.id ?? uniqueId('AIDA'),
    userName: name,
    path,
    arn: `arn:aws:iam::${accountId}:user${path}${name}`,
    createdAt: START,
    tags: options.tags ?? [],
  });
}

export function groupCreated(accountId: string, name: string, id = uniqueId('AGPA')) {
  return groupEvent('group.created.v1', meta(), {
    accountId,
    groupId: id,
    groupName: name,
    path: '/',
    arn: `arn:aws:iam::${accountId}:group/${name}`,
    createdAt: START,
  });
}

export function roleCreated(
  accountId: string,
  name: string,
  options: { id?: string; tags?: { key: string; value: string }[] } = {},
) {
  return roleEvent('role.created.v1', meta(), {
    accountId,
    roleId: options.id ?? uniqueId('AROA'),
    roleName: name,
    path: '/',
    arn: `arn:aws:iam::${accountId}:role/${name}`,
    description: null,
    maxSessionDuration: 3600,
    assumeRolePolicyDocument: '{"Version":"2012-10-17","Statement":[]}',
    createdAt: START,
    tags: options.tags ?? [],
  });
}

export function memberAdded(
  group: ReturnType<typeof groupCreated>,
  user: ReturnType<typeof userCreated>,
  type: 'group.member-added.v1' | 'group.member-removed.v1' = 'group.member-added.v1',
) {
  return groupMembershipEvent(type, meta(), {
    accountId: group.accountId,
    groupId: group.payload.groupId,
    groupName: group.payload.groupName,
    userId: user.payload.userId,
    userName: user.payload.userName,
  });
}

/** A document allowing or denying `actions` on `resources`, with an optional Sid and condition. */
export function doc(
  effect: 'Allow' | 'Deny',
  actions: string | string[],
  resources: string | string[] = '*',
  extra: Record<string, unknown> = {},
): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: effect, Action: actions, Resource: resources, ...extra }],
  });
}

/** Store rows written directly (the store's own operations live on another branch). */
export class StoreRows {
  constructor(private readonly tenant: TenantTransaction) {}

  private run(accountId: string, work: (tx: EntityManager) => Promise<unknown>): Promise<unknown> {
    return this.tenant.run(accountId as AccountId, async (tx) => {
      await work(tx);
      await new AccountRevisionRepository().bump(tx, accountId);
    });
  }

  inline(accountId: string, principalId: string, name: string, document: string) {
    return this.run(accountId, (tx) =>
      tx.query(
        `INSERT INTO policy.inline_policies (principal_id, policy_name, account_id, document, size, created_at, updated_at)
         VALUES ($1, $2, $3, $4, length($4), now(), now())`,
        [principalId, name, accountId, document],
      ),
    );
  }

  attach(accountId: string, principalId: string, policyArn: string) {
    return this.run(accountId, (tx) =>
      tx.query(
        `INSERT INTO policy.attachments (principal_id, policy_arn, account_id, attached_at) VALUES ($1, $2, $3, now())`,
        [principalId, policyArn, accountId],
      ),
    );
  }

  boundary(accountId: string, principalId: string, policyArn: string) {
    return this.run(accountId, (tx) =>
      tx.query(
        `INSERT INTO policy.permissions_boundaries (principal_id, policy_arn, account_id, set_at) VALUES ($1, $2, $3, now())`,
        [principalId, policyArn, accountId],
      ),
    );
  }

  guardrail(accountId: string, name: string, document: string) {
    return this.run(accountId, (tx) =>
      tx.query(
        `INSERT INTO policy.guardrails (account_id, guardrail_name, document, created_at, updated_at)
         VALUES ($1, $2, $3, now(), now())`,
        [accountId, name, document],
      ),
    );
  }

  /** A customer managed policy with versions v1 (old) and v2 (default); returns its ARN. */
  async managedPolicy(
    accountId: string,
    name: string,
    oldDoc: string,
    defaultDoc: string,
  ): Promise<string> {
    const arn = `arn:aws:iam::${accountId}:policy/${name}`;
    const id = `ANPA${randomUUID().replace(/-/g, '').slice(0, 16).toUpperCase()}`;
    await this.run(accountId, async (tx) => {
      await tx.query(
        `INSERT INTO policy.managed_policies (policy_id, account_id, policy_name, path, arn, default_version_id,
           next_version_number, created_at, updated_at) VALUES ($1, $2, $3, '/', $4, 'v2', 3, now(), now())`,
        [id, accountId, name, arn],
      );
      await tx.query(
        `INSERT INTO policy.policy_versions (policy_id, version_id, account_id, document, created_at)
         VALUES ($1, 'v1', $2, $3, now()), ($1, 'v2', $2, $4, now())`,
        [id, accountId, oldDoc, defaultDoc],
      );
    });
    return arn;
  }
}

/** A caller of `accountId` with the given ARN. */
export function callerOf(arn: string, context: CallerContext['context'] = {}): CallerContext {
  const accountId = /:(\d{12}):/.exec(arn)![1]! as AccountId;
  const principalType = arn.endsWith(':root')
    ? 'root'
    : arn.includes(':assumed-role/')
      ? 'role-session'
      : 'user';
  return { requestId: 't', principalType, principalArn: arn, accountId, context };
}
