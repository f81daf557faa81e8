import { DataSource } from 'typeorm';
import type { MixedList, EntitySchema } from 'typeorm';

/** Options for one service's connection: its own schema, never `synchronize`. */
export interface ServiceDataSourceOptions {
  readonly url: string;
  readonly schema: string;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- TypeORM's own type for entity classes
  readonly entities?: MixedList<Function | string | EntitySchema>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- TypeORM's own type for migration classes
  readonly migrations?: MixedList<Function | string>;
  readonly poolSize?: number;
  readonly applicationName: string;
}

/**
 * A TypeORM DataSource bound to one service schema. Migrations run only through {@link runMigrations}, never at
 * connection time, and the schema is never synchronised from entities.
 */
export function createServiceDataSource(options: ServiceDataSourceOptions): DataSource {
  return new DataSource({
    type: 'postgres',
    url: options.url,
    schema: options.schema,
    entities: options.entities ?? [],
    migrations: options.migrations ?? [],
    migrationsTableName: 'migrations',
    synchronize: false,
    migrationsRun: false,
    logging: false,
    applicationName: options.applicationName,
    poolSize: options.poolSize ?? 10,
    extra: {
      // Fail fast instead of hanging when the database is gone; keep idle connections short-lived.
      connectionTimeoutMillis: 5_000,
      idleTimeoutMillis: 30_000,
      options: `-c search_path=${options.schema}`,
    },
  });
}
