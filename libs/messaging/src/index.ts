export type {
  EventTransport,
  IncomingMessage,
  MessageHandler,
  OutgoingMessage,
  SubscribeOptions,
  Subscription,
} from './transport/event-transport.js';
export { redeliveryDelayMs } from './transport/event-transport.js';
export { InProcessEventTransport } from './transport/in-process-event-transport.js';
export type {
  KafkaEventTransportOptions,
  TransportLogger,
} from './transport/kafka-event-transport.js';
export { KafkaEventTransport } from './transport/kafka-event-transport.js';
export { outboxTableSql, processedEventsTableSql } from './outbox/outbox-sql.js';
export { Outbox } from './outbox/outbox.js';
export type { OutboxRelayOptions } from './outbox/outbox-relay.js';
export { OutboxRelay } from './outbox/outbox-relay.js';
export { wakeRelayAfterCommit } from './outbox/wake-relay-after-commit.js';
export type { ConsumeOutcome, IdempotentConsumerOptions } from './consumer/idempotent-consumer.js';
export { IdempotentConsumer } from './consumer/idempotent-consumer.js';
