import { beforeAll, describe, expect, it } from 'vitest';
import type { DataSource } from 'typeorm';
import type { AccountId } from '@iam/common';
import { TenantTransaction } from '@iam/persistence';
import { useIdentityDatabase } from '../support/identity-suite.js';
import { rootOf } from '../support/principal-services.js';

describe('identity tenant isolation', () => {
  const { env, s } = useIdentityDatabase();
  let dataSource: DataSource;
  let accountA: string;
  let accountB: string;

  beforeAll(async () => {
    dataSource = env.dataSource;
    accountA = await s.newAccount();
    accountB = await s.newAccount();
  });

  it('connects as a role that is neither superuser nor BYPASSRLS and owns no identity table', async () => {
    const [role] = await dataSource.query<
      { rolsuper: boolean; rolbypassrls: boolean; name: string }[]
    >(
      `SELECT rolsuper, rolbypassrls, current_user AS name FROM pg_roles WHERE rolname = current_user`,
    );
    expect(role).toEqual({ rolsuper: false, rolbypassrls: false, name: 'iam_identity_app' });
    const owned = await dataSource.query<unknown[]>(
      `SELECT tablename FROM pg_tables WHERE schemaname = 'identity' AND tableowner = current_user`,
    );
    expect(owned).toEqual([]);
  });

  it('forces row-level security on every identity table that carries account_id', async () => {
    const tables = await dataSource.query<{ name: string; enabled: boolean; forced: boolean }[]>(`
      SELECT c.relname AS name, c.relrowsecurity AS enabled, c.relforcerowsecurity AS forced
      FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'account_id'
      WHERE n.nspname = 'identity' AND c.relkind = 'r' ORDER BY 1`);
    expect(tables.map((t) => t.name)).toEqual(expect.arrayContaining(['accounts', 'outbox']));
    for (const table of tables)
      expect(table, table.name).toMatchObject({ enabled: true, forced: true });
  });

  it('leaves no identity table the application role can read without row-level security', async () => {
    // Tables without account_id (signing keys, source-address counters) are platform-only; the migrations
    // history is not the application's to read at all.
    const open = await dataSource.query<{ name: string }[]>(`
      SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'identity' AND c.relkind IN ('r', 'p')
        AND NOT (c.relrowsecurity AND c.relforcerowsecurity)
        AND (has_table_privilege(current_user, c.oid, 'SELECT')
             OR has_table_privilege(current_user, c.oid, 'INSERT')
             OR has_table_privilege(current_user, c.oid, 'UPDATE')
             OR has_table_privilege(current_user, c.oid, 'DELETE'))
      ORDER BY 1`);
    expect(open).toEqual([]);
  });

  it('reads nothing of another account even when the query forgets its account filter', async () => {
    const rows = await new TenantTransaction(dataSource).run(accountA as AccountId, (tx) =>
      tx.query(`SELECT account_id FROM identity.accounts`),
    );
    expect(rows).toEqual([{ account_id: accountA }]);
    const events = (await new TenantTransaction(dataSource).run(accountA as AccountId, (tx) =>
      tx.query(`SELECT DISTINCT account_id FROM identity.outbox`),
    )) as { account_id: string }[];
    expect(events).toEqual([{ account_id: accountA }]);
  });

  it('turns the platform view off before the tenant phase of a platform-then-scoped transaction', async () => {
    const result = await new TenantTransaction(dataSource).runPlatformThenScoped(
      (tx) =>
        tx.query<{ account_id: string }[]>(
          `SELECT account_id FROM identity.accounts WHERE account_id IN ($1, $2) ORDER BY 1`,
          [accountA, accountB],
        ),
      () => accountA as AccountId,
      async (tx, seen) => ({
        seen: seen.map((r) => r.account_id),
        scoped: await tx.query<{ account_id: string }[]>(
          `SELECT account_id FROM identity.accounts`,
        ),
        signingKeys: await tx.query<unknown[]>(`SELECT kid FROM identity.session_signing_keys`),
        platform: await tx.query<{ on: string | null }[]>(
          `SELECT current_setting('app.platform', true) AS on`,
        ),
      }),
    );
    expect(result.seen).toEqual([accountA, accountB].sort());
    expect(result.scoped).toEqual([{ account_id: accountA }]);
    expect(result.signingKeys).toEqual([]);
    expect(result.platform).toEqual([{ on: '' }]);
  });

  it('reads nothing at all outside a tenant transaction (the setting is missing: fail closed)', async () => {
    expect(await dataSource.query(`SELECT account_id FROM identity.accounts`)).toEqual([]);
    expect(await dataSource.query(`SELECT id FROM identity.outbox`)).toEqual([]);
  });

  it('updates and deletes nothing of another account without a filter, and cannot insert into it', async () => {
    const tenantTx = new TenantTransaction(dataSource);
    const updated = (await tenantTx.run(accountA as AccountId, (tx) =>
      tx.query(`UPDATE identity.accounts SET alias = 'hijacked' RETURNING account_id`),
    )) as [{ account_id: string }[], number];
    expect(updated[0]).toEqual([{ account_id: accountA }]);
    const deleted = (await tenantTx.run(accountA as AccountId, (tx) =>
      tx.query(`DELETE FROM identity.outbox WHERE account_id = $1 RETURNING id`, [accountB]),
    )) as [unknown[], number];
    expect(deleted[0]).toEqual([]);
    await expect(
      tenantTx.run(accountA as AccountId, (tx) =>
        tx.query(
          `INSERT INTO identity.accounts (account_id, alias, status, created_at, updated_at)
           VALUES ('999999999999', NULL, 'active', now(), now())`,
        ),
      ),
    ).rejects.toMatchObject({ driverError: { code: '42501' } });
    const b = await s.accounts.getAccount(rootOf(accountB), accountB);
    expect(b.alias).toBeNull();
  });

  it("answers another account's id exactly like a missing one", async () => {
    const missing = await s.accounts
      .getAccount(rootOf(accountA), '000000000001')
      .catch((e: unknown) => e);
    const other = await s.accounts.getAccount(rootOf(accountA), accountB).catch((e: unknown) => e);
    expect(missing).toMatchObject({ code: 'NoSuchEntity' });
    expect(other).toMatchObject({ code: 'NoSuchEntity' });
    expect((other as Error).message.replace(accountB, 'X')).toBe(
      (missing as Error).message.replace('000000000001', 'X'),
    );
  });

  it('lets a tenant principal read its own account', async () => {
    await expect(s.accounts.getAccount(rootOf(accountA), accountA)).resolves.toMatchObject({
      accountId: accountA,
    });
  });

  it('refuses account creation and listing to tenant principals', async () => {
    await expect(s.accounts.createAccount(rootOf(accountA), { alias: null })).rejects.toMatchObject(
      {
        code: 'AccessDenied',
      },
    );
    await expect(s.accounts.listAccounts(rootOf(accountA), {})).rejects.toMatchObject({
      code: 'AccessDenied',
    });
  });
});
