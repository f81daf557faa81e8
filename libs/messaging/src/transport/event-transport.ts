/** A record to publish. `key` decides the partition, so one aggregate's records stay ordered. */
export interface OutgoingMessage {
  readonly topic: string;
  readonly key: string;
  readonly value: string;
  readonly headers: Readonly<Record<string, string>>;
}

/** A delivered record. */
export interface IncomingMessage {
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
  readonly key: string | null;
  readonly value: string;
  readonly headers: Readonly<Record<string, string>>;
}

/** What a subscriber runs for each record; a rejection means "not handled", and the record is delivered again. */
export type MessageHandler = (message: IncomingMessage) => Promise<void>;

/** Options of {@link EventTransport.subscribe}. */
export interface SubscribeOptions {
  readonly groupId: string;
  readonly topics: readonly string[];
  /** Where a group with no committed position starts: the oldest record (default) or new records only. */
  readonly fromBeginning?: boolean;
  readonly handle: MessageHandler;
}

/** A running subscription. */
export interface Subscription {
  stop(): Promise<void>;
}

/**
 * The event bus contract, implemented by Kafka and by an in-process transport for the embedded mode; both pass
 * one contract suite. Delivery is at-least-once and ordered per key within a group: a group's position advances
 * only after the handler resolved, and a failing handler is retried (with back-off) without skipping the record.
 */
export interface EventTransport {
  /** Resolves once every message is durably accepted (Kafka: acknowledged by all in-sync replicas). */
  publish(messages: readonly OutgoingMessage[]): Promise<void>;
  subscribe(options: SubscribeOptions): Promise<Subscription>;
  /** Throws when the bus is unreachable. */
  healthCheck(): Promise<void>;
  close(): Promise<void>;
}

/** Back-off between redeliveries of a record whose handler failed: 100 ms doubling to 5 s. */
export function redeliveryDelayMs(attempt: number): number {
  return Math.min(5_000, 100 * 2 ** Math.max(0, attempt - 1));
}
