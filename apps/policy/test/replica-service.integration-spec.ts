import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccountId } from '@iam/common';
import { accountCreatedV1 } from '@iam/event-contracts';
import { KafkaEventTransport } from '@iam/messaging';
import { TenantTransaction } from '@iam/persistence';
import type { RunningService } from '@iam/service-host';
import { startSubgraphService } from '@iam/service-host';
import { createLogger, generateCallerKeyPair } from '@iam/service-kit';
import type { ServiceTestDatabase } from '@iam/testing';
import { expectEventually, getTestKafkaBrokers, uniqueName } from '@iam/testing';
import { POLICY_SERVICE } from '../src/main.js';
import { IDENTITY_REPLICA_GROUP } from '../src/replica/index.js';
import { START, policyTestDatabase, quiet } from './support/decisions-support.js';

const A = '531975319753';

describe('the policy service runs the identity replica from Kafka (service definition consumers)', () => {
  let env: ServiceTestDatabase;
  let service: RunningService;
  let producer: KafkaEventTransport;
  let namespace: string;

  beforeAll(async () => {
    env = await policyTestDatabase();
    const brokers = await getTestKafkaBrokers();
    namespace = uniqueName('policy-replica');
    service = await startSubgraphService(POLICY_SERVICE, {
      env: {
        DATABASE_URL: env.db.urlFor('iam_policy_app'),
        KAFKA_BROKERS: brokers.join(','),
        IAM_EVENT_NAMESPACE: namespace,
        IAM_CALLER_VERIFY_PUBLIC_KEY: generateCallerKeyPair().publicKey,
        PORT: '0',
      },
      logger: createLogger('policy-test', 'silent'),
    });
    producer = new KafkaEventTransport({ brokers, clientId: namespace, logger: quiet });
  });
  afterAll(async () => {
    await producer?.close();
    await service?.close();
    await env?.close();
  });

  it('applies account.created.v1 once: the first administrator gets AdministratorAccess, recorded as processed', async () => {
    const event = accountCreatedV1({
      id: randomUUID(),
      occurredAt: START,
      actor: null,
      account: {
        accountId: A,
        alias: null,
        status: 'active',
        createdAt: START,
        initialAdministrator: {
          userId: 'AIDAKAFKAADMIN000001',
          userName: 'admin',
          path: '/',
          arn: `arn:aws:iam::${A}:user/admin`,
        },
      },
    });
    const record = {
      topic: `${namespace}.iam.identity.account`,
      key: A,
      value: JSON.stringify(event),
      headers: {},
    };
    // Delivered twice (a producer retry): applied once.
    await producer.publish([record, record]);
    const tenant = new TenantTransaction(env.dataSource);
    await expectEventually(
      async () => {
        const state = await tenant.run(A as AccountId, async (tx) => ({
          attachments: await tx.query<unknown[]>(`SELECT policy_arn FROM policy.attachments`),
          processed: await tx.query<unknown[]>(
            `SELECT event_id FROM policy.processed_events WHERE consumer_group = $1`,
            [IDENTITY_REPLICA_GROUP],
          ),
        }));
        expect(state.attachments).toEqual([
          { policy_arn: 'arn:aws:iam::aws:policy/AdministratorAccess' },
        ]);
        expect(state.processed).toEqual([{ event_id: event.id }]);
      },
      { timeoutMs: 45_000, intervalMs: 200 },
    );
    const outbox = await tenant.run(A as AccountId, (tx) =>
      tx.query<unknown[]>(`SELECT event_type FROM policy.outbox`),
    );
    expect(outbox).toEqual([{ event_type: 'principal-policies.changed.v1' }]);
  });
});
