export type { CreateTestDatabaseOptions, TestDatabase } from './postgres.js';
export {
  TEST_ROLE_PASSWORD,
  createTestDatabase,
  ensureRole,
  ensureTestRole,
  getTestDatabaseAdminUrl,
} from './postgres.js';
export type {
  ServiceTestDatabase,
  ServiceTestDatabaseOptions,
  ServiceUnderTest,
} from './service-test-database.js';
export { createServiceTestDatabase } from './service-test-database.js';
export { getTestKafkaBrokers, uniqueName } from './kafka.js';
export { expectEventually } from './expect-eventually.js';
export { dockerAvailable } from './docker.js';
export { freePort } from './free-port.js';
export type { ServiceName, Suite, SuiteOptions } from './distributed-suite.js';
export {
  ALLOW_ALL_TEST_PATH,
  SERVICE_NAMES,
  ServiceProcess,
  startSuite,
} from './distributed-suite.js';
export type { LatencyFigures } from './load.js';
export { atRate, measure, postGraphQL, throughput } from './load.js';
