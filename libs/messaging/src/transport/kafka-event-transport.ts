import { Kafka, logLevel } from 'kafkajs';
import type { Admin, Consumer, LogEntry, Producer } from 'kafkajs';
import type {
  EventTransport,
  IncomingMessage,
  OutgoingMessage,
  SubscribeOptions,
  Subscription,
} from './event-transport.js';
import { redeliveryDelayMs } from './event-transport.js';

/** The logging surface the transport needs (the services' JSON logger fits). */
export interface TransportLogger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

/** Options of {@link KafkaEventTransport}. */
export interface KafkaEventTransportOptions {
  readonly brokers: readonly string[];
  readonly clientId: string;
  readonly logger: TransportLogger;
  readonly numPartitions?: number;
  readonly replicationFactor?: number;
}

// kafkajs prints a notice about its default partitioner on every producer; our keys decide partitions anyway.
process.env['KAFKAJS_NO_PARTITIONER_WARNING'] ??= '1';

/**
 * The Kafka event bus (kafkajs). Publishing uses one idempotent producer (`acks=-1`, one request in flight, so
 * retries cannot reorder or duplicate within a session). Topics are created on demand. Consumers commit a record's
 * offset only after its handler resolved; a failing handler is retried with back-off and never skipped.
 */
export class KafkaEventTransport implements EventTransport {
  private readonly kafka: Kafka;
  private readonly producer: LazyClient<Producer>;
  private readonly admin: LazyClient<Admin>;
  private readonly knownTopics = new Set<string>();
  private readonly consumers = new Set<Consumer>();

  constructor(private readonly options: KafkaEventTransportOptions) {
    const logger = options.logger;
    this.kafka = new Kafka({
      clientId: options.clientId,
      brokers: [...options.brokers],
      connectionTimeout: 5_000,
      logLevel: logLevel.WARN,
      logCreator:
        () =>
        ({ level, log }: LogEntry) => {
          const { message, ...fields } = log;
          if (level <= logLevel.ERROR) logger.error(`kafka: ${message}`, fields);
          else if (level === logLevel.WARN) logger.warn(`kafka: ${message}`, fields);
          else logger.debug(`kafka: ${message}`, fields);
        },
    });
    this.producer = new LazyClient(() =>
      this.kafka.producer({
        idempotent: true,
        maxInFlightRequests: 1,
        allowAutoTopicCreation: false,
      }),
    );
    this.admin = new LazyClient(() => this.kafka.admin());
  }

  async publish(messages: readonly OutgoingMessage[]): Promise<void> {
    if (messages.length === 0) return;
    await this.ensureTopics(messages.map((m) => m.topic));
    const producer = await this.producer.get();
    const byTopic = new Map<string, OutgoingMessage[]>();
    for (const message of messages) {
      const list = byTopic.get(message.topic) ?? [];
      list.push(message);
      byTopic.set(message.topic, list);
    }
    await producer.sendBatch({
      acks: -1,
      topicMessages: [...byTopic].map(([topic, list]) => ({
        topic,
        messages: list.map((m) => ({ key: m.key, value: m.value, headers: { ...m.headers } })),
      })),
    });
  }

  async subscribe(options: SubscribeOptions): Promise<Subscription> {
    await this.ensureTopics(options.topics);
    const consumer = await this.subscribedConsumer(options);
    let stopping = false;
    await consumer.run({
      autoCommit: false,
      partitionsConsumedConcurrently: 1,
      eachMessage: async ({ topic, partition, message }) => {
        const incoming: IncomingMessage = {
          topic,
          partition,
          offset: message.offset,
          key: message.key?.toString('utf8') ?? null,
          value: message.value?.toString('utf8') ?? '',
          headers: Object.fromEntries(
            Object.entries(message.headers ?? {}).map(([k, v]) => [
              k,
              Buffer.isBuffer(v) ? v.toString('utf8') : String(v),
            ]),
          ),
        };
        for (let attempt = 1; ; attempt++) {
          try {
            await options.handle(incoming);
            break;
          } catch (error) {
            // Throwing out of eachMessage would make kafkajs restart the consumer; retry here so the record is
            // neither skipped nor reordered, and give up only when the subscription stops.
            if (stopping) throw error;
            this.options.logger.warn('handler failed; retrying the record', {
              topic,
              partition,
              offset: message.offset,
              attempt,
              error: error instanceof Error ? error.message : String(error),
            });
            await new Promise((r) => setTimeout(r, redeliveryDelayMs(attempt)));
          }
        }
        await consumer.commitOffsets([
          { topic, partition, offset: String(Number(message.offset) + 1) },
        ]);
      },
    });
    return {
      stop: async () => {
        stopping = true;
        await consumer.disconnect();
        this.consumers.delete(consumer);
      },
    };
  }

  /** A connected consumer subscribed to the topics; a transient failure is retried with a new consumer. */
  private async subscribedConsumer(options: SubscribeOptions): Promise<Consumer> {
    const deadline = Date.now() + TOPIC_READY_TIMEOUT_MS;
    for (let attempt = 1; ; attempt++) {
      const consumer = this.kafka.consumer({
        groupId: options.groupId,
        sessionTimeout: 10_000,
        heartbeatInterval: 1_000,
        retry: { retries: 10 },
      });
      this.consumers.add(consumer);
      try {
        await consumer.connect();
        await consumer.subscribe({
          topics: [...options.topics],
          fromBeginning: options.fromBeginning ?? true,
        });
        return consumer;
      } catch (error) {
        this.consumers.delete(consumer);
        await consumer.disconnect().catch(() => undefined);
        if (Date.now() >= deadline) throw error;
        this.options.logger.warn('could not subscribe yet; retrying', {
          groupId: options.groupId,
          attempt,
          error: error instanceof Error ? error.message : String(error),
        });
        await new Promise((r) => setTimeout(r, Math.min(100 * 2 ** attempt, 2_000)));
      }
    }
  }

  async healthCheck(): Promise<void> {
    const admin = await this.admin.get();
    await admin.describeCluster();
  }

  async close(): Promise<void> {
    for (const consumer of this.consumers) await consumer.disconnect().catch(() => undefined);
    this.consumers.clear();
    await this.producer.close();
    await this.admin.close();
  }

  /**
   * Creates the topics not known yet and waits until the broker serves every partition of each. Services start side
   * by side: when another one is creating the same topic, `createTopics` answers that it exists while its partitions
   * are not served yet, and a consumer subscribing then fails (`UNKNOWN_TOPIC_OR_PARTITION`). Waiting here for the
   * leaders closes that window; a transient failure is retried with back-off within {@link TOPIC_READY_TIMEOUT_MS}.
   */
  private async ensureTopics(topics: readonly string[]): Promise<void> {
    const missing = [...new Set(topics)].filter((t) => !this.knownTopics.has(t));
    if (missing.length === 0) return;
    const deadline = Date.now() + TOPIC_READY_TIMEOUT_MS;
    for (let attempt = 1; ; attempt++) {
      try {
        const admin = await this.admin.get();
        await admin.createTopics({
          waitForLeaders: true,
          topics: missing.map((topic) => ({
            topic,
            numPartitions: this.options.numPartitions ?? 3,
            replicationFactor: this.options.replicationFactor ?? 1,
          })),
        });
        const { topics: described } = await admin.fetchTopicMetadata({ topics: missing });
        const unserved = missing.filter((topic) => {
          const partitions = described.find((t) => t.name === topic)?.partitions ?? [];
          return partitions.length === 0 || partitions.some((p) => p.leader < 0);
        });
        if (unserved.length > 0) throw new Error(`no leader yet for ${unserved.join(', ')}`);
        for (const topic of missing) this.knownTopics.add(topic);
        return;
      } catch (error) {
        if (Date.now() >= deadline) throw error;
        this.options.logger.warn('topics not ready yet; retrying', {
          topics: missing,
          attempt,
          error: error instanceof Error ? error.message : String(error),
        });
        await new Promise((r) => setTimeout(r, Math.min(100 * 2 ** attempt, 2_000)));
      }
    }
  }
}

/** How long {@link KafkaEventTransport} waits for topics it needs to be created and served. */
const TOPIC_READY_TIMEOUT_MS = 30_000;

/** A kafkajs client connected on first use; a failed connection is forgotten, so the next use tries again. */
class LazyClient<T extends { connect(): Promise<void>; disconnect(): Promise<void> }> {
  private client: Promise<T> | null = null;

  constructor(private readonly create: () => T) {}

  get(): Promise<T> {
    this.client ??= (async () => {
      const client = this.create();
      await client.connect();
      return client;
    })().catch((error: unknown) => {
      this.client = null;
      throw error;
    });
    return this.client;
  }

  /** Disconnects the client if it was connected (a failing disconnect is ignored). */
  async close(): Promise<void> {
    if (this.client) await (await this.client).disconnect().catch(() => undefined);
    this.client = null;
  }
}
