import type { DynamicModule } from '@nestjs/common';
import type { DataSource, EntityManager, EntitySchema, MixedList } from 'typeorm';
import type { EventEnvelope } from '@iam/event-contracts';
import type { ReadinessCheck } from '@iam/graphql-kit';
import { bootstrapSubgraph, printSubgraphSdl } from '@iam/graphql-kit';
import type { EventTransport } from '@iam/messaging';
import {
  IdempotentConsumer,
  KafkaEventTransport,
  Outbox,
  OutboxRelay,
  wakeRelayAfterCommit,
} from '@iam/messaging';
import { createServiceDataSource, ensureAppRole, runMigrations } from '@iam/persistence';
import type { Logger } from '@iam/service-kit';
import { createLogger, generateDataKey, loadConfig, subgraphConfigSchema } from '@iam/service-kit';
import { namespacedTransport } from './namespaced-transport.js';

/** What a service's Nest module receives from the host. */
export interface SubgraphHostDeps {
  /** The service's name (`identity`, `audit`, ...): its env prefix, consumer groups, logs. */
  readonly name: string;
  readonly dataSource: DataSource;
  readonly outbox: Outbox;
  readonly relay: OutboxRelay;
  readonly logger: Logger;
  readonly production: boolean;
  readonly partition: string;
  readonly readinessChecks: ReadinessCheck[];
  /**
   * The host's event transport (namespaced): for subscriptions that are not idempotent consumers of the service's
   * database, such as the authorizer cache's invalidations (`AuthorizationModule`).
   */
  readonly transport: EventTransport;
  /** The environment the service was started with, for its own configuration (read with `loadConfig`). */
  readonly env: Readonly<Record<string, string | undefined>>;
}

/** An event consumer the host runs beside the subgraph (idempotent: one processed_events row per event). */
export interface ConsumerDefinition {
  readonly groupId: string;
  readonly topics: readonly string[];
  handle(tx: EntityManager, envelope: EventEnvelope): Promise<void>;
}

/** Everything the host needs to know about one service. */
export interface SubgraphServiceDefinition {
  /** `identity`, `policy`, `credential`, `audit`: also the Postgres schema and the env prefix. */
  readonly name: string;
  readonly defaultPort: number;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- TypeORM's own type for entity classes
  readonly entities: MixedList<Function | EntitySchema>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- TypeORM's own type for migration classes
  readonly migrations: MixedList<Function>;
  createModule(deps: SubgraphHostDeps): DynamicModule;
  consumers?(deps: SubgraphHostDeps): ConsumerDefinition[];
}

/** A started service. */
export interface RunningService {
  readonly name: string;
  readonly url: string;
  readonly dataSource: DataSource;
  readonly relay: OutboxRelay;
  close(): Promise<void>;
}

/** How to start a service: from the environment, with an optional shared transport (embedded mode). */
export interface StartOptions {
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** A transport owned by the caller (embedded mode); otherwise a Kafka transport from KAFKA_BROKERS. */
  readonly transport?: EventTransport;
  readonly logger?: Logger;
}

/**
 * Starts one subgraph service: connects as the application role, starts the outbox relay and the consumers, then
 * serves the subgraph. Closing stops them in reverse order and closes owned connections.
 */
export async function startSubgraphService(
  definition: SubgraphServiceDefinition,
  options: StartOptions = {},
): Promise<RunningService> {
  const env = options.env ?? process.env;
  const config = loadConfig(subgraphConfigSchema(definition.defaultPort), env, {
    prefix: `${definition.name.toUpperCase()}_`,
  });
  const logger = options.logger ?? createLogger(definition.name);
  const ownsTransport = options.transport === undefined;
  if (ownsTransport && config.KAFKA_BROKERS.length === 0) {
    throw new Error('KAFKA_BROKERS is required when no embedded transport is given');
  }
  const transport = namespacedTransport(
    options.transport ??
      new KafkaEventTransport({
        brokers: config.KAFKA_BROKERS,
        clientId: `${config.KAFKA_CLIENT_ID}-${definition.name}`,
        logger,
      }),
    config.IAM_EVENT_NAMESPACE,
  );
  const dataSource = createServiceDataSource({
    url: config.DATABASE_URL,
    schema: definition.name,
    entities: definition.entities,
    applicationName: `iam-${definition.name}`,
  });
  await dataSource.initialize();
  const outbox = new Outbox(definition.name);
  const relay = new OutboxRelay({ dataSource, schema: definition.name, transport, logger });
  // Every transaction that appended to the outbox wakes the relay once it has committed: its events leave at once
  // (the poll is only the fallback for rows written by another process).
  wakeRelayAfterCommit(dataSource, outbox, relay);
  const readinessChecks: ReadinessCheck[] = [
    { name: 'postgres', check: async () => void (await dataSource.query('SELECT 1')) },
    { name: 'events', check: () => transport.healthCheck() },
  ];
  const deps: SubgraphHostDeps = {
    name: definition.name,
    dataSource,
    outbox,
    relay,
    logger,
    production: config.NODE_ENV === 'production',
    partition: config.IAM_PARTITION,
    readinessChecks,
    transport,
    env,
  };
  const consumers = (definition.consumers?.(deps) ?? []).map(
    (c) =>
      new IdempotentConsumer({
        dataSource,
        schema: definition.name,
        groupId: c.groupId,
        topics: c.topics,
        transport,
        handle: (tx, envelope) => c.handle(tx, envelope),
        logger,
      }),
  );
  const started: IdempotentConsumer[] = [];
  let subgraph: Awaited<ReturnType<typeof bootstrapSubgraph>>;
  try {
    relay.start();
    for (const consumer of consumers) {
      await consumer.start();
      started.push(consumer);
    }
    subgraph = await bootstrapSubgraph({
      module: definition.createModule(deps),
      host: config.HOST,
      port: config.PORT,
      name: definition.name,
      callerVerifyKey: config.IAM_CALLER_VERIFY_PUBLIC_KEY,
      logger,
    });
  } catch (error) {
    // Nothing started is left running: a failed start ends with no consumer, relay or connection behind it.
    for (const consumer of started.reverse()) await consumer.stop().catch(() => undefined);
    await relay.stop().catch(() => undefined);
    if (ownsTransport) await transport.close().catch(() => undefined);
    await dataSource.destroy().catch(() => undefined);
    throw error;
  }
  logger.info('subgraph started', { url: `${subgraph.url}/graphql` });
  return {
    name: definition.name,
    url: subgraph.url,
    dataSource,
    relay,
    close: async () => {
      await subgraph.close();
      for (const consumer of consumers) await consumer.stop();
      await relay.stop();
      if (ownsTransport) await transport.close();
      await dataSource.destroy();
    },
  };
}

/**
 * Runs a service's migrations as an owner role and grants DML to its application role. With `appRolePassword`
 * (embedded mode and tests), the application role is created first.
 */
export async function migrateSubgraphService(
  definition: SubgraphServiceDefinition,
  options: { adminUrl: string; appRole: string; appRolePassword?: string },
): Promise<string[]> {
  if (options.appRolePassword !== undefined) {
    await ensureAppRole(options.adminUrl, options.appRole, options.appRolePassword);
  }
  const dataSource = createServiceDataSource({
    url: options.adminUrl,
    schema: definition.name,
    migrations: definition.migrations,
    applicationName: `iam-${definition.name}-migrate`,
    poolSize: 1,
  });
  await dataSource.initialize();
  try {
    return await runMigrations({ dataSource, schema: definition.name, appRole: options.appRole });
  } finally {
    await dataSource.destroy();
  }
}

/** Prints a service's subgraph SDL without connecting anywhere (the module gets unconnected stand-ins). */
export async function printServiceSdl(definition: SubgraphServiceDefinition): Promise<string> {
  const logger = createLogger(definition.name, 'silent');
  const dataSource = createServiceDataSource({
    url: 'postgresql://schema-printer@127.0.0.1:1/none',
    schema: definition.name,
    entities: definition.entities,
    applicationName: 'schema-printer',
  });
  const outbox = new Outbox(definition.name);
  const noTransport: EventTransport = {
    publish: () => Promise.reject(new Error('not connected')),
    subscribe: () => Promise.reject(new Error('not connected')),
    healthCheck: () => Promise.reject(new Error('not connected')),
    close: () => Promise.resolve(),
  };
  const relay = new OutboxRelay({
    dataSource,
    schema: definition.name,
    transport: noTransport,
    logger,
  });
  return printSubgraphSdl(
    definition.createModule({
      name: definition.name,
      dataSource,
      outbox,
      relay,
      logger,
      production: false,
      partition: 'aws',
      readinessChecks: [],
      // Subscriptions (the authorizer cache's) start and stop with nothing to read.
      transport: {
        ...noTransport,
        subscribe: () => Promise.resolve({ stop: () => Promise.resolve() }),
      },
      // The module is built to print its schema, never served: a throwaway key ring stands in for the real one.
      env: { IAM_DATA_KEYS: generateDataKey() },
    }),
  );
}
