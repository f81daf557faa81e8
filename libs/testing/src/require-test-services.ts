import { expect } from 'vitest';
import { dockerAvailable } from './docker.js';

/** Integration and end-to-end test files: they talk to real PostgreSQL and a real Kafka broker. */
const SERVICE_TEST_FILE = /\.(integration|e2e)-spec\.ts$/;

/**
 * What an integration or end-to-end test run lacks: one line per missing service, saying what to start. Empty
 * when `DATABASE_URL` and `KAFKA_BROKERS` are set, or when a Docker engine can start them (testcontainers).
 */
export function missingTestServices(env: NodeJS.ProcessEnv = process.env): string[] {
  if (dockerAvailable()) return [];
  const missing: string[] = [];
  if (!env['DATABASE_URL']) {
    missing.push(
      'No PostgreSQL for tests: set DATABASE_URL=postgresql://postgres@127.0.0.1:5432/postgres ' +
        '(a role that may create databases and roles), or start a Docker engine for testcontainers',
    );
  }
  if (!env['KAFKA_BROKERS']) {
    missing.push(
      'No Kafka broker for tests: run `bash tools/kafka/start-kafka.sh` (it prints KAFKA_BROKERS=127.0.0.1:9092) ' +
        'and export KAFKA_BROKERS, or start a Docker engine for testcontainers',
    );
  }
  return missing;
}

/**
 * Vitest setup file (every project's `setupFiles`): an integration or end-to-end test file without its services
 * fails before it collects a test. Without it, the file's `beforeAll` would throw and vitest would report its
 * tests as skipped, not failed (README: a missing service fails the tests; nothing is skipped).
 */
const testPath = expect.getState().testPath ?? '';
if (SERVICE_TEST_FILE.test(testPath)) {
  const missing = missingTestServices();
  if (missing.length > 0) throw new Error(missing.join('\n'));
}
