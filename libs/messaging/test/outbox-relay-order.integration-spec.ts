import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Kafka, logLevel } from 'kafkajs';
import type { DataSource } from 'typeorm';
import type {
  EventTransport,
  OutgoingMessage,
  SubscribeOptions,
  Subscription,
} from '../src/index.js';
import { KafkaEventTransport, Outbox, OutboxRelay } from '../src/index.js';
import { expectEventually, getTestKafkaBrokers, uniqueName } from '@iam/testing';
import type { TestDatabase } from '@iam/testing';
import {
  QUIET_LOGGER,
  accountCreated,
  appDataSource,
  messagingTestDatabase,
} from './support/messaging-test-database.js';
import { scopeToAccount, scopeToPlatform } from '@iam/persistence';

const SCHEMA = 'msgorder';
const TOPIC = 'iam.identity.account';
const AGGREGATES = 12;
const TRANSACTIONS_PER_AGGREGATE = 10;
const BATCH = 5;

/** Publishes under `namespace.` so that each test has topics of its own. */
function namespacedTransport(
  inner: EventTransport,
  namespace: string,
  before?: (messages: readonly OutgoingMessage[]) => Promise<void>,
): EventTransport {
  return {
    publish: async (ms) => {
      await before?.(ms);
      await inner.publish(ms.map((m) => ({ ...m, topic: `${namespace}.${m.topic}` })));
    },
    subscribe: (o) => inner.subscribe(o),
    healthCheck: () => inner.healthCheck(),
    close: () => Promise.resolve(),
  };
}

/**
 * Subscribes, trying again when the broker has not yet propagated the topic the transport just created (kafkajs
 * then reports "This server does not host this topic-partition").
 */
async function subscribeRetryingTopicCreation(
  transport: EventTransport,
  options: SubscribeOptions,
): Promise<Subscription> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await transport.subscribe(options);
    } catch (error) {
      if (attempt >= 5) throw error;
      await new Promise((resolve) => setTimeout(resolve, 200 * attempt));
    }
  }
}

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

/**
 * Two relay replicas (separate pools, separate producers) drain one outbox while many aggregates are written
 * concurrently. Replica A is made the slow one: its first publish waits (holding the batch it claimed) until
 * replica B has had every chance to publish — B's drain came back empty after the last write committed. A relay
 * that let B publish later events of an aggregate whose earlier events A holds puts them out of order on the topic.
 */
describe('outbox relay replicas keep each aggregate in outbox order (PostgreSQL + Kafka)', () => {
  let db: TestDatabase;
  let writer: DataSource;
  let poolA: DataSource;
  let poolB: DataSource;
  let kafkaA: KafkaEventTransport;
  let kafkaB: KafkaEventTransport;
  let kafkaConsumer: KafkaEventTransport;
  let brokers: string[];

  beforeAll(async () => {
    db = await messagingTestDatabase('messaging-order-test:v1', SCHEMA);
    writer = appDataSource(db, 6);
    poolA = appDataSource(db, 2);
    poolB = appDataSource(db, 2);
    await Promise.all([writer.initialize(), poolA.initialize(), poolB.initialize()]);
    brokers = await getTestKafkaBrokers();
    kafkaA = new KafkaEventTransport({ brokers, clientId: 'outbox-order-a', logger: QUIET_LOGGER });
    kafkaB = new KafkaEventTransport({ brokers, clientId: 'outbox-order-b', logger: QUIET_LOGGER });
    kafkaConsumer = new KafkaEventTransport({
      brokers,
      clientId: 'outbox-order-consumer',
      logger: QUIET_LOGGER,
    });
  });

  afterAll(async () => {
    await kafkaConsumer?.close();
    await kafkaA?.close();
    await kafkaB?.close();
    await writer?.destroy();
    await poolA?.destroy();
    await poolB?.destroy();
    await db?.drop();
  });

  it.each([{ slowPublish: 'succeeds' as const }, { slowPublish: 'fails' as const }])(
    'publishes every event once, per aggregate in outbox order, when the slow replica’s publish $slowPublish',
    async ({ slowPublish }) => {
      // Start from an outbox with nothing pending (the other case may have left nothing, but be explicit).
      await writer.transaction(async (tx) => {
        await scopeToPlatform(tx);
        await tx.query(
          `UPDATE ${SCHEMA}.outbox SET published_at = now() WHERE published_at IS NULL`,
        );
      });
      const namespace = uniqueName('order');
      const topic = `${namespace}.${TOPIC}`;
      const outbox = new Outbox(SCHEMA);

      const aClaimed = deferred();
      const aRelease = deferred();
      let aFirstPublish = true;
      let aFailed = false;
      const relayA = new OutboxRelay({
        dataSource: poolA,
        schema: SCHEMA,
        logger: QUIET_LOGGER,
        batchSize: BATCH,
        pollIntervalMs: 10,
        transport: namespacedTransport(kafkaA, namespace, async () => {
          if (!aFirstPublish) return;
          aFirstPublish = false;
          aClaimed.resolve();
          await aRelease.promise;
          if (slowPublish === 'fails') {
            aFailed = true;
            throw new Error('broker unavailable (injected)');
          }
        }),
      });
      const relayB = new OutboxRelay({
        dataSource: poolB,
        schema: SCHEMA,
        logger: QUIET_LOGGER,
        batchSize: BATCH,
        pollIntervalMs: 10,
        transport: namespacedTransport(kafkaB, namespace),
      });
      let writesDone = false;
      const bIdleAfterWrites = deferred();
      const drainB = relayB.drainOnce.bind(relayB);
      relayB.drainOnce = async () => {
        const startedAfterWrites = writesDone;
        const published = await drainB();
        if (startedAfterWrites && published === 0) bIdleAfterWrites.resolve();
        return published;
      };

      const received = new Map<string, string[]>();
      let receivedCount = 0;
      const subscription = await subscribeRetryingTopicCreation(kafkaConsumer, {
        groupId: uniqueName('order-check'),
        topics: [topic],
        fromBeginning: true,
        handle: (message) => {
          const key = message.key ?? '';
          const list = received.get(key) ?? [];
          list.push(message.headers['event-id'] ?? '');
          received.set(key, list);
          receivedCount++;
          return Promise.resolve();
        },
      });

      // The outbox order of each aggregate: its writer commits one transaction after the other (some with two
      // events), while all aggregates are written at once.
      const expected = new Map<string, string[]>();
      const accounts = Array.from({ length: AGGREGATES }, (_, i) => String(400000000000 + i));
      const writeAll = Promise.all(
        accounts.map(async (accountId, a) => {
          const ids: string[] = [];
          expected.set(accountId, ids);
          for (let t = 0; t < TRANSACTIONS_PER_AGGREGATE; t++) {
            const events =
              (t + a) % 3 === 0
                ? [accountCreated(accountId), accountCreated(accountId)]
                : [accountCreated(accountId)];
            await writer.transaction(async (tx) => {
              await scopeToAccount(tx, accountId);
              for (const e of events) await outbox.append(tx, e);
            });
            ids.push(...events.map((e) => e.id));
          }
        }),
      );

      relayA.start();
      try {
        // A holds the first batch it claimed; only then does B join, and it runs until it has nothing left to do.
        await aClaimed.promise;
        relayB.start();
        await writeAll;
        writesDone = true;
        await bIdleAfterWrites.promise;
        aRelease.resolve();

        const total = [...expected.values()].reduce((n, ids) => n + ids.length, 0);
        await expectEventually(() => expect(receivedCount).toBeGreaterThanOrEqual(total), {
          timeoutMs: 60_000,
          intervalMs: 20,
        });
        expect(aFailed).toBe(slowPublish === 'fails');
        for (const accountId of accounts)
          expect(received.get(accountId)).toEqual(expected.get(accountId));
        // Nothing was published twice: the topic holds exactly the outbox's events.
        const kafka = new Kafka({
          brokers,
          clientId: 'outbox-order-offsets',
          logLevel: logLevel.NOTHING,
        });
        const admin = kafka.admin();
        await admin.connect();
        try {
          const offsets = await admin.fetchTopicOffsets(topic);
          const onTopic = offsets.reduce((n, p) => n + Number(p.high) - Number(p.low), 0);
          expect(onTopic).toBe(total);
        } finally {
          await admin.disconnect();
        }
        expect(receivedCount).toBe(total);
      } finally {
        aRelease.resolve();
        await writeAll.catch(() => undefined);
        await subscription.stop();
        await relayA.stop();
        await relayB.stop();
      }
    },
  );
});
