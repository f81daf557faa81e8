import type { DataSource, EntityManager } from 'typeorm';
import type { EventEnvelope } from '@iam/event-contracts';
import { parseEventEnvelope } from '@iam/event-contracts';
import { scopeToAccount } from '@iam/persistence';
import type {
  EventTransport,
  IncomingMessage,
  Subscription,
} from '../transport/event-transport.js';
import type { TransportLogger } from '../transport/kafka-event-transport.js';

/** Options of {@link IdempotentConsumer}. */
export interface IdempotentConsumerOptions {
  readonly dataSource: DataSource;
  readonly schema: string;
  readonly groupId: string;
  readonly topics: readonly string[];
  readonly transport: EventTransport;
  /** The effect of one event, run in the same transaction as its idempotency record. */
  readonly handle: (tx: EntityManager, envelope: EventEnvelope) => Promise<void>;
  readonly logger: TransportLogger;
}

/** What happened to one delivered record. */
export type ConsumeOutcome = 'handled' | 'duplicate' | 'rejected';

/**
 * Applies each event at most once per consumer group: the event id is inserted into `<schema>.processed_events` in
 * the same transaction as the effect, scoped to the event's account (row-level security applies to the effect).
 * A redelivered event finds its row and commits nothing else. A malformed record is logged and skipped: a poison
 * message must not block its partition.
 */
export class IdempotentConsumer {
  private subscription: Subscription | null = null;
  private rejected = 0;

  constructor(private readonly options: IdempotentConsumerOptions) {
    if (!/^[a-z_][a-z0-9_]*$/.test(options.schema))
      throw new Error(`unsafe schema name \`${options.schema}\``);
  }

  /** Records that were malformed and skipped since start. */
  get rejectedCount(): number {
    return this.rejected;
  }

  async start(): Promise<void> {
    this.subscription = await this.options.transport.subscribe({
      groupId: this.options.groupId,
      topics: this.options.topics,
      fromBeginning: true,
      handle: async (message) => {
        await this.consume(message);
      },
    });
  }

  async stop(): Promise<void> {
    await this.subscription?.stop();
    this.subscription = null;
  }

  /** Processes one record (exposed for tests of duplicate delivery). */
  async consume(message: IncomingMessage): Promise<ConsumeOutcome> {
    let json: unknown;
    try {
      json = JSON.parse(message.value);
    } catch {
      json = undefined;
    }
    const parsed = parseEventEnvelope(json);
    if (!parsed.ok) {
      this.rejected++;
      this.options.logger.error('skipped a malformed event', {
        topic: message.topic,
        partition: message.partition,
        offset: message.offset,
        problems: parsed.problems,
      });
      return 'rejected';
    }
    const envelope = parsed.envelope;
    return this.options.dataSource.transaction(async (tx) => {
      await scopeToAccount(tx, envelope.accountId);
      const inserted = await tx.query<unknown[]>(
        `INSERT INTO ${this.options.schema}.processed_events (consumer_group, event_id, account_id)
         VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING event_id`,
        [this.options.groupId, envelope.id, envelope.accountId],
      );
      if (inserted.length === 0) return 'duplicate';
      await this.options.handle(tx, envelope);
      return 'handled';
    });
  }
}
