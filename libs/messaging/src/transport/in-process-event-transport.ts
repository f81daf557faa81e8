import type {
  EventTransport,
  IncomingMessage,
  OutgoingMessage,
  SubscribeOptions,
  Subscription,
} from './event-transport.js';
import { redeliveryDelayMs } from './event-transport.js';

const PARTITIONS = 3;

function partitionOf(key: string): number {
  let hash = 0;
  for (let i = 0; i < key.length; i++) hash = (hash * 31 + key.charCodeAt(i)) | 0;
  return Math.abs(hash) % PARTITIONS;
}

interface GroupState {
  /** Committed position per topic and partition. */
  readonly positions: Map<string, number[]>;
  active: boolean;
}

/**
 * The event bus of the embedded single-process mode, with Kafka's delivery semantics: per-topic partitioned
 * append-only logs, per-group committed positions, ordered at-least-once delivery, retry of failed handlers.
 *
 * The logs live in memory. Durability comes from the outbox: the relay marks a row published only after
 * `publish` resolved, and consumers are in the same process, so a crash loses only records that the relay will
 * publish again from the outbox on the next start (consumers then deduplicate).
 */
export class InProcessEventTransport implements EventTransport {
  private readonly logs = new Map<string, IncomingMessage[][]>();
  private readonly groups = new Map<string, GroupState>();
  private readonly wakers = new Set<() => void>();
  private closed = false;

  publish(messages: readonly OutgoingMessage[]): Promise<void> {
    if (this.closed) return Promise.reject(new Error('transport is closed'));
    for (const message of messages) {
      const partitions = this.partitionsOf(message.topic);
      const partition = partitionOf(message.key);
      const log = partitions[partition]!;
      log.push({
        topic: message.topic,
        partition,
        offset: String(log.length),
        key: message.key,
        value: message.value,
        headers: { ...message.headers },
      });
    }
    for (const wake of this.wakers) wake();
    return Promise.resolve();
  }

  subscribe(options: SubscribeOptions): Promise<Subscription> {
    if (this.closed) return Promise.reject(new Error('transport is closed'));
    let group = this.groups.get(options.groupId);
    if (group?.active) {
      return Promise.reject(
        new Error(`group \`${options.groupId}\` already has a member in this process`),
      );
    }
    if (!group) {
      group = { positions: new Map(), active: false };
      this.groups.set(options.groupId, group);
    }
    const state = group;
    state.active = true;
    for (const topic of options.topics) {
      if (!state.positions.has(topic)) {
        const partitions = this.partitionsOf(topic);
        state.positions.set(
          topic,
          partitions.map((log) => (options.fromBeginning === false ? log.length : 0)),
        );
      }
    }

    let stopped = false;
    let wake: (() => void) | null = null;
    const waker = () => wake?.();
    this.wakers.add(waker);

    const loop = (async () => {
      while (!stopped) {
        let delivered = false;
        for (const topic of options.topics) {
          const positions = state.positions.get(topic)!;
          const partitions = this.partitionsOf(topic);
          for (let p = 0; p < PARTITIONS && !stopped; p++) {
            const log = partitions[p]!;
            while (!stopped && positions[p]! < log.length) {
              const message = log[positions[p]!]!;
              for (let attempt = 1; !stopped; attempt++) {
                try {
                  await options.handle(message);
                  positions[p] = positions[p]! + 1;
                  delivered = true;
                  break;
                } catch {
                  await sleep(redeliveryDelayMs(attempt));
                }
              }
            }
          }
        }
        if (!delivered && !stopped) {
          await new Promise<void>((resolve) => {
            wake = resolve;
            setTimeout(resolve, 1_000);
          });
          wake = null;
        }
      }
    })();

    return Promise.resolve({
      stop: async () => {
        stopped = true;
        wake?.();
        this.wakers.delete(waker);
        await loop;
        state.active = false;
      },
    });
  }

  healthCheck(): Promise<void> {
    return this.closed ? Promise.reject(new Error('transport is closed')) : Promise.resolve();
  }

  close(): Promise<void> {
    this.closed = true;
    for (const wake of this.wakers) wake();
    return Promise.resolve();
  }

  private partitionsOf(topic: string): IncomingMessage[][] {
    let partitions = this.logs.get(topic);
    if (!partitions) {
      partitions = Array.from({ length: PARTITIONS }, () => []);
      this.logs.set(topic, partitions);
    }
    return partitions;
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
