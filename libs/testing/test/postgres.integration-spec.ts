import { afterAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import pg from 'pg';
import type { TestDatabase } from '../src/index.js';
import {
  createTestDatabase,
  ensureRole,
  getTestDatabaseAdminUrl,
  uniqueName,
} from '../src/index.js';

const ROLE = 'iam_testinglib_app';

async function query<T>(url: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows as T[];
  } finally {
    await client.end();
  }
}

describe(createTestDatabase.name, () => {
  const created: TestDatabase[] = [];
  let prepared = 0;
  const key = uniqueName('testing-lib-template');
  const template = {
    key,
    prepare: async (url: string) => {
      prepared++;
      await query(url, 'CREATE TABLE marker (id int)');
      await query(url, `GRANT SELECT ON marker TO ${ROLE}`);
    },
  };

  afterAll(async () => {
    for (const db of created) await db.drop();
    // This key is unique to the run, so its template would never be reused: remove it.
    const templateName = `iam_tpl_${createHash('sha256').update(key).digest('hex').slice(0, 16)}`;
    await query(
      await getTestDatabaseAdminUrl(),
      `DROP DATABASE IF EXISTS "${templateName}" WITH (FORCE)`,
    );
  });

  it('clones a template prepared once into separate databases reachable as the app role', async () => {
    const [a, b] = await Promise.all([
      createTestDatabase({ template, appRoles: [ROLE] }),
      createTestDatabase({ template, appRoles: [ROLE] }),
    ]);
    created.push(a!, b!);
    expect(prepared).toBe(1);
    expect(a!.name).not.toBe(b!.name);
    expect(a!.name).toMatch(/^iam_test_[0-9a-f]{12}$/);
    await query(a!.adminUrl, 'INSERT INTO marker VALUES (1)');
    expect(await query(a!.urlFor(ROLE), 'SELECT id FROM marker')).toEqual([{ id: 1 }]);
    expect(await query(b!.urlFor(ROLE), 'SELECT id FROM marker')).toEqual([]);
  });

  it('drops a database even while a session is open', async () => {
    const db = await createTestDatabase({ template, appRoles: [ROLE] });
    const open = new pg.Client({ connectionString: db.adminUrl });
    await open.connect();
    open.on('error', () => undefined); // terminated by DROP … WITH (FORCE)
    await db.drop();
    const left = await query(
      await getTestDatabaseAdminUrl(),
      'SELECT 1 FROM pg_database WHERE datname = $1',
      [db.name],
    );
    expect(left).toEqual([]);
    await open.end().catch(() => undefined);
  });
});

describe(ensureRole.name, () => {
  it('creates a least-privileged login role, concurrently and idempotently', async () => {
    const admin = await getTestDatabaseAdminUrl();
    const role = `iam_t_${uniqueName('r').replace('-', '_')}`;
    try {
      await Promise.all([ensureRole(admin, role, 'pw1'), ensureRole(admin, role, 'pw1')]);
      await ensureRole(admin, role, 'pw2');
      const [attrs] = await query<Record<string, boolean>>(
        admin,
        `SELECT rolcanlogin, rolsuper, rolbypassrls, rolcreatedb, rolcreaterole FROM pg_roles WHERE rolname = $1`,
        [role],
      );
      expect(attrs).toEqual({
        rolcanlogin: true,
        rolsuper: false,
        rolbypassrls: false,
        rolcreatedb: false,
        rolcreaterole: false,
      });
      const url = new URL(admin);
      url.username = role;
      url.password = 'pw2';
      expect(await query(url.toString(), 'SELECT current_user AS u')).toEqual([{ u: role }]);
    } finally {
      await query(admin, `DROP ROLE IF EXISTS "${role}"`);
    }
  });
});
