import { randomBytes } from 'node:crypto';
import { dockerAvailable } from './docker.js';

let containerBrokers: Promise<string[]> | null = null;

/**
 * Kafka bootstrap servers for tests: `KAFKA_BROKERS` when set; else a testcontainers Kafka when Docker is
 * reachable; else an error that says what to start. Never a skip.
 */
export async function getTestKafkaBrokers(): Promise<string[]> {
  const fromEnv = process.env['KAFKA_BROKERS'];
  if (fromEnv)
    return fromEnv
      .split(',')
      .map((b) => b.trim())
      .filter(Boolean);
  if (dockerAvailable()) {
    containerBrokers ??= (async () => {
      const { KafkaContainer } = await import('@testcontainers/kafka');
      const container = await new KafkaContainer('confluentinc/cp-kafka:7.9.0').withKraft().start();
      return [`${container.getHost()}:${container.getMappedPort(9093)}`];
    })();
    return containerBrokers;
  }
  throw new Error(
    'No Kafka broker for tests: run `bash tools/kafka/start-kafka.sh` (it prints KAFKA_BROKERS=127.0.0.1:9092) ' +
      'and export KAFKA_BROKERS, or start a Docker engine for testcontainers',
  );
}

/** A name no other test uses (topics, consumer groups, namespaces). */
export function uniqueName(prefix: string): string {
  return `${prefix}-${randomBytes(5).toString('hex')}`;
}
