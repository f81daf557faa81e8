import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DataSource } from 'typeorm';
import type { EntityManager } from 'typeorm';
import type { EventTransport, IncomingMessage } from '../src/index.js';
import {
  IdempotentConsumer,
  InProcessEventTransport,
  KafkaEventTransport,
  Outbox,
  OutboxRelay,
  processedEventsTableSql,
  wakeRelayAfterCommit,
} from '../src/index.js';
import { expectEventually, getTestKafkaBrokers, uniqueName } from '@iam/testing';
import type { TestDatabase } from '@iam/testing';
import {
  QUIET_LOGGER,
  accountCreated,
  appDataSource,
  messagingTestDatabase,
} from './support/messaging-test-database.js';
import { scopeToAccount, scopeToPlatform } from '@iam/persistence';

async function withAccount<T>(
  ds: DataSource,
  accountId: string,
  work: (tx: EntityManager) => Promise<T>,
): Promise<T> {
  return ds.transaction(async (tx) => {
    await scopeToAccount(tx, accountId);
    return work(tx);
  });
}

describe.each([
  {
    name: 'kafka',
    transport: async (): Promise<EventTransport> =>
      new KafkaEventTransport({
        brokers: await getTestKafkaBrokers(),
        clientId: 'outbox-test',
        logger: QUIET_LOGGER,
      }),
  },
  {
    name: 'in-process',
    transport: (): Promise<EventTransport> => Promise.resolve(new InProcessEventTransport()),
  },
])('outbox, relay and idempotent consumer over $name', ({ transport: createTransport }) => {
  let db: TestDatabase;
  let ds: DataSource;
  let transport: EventTransport;
  const namespace = uniqueName('ns');

  beforeAll(async () => {
    db = await messagingTestDatabase('messaging-test:v1', 'msgtest', [
      ...processedEventsTableSql('msgtest'),
      `CREATE TABLE msgtest.effects (event_id uuid, account_id text NOT NULL)`,
      `ALTER TABLE msgtest.effects ENABLE ROW LEVEL SECURITY`,
      `ALTER TABLE msgtest.effects FORCE ROW LEVEL SECURITY`,
      `CREATE POLICY effects_tenant ON msgtest.effects USING (account_id = NULLIF(current_setting('app.account_id', true), '')) WITH CHECK (account_id = NULLIF(current_setting('app.account_id', true), ''))`,
    ]);
    ds = appDataSource(db);
    await ds.initialize();
    transport = await createTransport();
  });

  afterAll(async () => {
    await transport?.close();
    await ds?.destroy();
    await db?.drop();
  });

  function namespaced(topic: string): string {
    return `${namespace}.${topic}`;
  }

  it('publishes nothing for a rolled-back transaction and everything committed, once', async () => {
    const outbox = new Outbox('msgtest');
    const relay = new OutboxRelay({
      dataSource: ds,
      schema: 'msgtest',
      transport,
      logger: QUIET_LOGGER,
    });
    const accountId = '111111111111';
    const committed = accountCreated(accountId);
    await withAccount(ds, accountId, async (tx) => {
      await tx.query(`UPDATE msgtest.outbox SET published_at = now() WHERE published_at IS NULL`);
    });
    await expect(
      withAccount(ds, accountId, async (tx) => {
        await outbox.append(tx, accountCreated(accountId));
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    await withAccount(ds, accountId, (tx) => outbox.append(tx, committed));
    expect(await relay.drainOnce()).toBe(1);
    expect(await relay.drainOnce()).toBe(0);
    const rows = await ds.transaction(async (tx) => {
      await scopeToPlatform(tx);
      return await tx.query<{ id: string; published: boolean }[]>(
        `SELECT id, published_at IS NOT NULL AS published FROM msgtest.outbox`,
      );
    });
    expect(rows).toEqual([{ id: committed.id, published: true }]);
  });

  it('wakes the relay after a commit that appended, never for a rollback or a transaction without events', async () => {
    const outbox = new Outbox('msgtest');
    let wakes = 0;
    const stop = wakeRelayAfterCommit(ds, outbox, { notify: () => void wakes++ });
    try {
      const accountId = '111111111111';
      await expect(
        withAccount(ds, accountId, async (tx) => {
          await outbox.append(tx, accountCreated(accountId));
          throw new Error('roll back');
        }),
      ).rejects.toThrow('roll back');
      expect(wakes).toBe(0);
      await withAccount(ds, accountId, (tx) => tx.query('SELECT 1'));
      expect(wakes).toBe(0);
      await withAccount(ds, accountId, async (tx) => {
        await outbox.append(tx, accountCreated(accountId));
        await outbox.append(tx, accountCreated(accountId));
        expect(wakes).toBe(0);
      });
      expect(wakes).toBe(1);
    } finally {
      stop();
      // The rows appended here are not the later tests' business.
      await withAccount(ds, '111111111111', (tx) =>
        tx.query(`UPDATE msgtest.outbox SET published_at = now() WHERE published_at IS NULL`),
      );
    }
  });

  it('refuses a payload that carries a secret', async () => {
    const outbox = new Outbox('msgtest');
    const leaky = {
      ...accountCreated('111111111111'),
      payload: { accountId: '111111111111', passwordHash: 'x' },
    };
    await expect(withAccount(ds, '111111111111', (tx) => outbox.append(tx, leaky))).rejects.toThrow(
      'must not carry secrets',
    );
  });

  it('applies a duplicated event once', async () => {
    const consumer = new IdempotentConsumer({
      dataSource: ds,
      schema: 'msgtest',
      groupId: uniqueName('dup'),
      topics: [],
      transport,
      logger: QUIET_LOGGER,
      handle: async (tx, e) =>
        void (await tx.query(`INSERT INTO msgtest.effects VALUES ($1, $2)`, [e.id, e.accountId])),
    });
    const e = accountCreated('222222222222');
    const record: IncomingMessage = {
      topic: 't',
      partition: 0,
      offset: '0',
      key: e.aggregateId,
      value: JSON.stringify(e),
      headers: {},
    };
    expect(await consumer.consume(record)).toBe('handled');
    expect(await consumer.consume(record)).toBe('duplicate');
    expect(await consumer.consume({ ...record, value: '{"not":"an envelope"}' })).toBe('rejected');
    const effects = (await withAccount(ds, '222222222222', (tx) =>
      tx.query(`SELECT event_id FROM msgtest.effects WHERE event_id = $1`, [e.id]),
    )) as unknown[];
    expect(effects).toHaveLength(1);
  });

  it('delivers every event exactly once in effect when the consumer stops mid-stream and a new one resumes', async () => {
    const outbox = new Outbox('msgtest');
    const topic = 'iam.identity.account';
    const groupId = uniqueName('resume');
    // Publish under a namespace of this test so parallel runs do not share the topic.
    const scoped: EventTransport = {
      publish: (ms) => transport.publish(ms.map((m) => ({ ...m, topic: namespaced(m.topic) }))),
      subscribe: (o) => transport.subscribe(o),
      healthCheck: () => transport.healthCheck(),
      close: () => Promise.resolve(),
    };
    const relay = new OutboxRelay({
      dataSource: ds,
      schema: 'msgtest',
      transport: scoped,
      logger: QUIET_LOGGER,
      pollIntervalMs: 50,
    });
    let handled = 0;
    const newConsumer = () =>
      new IdempotentConsumer({
        dataSource: ds,
        schema: 'msgtest',
        groupId,
        topics: [namespaced(topic)],
        transport,
        logger: QUIET_LOGGER,
        handle: async (tx, e) => {
          handled++;
          await tx.query(`INSERT INTO msgtest.effects VALUES ($1, $2)`, [e.id, e.accountId]);
        },
      });
    const accounts = Array.from({ length: 60 }, (_, i) => String(300000000000 + i));
    for (const accountId of accounts)
      await withAccount(ds, accountId, (tx) => outbox.append(tx, accountCreated(accountId)));
    relay.start();
    const first = newConsumer();
    await first.start();
    await expectEventually(() => expect(handled).toBeGreaterThanOrEqual(10), {
      timeoutMs: 30_000,
      intervalMs: 5,
    });
    await first.stop();
    const second = newConsumer();
    await second.start();
    try {
      await expectEventually(
        async () => {
          const counts = (await ds.transaction(async (tx) => {
            await scopeToPlatform(tx);
            return tx.query(
              `SELECT account_id, count(*)::int AS n FROM msgtest.processed_events WHERE consumer_group = $1 GROUP BY account_id`,
              [groupId],
            );
          })) as { account_id: string; n: number }[];
          expect(counts).toHaveLength(accounts.length);
          expect(counts.every((c) => c.n === 1)).toBe(true);
        },
        { timeoutMs: 60_000, intervalMs: 100 },
      );
      expect(handled).toBe(accounts.length);
    } finally {
      await second.stop();
      await relay.stop();
    }
  });
});
