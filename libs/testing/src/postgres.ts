import { createHash, randomBytes } from 'node:crypto';
import pg from 'pg';
import { dockerAvailable } from './docker.js';

/** The password every test application role gets (test databases only). */
export const TEST_ROLE_PASSWORD = 'iam-test-role';

let containerUrl: Promise<string> | null = null;

/**
 * A PostgreSQL URL for a role that may create databases and roles: `DATABASE_URL` when set; else a
 * testcontainers PostgreSQL when Docker is reachable; else an error that says what to start. Never a skip.
 */
export async function getTestDatabaseAdminUrl(): Promise<string> {
  const fromEnv = process.env['DATABASE_URL'];
  if (fromEnv) return fromEnv;
  if (dockerAvailable()) {
    containerUrl ??= (async () => {
      const { PostgreSqlContainer } = await import('@testcontainers/postgresql');
      const container = await new PostgreSqlContainer('postgres:18').start();
      return container.getConnectionUri();
    })();
    return containerUrl;
  }
  throw new Error(
    'No PostgreSQL for tests: set DATABASE_URL=postgresql://postgres@127.0.0.1:5432/postgres ' +
      '(a role that may create databases and roles), or start a Docker engine for testcontainers',
  );
}

/** A database of one test file. */
export interface TestDatabase {
  readonly name: string;
  /** The admin (superuser) URL of this database: bypasses row-level security, for setup and assertions only. */
  readonly adminUrl: string;
  /** The URL of an application role on this database (row-level security applies to it). */
  urlFor(role: string): string;
  drop(): Promise<void>;
}

/** Options of {@link createTestDatabase}. */
export interface CreateTestDatabaseOptions {
  /** The template to clone; `prepare` runs once per key (and per migration set, so include a version in it). */
  readonly template: { readonly key: string; prepare(adminUrlOfTemplate: string): Promise<void> };
  /** Application roles that must exist (created NOSUPERUSER NOBYPASSRLS with {@link TEST_ROLE_PASSWORD}). */
  readonly appRoles?: readonly string[];
}

function withDatabase(
  url: string,
  database: string,
  user?: { name: string; password: string },
): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  if (user) {
    parsed.username = user.name;
    parsed.password = user.password;
  }
  return parsed.toString();
}

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

function quoteIdent(name: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`unsafe identifier \`${name}\``);
  return `"${name}"`;
}

/**
 * Creates a login role that owns nothing and is NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE if it does not
 * exist, and sets its password. Race-safe across parallel workers: serialised by an advisory lock, and a
 * concurrent creation (duplicate_object 42710 / unique_violation 23505 on pg_authid) is taken as success.
 */
export async function ensureRole(adminUrl: string, role: string, password: string): Promise<void> {
  await withClient(adminUrl, async (client) => {
    // Roles are cluster-wide: serialise creation across parallel test workers.
    await client.query('SELECT pg_advisory_lock(hashtext($1))', [`iam-test-role:${role}`]);
    try {
      const literal = (await client.query('SELECT quote_literal($1::text) AS q', [password]))
        .rows[0] as { q: string };
      const found = await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role]);
      if (found.rowCount === 0) {
        try {
          await client.query(
            `CREATE ROLE ${quoteIdent(role)} LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE`,
          );
        } catch (error) {
          const code = (error as { code?: string }).code;
          if (code !== '42710' && code !== '23505') throw error;
        }
      }
      // SECURITY: re-assert the attributes too, so a role left over with more rights cannot hide an RLS gap.
      await client.query(
        `ALTER ROLE ${quoteIdent(role)} LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE PASSWORD ${literal.q}`,
      );
    } finally {
      await client.query('SELECT pg_advisory_unlock(hashtext($1))', [`iam-test-role:${role}`]);
    }
  });
}

/** {@link ensureRole} with {@link TEST_ROLE_PASSWORD}, the password {@link TestDatabase.urlFor} uses. */
export async function ensureTestRole(
  adminUrl: string,
  role: string,
  password = TEST_ROLE_PASSWORD,
): Promise<void> {
  await ensureRole(adminUrl, role, password);
}

const preparedTemplates = new Map<string, Promise<string>>();
let staleSweep: Promise<void> | null = null;

async function sweepStaleDatabases(adminUrl: string): Promise<void> {
  // Best effort: databases of crashed runs older than an hour.
  await withClient(adminUrl, async (client) => {
    const stale = await client.query<{ datname: string }>(
      `SELECT datname FROM pg_database WHERE datname LIKE 'iam\\_test\\_%'
       AND (pg_stat_file('base/' || oid || '/PG_VERSION')).modification < now() - interval '1 hour'`,
    );
    for (const { datname } of stale.rows) {
      await client
        .query(`DROP DATABASE IF EXISTS ${quoteIdent(datname)} WITH (FORCE)`)
        .catch(() => undefined);
    }
  }).catch(() => undefined);
}

async function prepareTemplate(
  adminUrl: string,
  key: string,
  prepare: (url: string) => Promise<void>,
): Promise<string> {
  const name = `iam_tpl_${createHash('sha256').update(key).digest('hex').slice(0, 16)}`;
  await withClient(adminUrl, async (client) => {
    await client.query('SELECT pg_advisory_lock(hashtext($1))', [name]);
    try {
      const found = await client.query<{ ready: boolean }>(
        `SELECT coalesce(shobj_description(oid, 'pg_database'), '') = 'ready' AS ready FROM pg_database WHERE datname = $1`,
        [name],
      );
      if (found.rows[0]?.ready) return;
      if (found.rowCount !== 0)
        await client.query(`DROP DATABASE ${quoteIdent(name)} WITH (FORCE)`);
      await client.query(`CREATE DATABASE ${quoteIdent(name)}`);
      await prepare(withDatabase(adminUrl, name));
      // Marked ready only after `prepare` succeeded, so a failed preparation is redone by the next run.
      await client.query(`COMMENT ON DATABASE ${quoteIdent(name)} IS 'ready'`);
    } finally {
      await client.query('SELECT pg_advisory_unlock(hashtext($1))', [name]);
    }
  });
  return name;
}

/**
 * A database for one test file, cloned from a migrated template (`CREATE DATABASE … TEMPLATE`), so test files
 * are isolated and run in parallel. Templates are keyed by `template.key` and reused across runs; a template
 * whose key is new (new migrations: put their count or names in the key) is prepared once.
 */
export async function createTestDatabase(
  options: CreateTestDatabaseOptions,
): Promise<TestDatabase> {
  const adminUrl = await getTestDatabaseAdminUrl();
  staleSweep ??= sweepStaleDatabases(adminUrl);
  await staleSweep;
  for (const role of options.appRoles ?? []) await ensureTestRole(adminUrl, role);
  let template = preparedTemplates.get(options.template.key);
  if (!template) {
    template = prepareTemplate(adminUrl, options.template.key, (url) =>
      options.template.prepare(url),
    );
    preparedTemplates.set(options.template.key, template);
  }
  const templateName = await template;
  const name = `iam_test_${randomBytes(6).toString('hex')}`;
  await withClient(adminUrl, async (client) => {
    // CREATE DATABASE … TEMPLATE needs the template to have no other session.
    await client.query('SELECT pg_advisory_lock(hashtext($1))', [templateName]);
    try {
      await client.query(
        `CREATE DATABASE ${quoteIdent(name)} TEMPLATE ${quoteIdent(templateName)}`,
      );
    } finally {
      await client.query('SELECT pg_advisory_unlock(hashtext($1))', [templateName]);
    }
  });
  return {
    name,
    adminUrl: withDatabase(adminUrl, name),
    urlFor: (role) => withDatabase(adminUrl, name, { name: role, password: TEST_ROLE_PASSWORD }),
    drop: () =>
      withClient(
        adminUrl,
        async (client) =>
          void (await client.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`)),
      ),
  };
}
