import type { EventTransport, IncomingMessage, OutgoingMessage } from '@iam/messaging';

/**
 * Prefixes every topic and consumer group with a namespace, so that several suites (test runs, staging stacks)
 * can share one Kafka cluster without reading each other's events. Consumers see the un-prefixed topic names.
 */
export function namespacedTransport(inner: EventTransport, namespace: string): EventTransport {
  if (namespace === '') return inner;
  const prefix = `${namespace}.`;
  return {
    publish: (messages: readonly OutgoingMessage[]) =>
      inner.publish(messages.map((m) => ({ ...m, topic: `${prefix}${m.topic}` }))),
    subscribe: (options) =>
      inner.subscribe({
        ...options,
        groupId: `${prefix}${options.groupId}`,
        topics: options.topics.map((t) => `${prefix}${t}`),
        handle: (message: IncomingMessage) =>
          options.handle({
            ...message,
            topic: message.topic.startsWith(prefix)
              ? message.topic.slice(prefix.length)
              : message.topic,
          }),
      }),
    healthCheck: () => inner.healthCheck(),
    close: () => inner.close(),
  };
}
