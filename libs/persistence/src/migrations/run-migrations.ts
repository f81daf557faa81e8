import pg from 'pg';
import type { DataSource } from 'typeorm';

/** Options for provisioning a service's schema and its application role. */
export interface MigrateOptions {
  /** A DataSource connected as a role that owns (or may create) the schema: never the application role. */
  readonly dataSource: DataSource;
  readonly schema: string;
  /** The role the service connects as at run time; it gets DML on the schema's tables and owns nothing. */
  readonly appRole: string;
}

function quoteIdent(name: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`unsafe SQL identifier \`${name}\``);
  return `"${name}"`;
}

/**
 * Creates the schema, runs the pending TypeORM migrations (in `<schema>.migrations`) and grants the application
 * role DML on the schema's tables. Idempotent.
 *
 * SECURITY: the application role gets no ownership and no rights on the migrations table, so row-level security
 * (FORCE'd on every tenant table) always applies to it.
 */
export async function runMigrations(options: MigrateOptions): Promise<string[]> {
  const { dataSource } = options;
  const schema = quoteIdent(options.schema);
  const role = quoteIdent(options.appRole);
  await dataSource.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
  const applied = await dataSource.runMigrations({ transaction: 'each' });
  await dataSource.query(`GRANT USAGE ON SCHEMA ${schema} TO ${role}`);
  await dataSource.query(
    `GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA ${schema} TO ${role}`,
  );
  await dataSource.query(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA ${schema} TO ${role}`);
  await dataSource.query(`REVOKE ALL ON ${schema}.migrations FROM ${role}`);
  return applied.map((migration) => migration.name);
}

/**
 * Creates (or updates the password of) a login role that owns nothing and is neither superuser nor BYPASSRLS.
 * For embedded mode and tests; production provisions roles out of band.
 */
export async function ensureAppRole(
  adminUrl: string,
  role: string,
  password: string,
): Promise<void> {
  const name = quoteIdent(role);
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const exists = await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role]);
    if (exists.rowCount === 0) {
      try {
        await client.query(
          `CREATE ROLE ${name} LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE NOINHERIT`,
        );
      } catch (error) {
        // Another process created it between our check and our create.
        if (
          (error as { code?: string }).code !== '42710' &&
          (error as { code?: string }).code !== '23505'
        )
          throw error;
      }
    }
    const literal = (await client.query('SELECT quote_literal($1::text) AS q', [password]))
      .rows[0] as {
      q: string;
    };
    await client.query(
      `ALTER ROLE ${name} WITH LOGIN NOSUPERUSER NOBYPASSRLS PASSWORD ${literal.q}`,
    );
  } finally {
    await client.end();
  }
}
