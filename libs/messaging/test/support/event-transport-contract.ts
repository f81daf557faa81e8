import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventTransport, IncomingMessage, OutgoingMessage } from '../../src/index.js';
import { expectEventually, uniqueName } from '@iam/testing';

function message(topic: string, key: string, value: string): OutgoingMessage {
  return { topic, key, value, headers: { 'event-type': 'test.sent.v1' } };
}

/**
 * The contract every EventTransport passes (Kafka and the in-process transport): ordered per key, at-least-once
 * with retries, positions that survive a new subscription, and independent consumer groups.
 */
export function runEventTransportContract(
  name: string,
  create: () => Promise<EventTransport>,
): void {
  describe(`EventTransport contract: ${name}`, () => {
    let transport: EventTransport;

    beforeAll(async () => {
      transport = await create();
    });

    afterAll(async () => {
      await transport?.close();
    });

    it('delivers what was published, with headers, in order per key', async () => {
      const topic = uniqueName('contract-order');
      const received: IncomingMessage[] = [];
      const sub = await transport.subscribe({
        groupId: uniqueName('g'),
        topics: [topic],
        handle: async (m) => void received.push(m),
      });
      try {
        const sent = Array.from({ length: 30 }, (_, i) =>
          message(topic, `k${i % 3}`, `${i % 3}:${i}`),
        );
        await transport.publish(sent.slice(0, 10));
        await transport.publish(sent.slice(10));
        await expectEventually(() => expect(received).toHaveLength(30), { timeoutMs: 30_000 });
        for (const key of ['k0', 'k1', 'k2']) {
          const values = received
            .filter((m) => m.key === key)
            .map((m) => Number(m.value.split(':')[1]));
          expect(values).toEqual([...values].sort((a, b) => a - b));
        }
        expect(received[0]?.headers['event-type']).toBe('test.sent.v1');
        expect(received[0]?.topic).toBe(topic);
      } finally {
        await sub.stop();
      }
    });

    it('redelivers a record whose handler failed, without skipping it', async () => {
      const topic = uniqueName('contract-retry');
      const seen: string[] = [];
      let failures = 0;
      const sub = await transport.subscribe({
        groupId: uniqueName('g'),
        topics: [topic],
        handle: async (m) => {
          if (m.value === 'b' && failures < 2) {
            failures++;
            throw new Error('transient');
          }
          seen.push(m.value);
        },
      });
      try {
        await transport.publish(['a', 'b', 'c'].map((v) => message(topic, 'same-key', v)));
        await expectEventually(() => expect(seen).toEqual(['a', 'b', 'c']), { timeoutMs: 30_000 });
        expect(failures).toBe(2);
      } finally {
        await sub.stop();
      }
    });

    it('resumes a group from its committed position after the subscription stops', async () => {
      const topic = uniqueName('contract-resume');
      const groupId = uniqueName('g');
      const first: string[] = [];
      const sub1 = await transport.subscribe({
        groupId,
        topics: [topic],
        handle: async (m) => void first.push(m.value),
      });
      await transport.publish(['1', '2', '3'].map((v) => message(topic, 'k', v)));
      await expectEventually(() => expect(first).toEqual(['1', '2', '3']), { timeoutMs: 30_000 });
      await sub1.stop();

      await transport.publish(['4', '5'].map((v) => message(topic, 'k', v)));
      const second: string[] = [];
      const sub2 = await transport.subscribe({
        groupId,
        topics: [topic],
        handle: async (m) => void second.push(m.value),
      });
      try {
        await expectEventually(() => expect(second).toEqual(['4', '5']), { timeoutMs: 30_000 });
      } finally {
        await sub2.stop();
      }
    });

    it('gives every consumer group every record', async () => {
      const topic = uniqueName('contract-groups');
      const a: string[] = [];
      const b: string[] = [];
      const subA = await transport.subscribe({
        groupId: uniqueName('ga'),
        topics: [topic],
        handle: async (m) => void a.push(m.value),
      });
      const subB = await transport.subscribe({
        groupId: uniqueName('gb'),
        topics: [topic],
        handle: async (m) => void b.push(m.value),
      });
      try {
        await transport.publish(['x', 'y'].map((v) => message(topic, 'k', v)));
        await expectEventually(
          () => {
            expect(a).toEqual(['x', 'y']);
            expect(b).toEqual(['x', 'y']);
          },
          { timeoutMs: 30_000 },
        );
      } finally {
        await subA.stop();
        await subB.stop();
      }
    });

    it('answers its health check', async () => {
      await expect(transport.healthCheck()).resolves.toBeUndefined();
    });
  });
}
