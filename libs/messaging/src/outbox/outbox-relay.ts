import type { DataSource } from 'typeorm';
import { PLATFORM_SCOPE_SQL, scopeToPlatform } from '@iam/persistence';
import type { EventTransport, OutgoingMessage } from '../transport/event-transport.js';
import type { TransportLogger } from '../transport/kafka-event-transport.js';

/** Options of {@link OutboxRelay}. */
export interface OutboxRelayOptions {
  readonly dataSource: DataSource;
  readonly schema: string;
  readonly transport: EventTransport;
  readonly logger: TransportLogger;
  readonly batchSize?: number;
  /** Fallback poll when nobody calls {@link OutboxRelay.notify} (another process wrote the row). */
  readonly pollIntervalMs?: number;
}

interface OutboxRow {
  id: string;
  aggregate_id: string;
  event_type: string;
  account_id: string;
  topic: string;
  envelope: unknown;
}

/** Wait before trying again when another replica holds the schema's batch and rows we were told about wait. */
const CONTENDED_RETRY_MS = 50;

/**
 * Publishes `<schema>.outbox` rows through the event transport.
 *
 * Order: each aggregate's events are published in outbox order (`seq`, the order they were appended in), whatever
 * the number of relay replicas, so a topic partitioned by the aggregate key delivers them in that order. One batch
 * per schema is in flight at a time: the batch's transaction first takes the schema's transaction-scoped advisory
 * lock (`pg_try_advisory_xact_lock`); a replica that finds it taken publishes nothing this round and tries again
 * (another replica is draining). The lock holder reads the earliest unpublished rows by `seq` — unpublished rows,
 * not rows after a high-water mark, so a row whose transaction committed late is still found — publishes them in
 * that order, and marks them published in the same transaction. PostgreSQL releases the lock only once that commit
 * is visible, so the next batch, on any replica, starts after them. A failed publish rolls its batch back and the
 * next batch starts at the same earliest row: no later event is published before it (a failing event holds back
 * its schema's outbox until it goes through). Replicas add availability, not throughput; the lock ends with its
 * transaction or connection, so a replica that dies mid-batch is taken over on the next attempt.
 *
 * Writers must append one aggregate's events in transactions that serialize on that aggregate (change or lock its
 * row before appending), as the use cases do: then `seq` order is their commit order.
 *
 * Delivery is at-least-once: a crash between publish and commit publishes the batch again (before any later
 * event), and consumers deduplicate by event id.
 */
export class OutboxRelay {
  private running = false;
  private loop: Promise<void> | null = null;
  private wake: (() => void) | null = null;
  private pending = false;
  private wakeOnNotify = true;
  private failures = 0;
  /** The last drain found another replica holding the schema's batch lock. */
  private contended = false;
  private readonly lockKey: string;

  constructor(private readonly options: OutboxRelayOptions) {
    if (!/^[a-z_][a-z0-9_]*$/.test(options.schema))
      throw new Error(`unsafe schema name \`${options.schema}\``);
    this.lockKey = `iam.outbox-relay:${options.schema}`;
  }

  /** Starts the background loop. */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  /** Wakes the relay now (a use case calls it after its transaction committed). */
  notify(): void {
    this.pending = true;
    if (this.wakeOnNotify) this.wake?.();
  }

  /** Stops after the batch in flight. */
  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
    this.loop = null;
  }

  /**
   * Publishes one batch; returns how many rows were published (0 also when another replica holds the schema's
   * batch lock).
   */
  async drainOnce(): Promise<number> {
    const { dataSource, schema, transport } = this.options;
    const batchSize = this.options.batchSize ?? 100;
    this.contended = false;
    return dataSource.transaction(async (tx) => {
      const [claim] = await tx.query<{ locked: boolean }[]>(
        `SELECT ${PLATFORM_SCOPE_SQL}, pg_try_advisory_xact_lock(hashtext($1)) AS locked`,
        [this.lockKey],
      );
      if (!claim?.locked) {
        this.contended = true;
        return 0;
      }
      // Taken after the lock, so this statement's snapshot sees every batch committed before. FOR UPDATE without
      // SKIP LOCKED: a row locked by anyone else (a failure being recorded) is waited for, never jumped over.
      const rows = await tx.query<OutboxRow[]>(
        `SELECT id, aggregate_id, event_type, account_id, topic, envelope FROM ${schema}.outbox
         WHERE published_at IS NULL ORDER BY seq LIMIT $1 FOR UPDATE`,
        [batchSize],
      );
      if (rows.length === 0) return 0;
      const messages: OutgoingMessage[] = rows.map((row) => ({
        topic: row.topic,
        key: row.aggregate_id,
        value: typeof row.envelope === 'string' ? row.envelope : JSON.stringify(row.envelope),
        headers: { 'event-id': row.id, 'event-type': row.event_type, 'account-id': row.account_id },
      }));
      await transport.publish(messages);
      await tx.query(
        `UPDATE ${schema}.outbox SET published_at = now(), attempts = attempts + 1 WHERE id = ANY($1)`,
        [rows.map((r) => r.id)],
      );
      return rows.length;
    });
  }

  private async run(): Promise<void> {
    const pollMs = this.options.pollIntervalMs ?? 500;
    while (this.running) {
      const wasPending = this.pending;
      this.pending = false;
      let published = 0;
      try {
        published = await this.drainOnce();
        this.failures = 0;
      } catch (error) {
        this.contended = false;
        this.failures++;
        this.options.logger.warn('outbox relay could not publish; will retry', {
          schema: this.options.schema,
          attempt: this.failures,
          error: error instanceof Error ? error.message : String(error),
        });
        await this.recordFailure(error);
      }
      let delay: number;
      let wakeOnNotify = true;
      if (this.failures > 0) {
        delay = Math.min(10_000, 200 * 2 ** (this.failures - 1));
      } else if (this.contended) {
        // Another replica is draining, but rows we were told about may have committed after its snapshot: keep
        // them pending and come back soon, without spinning on every notify meanwhile.
        this.pending ||= wasPending;
        delay = this.pending ? Math.min(pollMs, CONTENDED_RETRY_MS) : pollMs;
        wakeOnNotify = !this.pending;
      } else if (published >= (this.options.batchSize ?? 100) || this.pending) {
        // A full batch may have left rows behind: drain again. A partial one took every row committed before it
        // started; rows committed since then called notify (pending), so an empty extra drain is not needed.
        continue;
      } else {
        delay = pollMs;
      }
      if (!this.running) break;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, delay);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
        this.wakeOnNotify = wakeOnNotify;
      });
      this.wake = null;
      this.wakeOnNotify = true;
    }
  }

  private async recordFailure(error: unknown): Promise<void> {
    const message = (error instanceof Error ? error.message : String(error)).slice(0, 1_000);
    try {
      await this.options.dataSource.transaction(async (tx) => {
        await scopeToPlatform(tx);
        await tx.query(
          `UPDATE ${this.options.schema}.outbox SET attempts = attempts + 1, last_error = $1
           WHERE id IN (SELECT id FROM ${this.options.schema}.outbox WHERE published_at IS NULL ORDER BY seq LIMIT 1)`,
          [message],
        );
      });
    } catch {
      // The database itself may be the problem; the next attempt reports again.
    }
  }
}
