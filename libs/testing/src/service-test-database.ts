import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DataSource } from 'typeorm';
import { createServiceDataSource } from '@iam/persistence';
import type { ServiceDataSourceOptions } from '@iam/persistence';
import { createTestDatabase } from './postgres.js';
import type { TestDatabase } from './postgres.js';

/** A fresh database of one service and a DataSource connected to it as the service's application role. */
export interface ServiceTestDatabase {
  readonly db: TestDatabase;
  readonly dataSource: DataSource;
  /** Closes the DataSource and drops the database. */
  close(): Promise<void>;
}

/** The parts of a service definition {@link createServiceTestDatabase} reads. */
export interface ServiceUnderTest {
  /** The service's name, which is also its schema's. */
  readonly name: string;
  readonly entities: ServiceDataSourceOptions['entities'];
}

/** How {@link createServiceTestDatabase} builds the migrated template of a service. */
export interface ServiceTestDatabaseOptions<S extends ServiceUnderTest> {
  /** The folder of the service's migrations: its files' digest keys the migrated template. */
  readonly migrationsDir: URL;
  /** The role the service connects as (default `iam_<name>_app`, as in the deployments). */
  readonly appRole?: string;
  /** The service's own migration, run as the administrator on the template (`migrateSubgraphService`). */
  migrate(service: S, options: { adminUrl: string; appRole: string }): Promise<unknown>;
}

function migrationsDigest(migrationsDir: string): string {
  const hash = createHash('sha256');
  for (const file of readdirSync(migrationsDir).sort()) {
    hash.update(`${file}\n`).update(readFileSync(join(migrationsDir, file)));
  }
  return hash.digest('hex').slice(0, 16);
}

/** A fresh database (cloned from a migrated template) and a DataSource connected as the application role. */
export async function createServiceTestDatabase<S extends ServiceUnderTest>(
  service: S,
  options: ServiceTestDatabaseOptions<S>,
): Promise<ServiceTestDatabase> {
  const appRole = options.appRole ?? `iam_${service.name}_app`;
  const db = await createTestDatabase({
    template: {
      // A new or edited migration changes the key, so the template is rebuilt.
      key: `${service.name}:${migrationsDigest(fileURLToPath(options.migrationsDir))}`,
      prepare: async (adminUrl) => {
        await options.migrate(service, { adminUrl, appRole });
      },
    },
    appRoles: [appRole],
  });
  const dataSource = createServiceDataSource({
    url: db.urlFor(appRole),
    schema: service.name,
    entities: service.entities,
    applicationName: `${service.name}-test`,
    poolSize: 4,
  });
  await dataSource.initialize();
  return {
    db,
    dataSource,
    close: async () => {
      await dataSource.destroy();
      await db.drop();
    },
  };
}
