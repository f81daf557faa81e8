import { afterEach, describe, expect, it } from 'vitest';
import { expectEventually, getTestKafkaBrokers, uniqueName } from '@iam/testing';
import type { IncomingMessage, Subscription } from '../src/index.js';
import { KafkaEventTransport } from '../src/index.js';
import { QUIET_LOGGER } from './support/messaging-test-database.js';

// Services start side by side and subscribe to the same topics, which none of them has created yet: one creates a
// topic while the others find it half-made (created, its partitions not yet served). Every subscription must
// succeed; a service that failed here never listened (the e2e suites waited for it until their hooks timed out).
describe('KafkaEventTransport: services starting at once on topics not made yet', () => {
  const transports: KafkaEventTransport[] = [];
  const subscriptions: Subscription[] = [];

  afterEach(async () => {
    for (const s of subscriptions.splice(0)) await s.stop().catch(() => undefined);
    for (const t of transports.splice(0)) await t.close();
  });

  it('subscribes every transport and delivers to each', async () => {
    const brokers = await getTestKafkaBrokers();
    const topics = Array.from({ length: 12 }, (_, i) => uniqueName(`race-${i}`));
    for (let i = 0; i < 12; i++) {
      transports.push(
        new KafkaEventTransport({ brokers, clientId: `race-${i}`, logger: QUIET_LOGGER }),
      );
    }
    const received = transports.map(() => [] as IncomingMessage[]);
    const started = await Promise.allSettled(
      transports.map((t, i) =>
        t.subscribe({
          groupId: uniqueName(`race-group-${i}`),
          topics,
          handle: async (m) => void received[i]?.push(m),
        }),
      ),
    );
    for (const result of started)
      if (result.status === 'fulfilled') subscriptions.push(result.value);
    expect(started.filter((r) => r.status === 'rejected')).toEqual([]);

    await transports[0]?.publish(
      topics.map((topic) => ({ topic, key: 'k', value: topic, headers: {} })),
    );
    await expectEventually(
      () => {
        for (const list of received)
          expect(list.map((m) => m.value).sort()).toEqual([...topics].sort());
      },
      { timeoutMs: 30_000 },
    );
  }, 90_000);
});
