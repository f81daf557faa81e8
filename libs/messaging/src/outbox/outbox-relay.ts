import type { DataSource } from 'typeorm';
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

/**
 * Publishes `<schema>.outbox` rows in commit order. Each batch is claimed with `FOR UPDATE SKIP LOCKED` (several
 * relays may run), published, and marked published in the same transaction. A crash between publish and commit
 * publishes the batch again later: delivery is at-least-once, and consumers deduplicate by event id.
 */
export class OutboxRelay {
  private running = false;
  private loop: Promise<void> | null = null;
  private wake: (() => void) | null = null;
  private pending = false;
  private failures = 0;

  constructor(private readonly options: OutboxRelayOptions) {
    if (!/^[a-z_][a-z0-9_]*$/.test(options.schema))
      throw new Error(`unsafe schema name \`${options.schema}\``);
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
    this.wake?.();
  }

  /** Stops after the batch in flight. */
  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
    this.loop = null;
  }

  /** Publishes one batch; returns how many rows were published. */
  async drainOnce(): Promise<number> {
    const { dataSource, schema, transport } = this.options;
    const batchSize = this.options.batchSize ?? 100;
    return dataSource.transaction(async (tx) => {
      await tx.query(`SELECT set_config('app.platform', 'on', true)`);
      const rows = await tx.query<OutboxRow[]>(
        `SELECT id, aggregate_id, event_type, account_id, topic, envelope FROM ${schema}.outbox
         WHERE published_at IS NULL ORDER BY seq LIMIT $1 FOR UPDATE SKIP LOCKED`,
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
      this.pending = false;
      let published = 0;
      try {
        published = await this.drainOnce();
        this.failures = 0;
      } catch (error) {
        this.failures++;
        this.options.logger.warn('outbox relay could not publish; will retry', {
          schema: this.options.schema,
          attempt: this.failures,
          error: error instanceof Error ? error.message : String(error),
        });
        await this.recordFailure(error);
      }
      // A full batch may have left rows behind: drain again. A partial one took every row committed before it
      // started; rows committed since then called notify (pending), so an empty extra drain is not needed.
      if (published >= (this.options.batchSize ?? 100) && this.failures === 0) continue;
      if (this.pending && this.failures === 0) continue;
      const delay = this.failures > 0 ? Math.min(10_000, 200 * 2 ** (this.failures - 1)) : pollMs;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, delay);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wake = null;
    }
  }

  private async recordFailure(error: unknown): Promise<void> {
    const message = (error instanceof Error ? error.message : String(error)).slice(0, 1_000);
    try {
      await this.options.dataSource.transaction(async (tx) => {
        await tx.query(`SELECT set_config('app.platform', 'on', true)`);
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
