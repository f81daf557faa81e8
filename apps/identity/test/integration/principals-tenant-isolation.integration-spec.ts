import { beforeAll, describe, expect, it } from 'vitest';
import type { AccountId, CallerContext } from '@iam/common';
import { TenantTransaction } from '@iam/persistence';
import { useIdentityDatabase } from '../support/identity-suite.js';
import { EC2_TRUST, rootOf } from '../support/principal-services.js';

const TABLES = ['users', 'groups', 'group_members', 'roles', 'account_quotas'] as const;

describe('identity principals tenant isolation', () => {
  const { env, s } = useIdentityDatabase();
  let a: AccountId;
  let b: AccountId;

  /** The same names in both accounts, plus names that exist only in A. */
  async function seed(accountId: string, only: boolean): Promise<void> {
    const root = rootOf(accountId);
    await s.users.createUser(root, { userName: 'alice', tags: [{ key: 'k', value: accountId }] });
    await s.groups.createGroup(root, { groupName: 'devs' });
    await s.groups.addUserToGroup(root, { groupName: 'devs', userName: 'alice' });
    await s.roles.createRole(root, {
      roleName: 'app',
      assumeRolePolicyDocument: EC2_TRUST,
      tags: [{ key: 'k', value: accountId }],
    });
    if (only) {
      await s.users.createUser(root, { userName: 'a-only' });
      await s.groups.createGroup(root, { groupName: 'a-only' });
      await s.roles.createRole(root, { roleName: 'a-only', assumeRolePolicyDocument: EC2_TRUST });
    }
  }

  beforeAll(async () => {
    a = (await s.newAccount()) as AccountId;
    b = (await s.newAccount()) as AccountId;
    await seed(a, true);
    await seed(b, false);
    await new TenantTransaction(env.dataSource).run(a, (tx) =>
      tx.query(`INSERT INTO identity.account_quotas (account_id, max_users) VALUES ($1, 100)`, [a]),
    );
  });

  it('forces row-level security on every new table', async () => {
    const rows = await env.dataSource.query<{ name: string; enabled: boolean; forced: boolean }[]>(
      `SELECT relname AS name, relrowsecurity AS enabled, relforcerowsecurity AS forced
       FROM pg_class WHERE relnamespace = 'identity'::regnamespace AND relname = ANY($1)`,
      [[...TABLES]],
    );
    expect(rows.map((r) => r.name).sort()).toEqual([...TABLES].sort());
    for (const row of rows) expect(row, row.name).toMatchObject({ enabled: true, forced: true });
  });

  it.each(TABLES)(
    'reads only its own rows of identity.%s even without an account filter, and nothing outside a tenant transaction',
    async (table) => {
      const rows = await new TenantTransaction(env.dataSource).run(a, (tx) =>
        tx.query<{ account_id: string }[]>(`SELECT DISTINCT account_id FROM identity.${table}`),
      );
      expect(rows).toEqual([{ account_id: a }]);
      expect(await env.dataSource.query(`SELECT 1 FROM identity.${table}`)).toEqual([]);
    },
  );

  it.each(TABLES)(
    'updates and deletes nothing of another account in identity.%s',
    async (table) => {
      const tenantTx = new TenantTransaction(env.dataSource);
      const deleted = (await tenantTx.run(a, (tx) =>
        tx.query(`DELETE FROM identity.${table} WHERE account_id = $1 RETURNING account_id`, [b]),
      )) as [unknown[], number];
      expect(deleted[0]).toEqual([]);
      const updated = (await tenantTx.run(a, (tx) =>
        tx.query(
          `UPDATE identity.${table} SET account_id = account_id WHERE account_id = $1 RETURNING account_id`,
          [b],
        ),
      )) as [unknown[], number];
      expect(updated[0]).toEqual([]);
    },
  );

  it('cannot insert a row into another account', async () => {
    await expect(
      new TenantTransaction(env.dataSource).run(a, (tx) =>
        tx.query(
          `INSERT INTO identity.users (user_id, account_id, user_name, path, tags, created_at, updated_at)
           VALUES ('AIDAXXXXXXXXXXXXXXXXX', $1, 'intruder', '/', '[]', now(), now())`,
          [b],
        ),
      ),
    ).rejects.toMatchObject({ driverError: { code: '42501' } });
  });

  it('lists only its own users, groups, roles, members and tags', async () => {
    const rootB = rootOf(b);
    expect(
      (await s.users.listUsers(rootB, {})).items.map((u) => [u.accountId, u.userName]),
    ).toEqual([[b, 'alice']]);
    expect((await s.groups.listGroups(rootB, {})).items.map((g) => g.accountId)).toEqual([b]);
    expect((await s.roles.listRoles(rootB, {})).items.map((r) => r.accountId)).toEqual([b]);
    const devs = await s.groups.getGroup(rootB, { groupName: 'devs' });
    expect(devs.items.map((u) => u.accountId)).toEqual([b]);
    const groups = await s.groups.listGroupsForUser(rootB, { userName: 'alice' });
    expect(groups.items.map((g) => g.accountId)).toEqual([b]);
    expect((await s.users.listUserTags(rootB, { userName: 'alice' })).items).toEqual([
      { key: 'k', value: b },
    ]);
    expect((await s.roles.listRoleTags(rootB, { roleName: 'app' })).items).toEqual([
      { key: 'k', value: b },
    ]);
  });

  // Every by-name operation of account B on a name that exists only in A must answer exactly as for a name that
  // exists nowhere.
  const probes: {
    title: string;
    run: (caller: CallerContext, name: string, accountId?: string) => Promise<unknown>;
  }[] = [
    { title: 'getUser', run: (c, n, accountId) => s.users.getUser(c, { accountId, userName: n }) },
    {
      title: 'updateUser',
      run: (c, n, accountId) => s.users.updateUser(c, { accountId, userName: n, newPath: '/x/' }),
    },
    {
      title: 'deleteUser',
      run: (c, n, accountId) => s.users.deleteUser(c, { accountId, userName: n, force: true }),
    },
    {
      title: 'tagUser',
      run: (c, n, accountId) =>
        s.users.tagUser(c, { accountId, userName: n, tags: [{ key: 'x', value: '' }] }),
    },
    {
      title: 'untagUser',
      run: (c, n, accountId) => s.users.untagUser(c, { accountId, userName: n, tagKeys: ['k'] }),
    },
    {
      title: 'listUserTags',
      run: (c, n, accountId) => s.users.listUserTags(c, { accountId, userName: n }),
    },
    {
      title: 'listGroupsForUser',
      run: (c, n, accountId) => s.groups.listGroupsForUser(c, { accountId, userName: n }),
    },
    {
      title: 'getGroup',
      run: (c, n, accountId) => s.groups.getGroup(c, { accountId, groupName: n }),
    },
    {
      title: 'updateGroup',
      run: (c, n, accountId) =>
        s.groups.updateGroup(c, { accountId, groupName: n, newPath: '/x/' }),
    },
    {
      title: 'deleteGroup',
      run: (c, n, accountId) => s.groups.deleteGroup(c, { accountId, groupName: n }),
    },
    {
      title: 'addUserToGroup (group)',
      run: (c, n, accountId) =>
        s.groups.addUserToGroup(c, { accountId, groupName: n, userName: 'alice' }),
    },
    {
      title: 'addUserToGroup (user)',
      run: (c, n, accountId) =>
        s.groups.addUserToGroup(c, { accountId, groupName: 'devs', userName: n }),
    },
    {
      title: 'removeUserFromGroup',
      run: (c, n, accountId) =>
        s.groups.removeUserFromGroup(c, { accountId, groupName: n, userName: 'alice' }),
    },
    { title: 'getRole', run: (c, n, accountId) => s.roles.getRole(c, { accountId, roleName: n }) },
    {
      title: 'updateRole',
      run: (c, n, accountId) => s.roles.updateRole(c, { accountId, roleName: n, description: 'x' }),
    },
    {
      title: 'updateAssumeRolePolicy',
      run: (c, n, accountId) =>
        s.roles.updateAssumeRolePolicy(c, { accountId, roleName: n, policyDocument: EC2_TRUST }),
    },
    {
      title: 'deleteRole',
      run: (c, n, accountId) => s.roles.deleteRole(c, { accountId, roleName: n }),
    },
    {
      title: 'tagRole',
      run: (c, n, accountId) =>
        s.roles.tagRole(c, { accountId, roleName: n, tags: [{ key: 'x', value: '' }] }),
    },
    {
      title: 'untagRole',
      run: (c, n, accountId) => s.roles.untagRole(c, { accountId, roleName: n, tagKeys: ['k'] }),
    },
    {
      title: 'listRoleTags',
      run: (c, n, accountId) => s.roles.listRoleTags(c, { accountId, roleName: n }),
    },
  ];

  it.each(probes)(
    "$title answers another account's name exactly like a missing one",
    async ({ run }) => {
      const other = await run(rootOf(b), 'a-only').catch((e: unknown) => e);
      const missing = await run(rootOf(b), 'never-was').catch((e: unknown) => e);
      expect(other).toMatchObject({ code: 'NoSuchEntity' });
      expect(missing).toMatchObject({ code: 'NoSuchEntity' });
      expect((other as Error).message.replace('a-only', 'X')).toBe(
        (missing as Error).message.replace('never-was', 'X'),
      );
    },
  );

  it.each(probes)(
    '$title naming the other account answers AccessDenied whether or not the name exists there',
    async ({ run }) => {
      const existing = await run(rootOf(b), 'a-only', a).catch((e: unknown) => e);
      const missing = await run(rootOf(b), 'never-was', a).catch((e: unknown) => e);
      expect(existing).toMatchObject({ code: 'AccessDenied' });
      expect(missing).toMatchObject({ code: 'AccessDenied' });
      expect((existing as Error).message.replace('a-only', 'X')).toBe(
        (missing as Error).message.replace('never-was', 'X'),
      );
    },
  );

  it('lists and creates nothing in the other account when naming it: AccessDenied', async () => {
    for (const call of [
      () => s.users.listUsers(rootOf(b), { accountId: a }),
      () => s.groups.listGroups(rootOf(b), { accountId: a }),
      () => s.roles.listRoles(rootOf(b), { accountId: a }),
      () => s.users.createUser(rootOf(b), { accountId: a, userName: 'planted' }),
      () => s.groups.createGroup(rootOf(b), { accountId: a, groupName: 'planted' }),
      () =>
        s.roles.createRole(rootOf(b), {
          accountId: a,
          roleName: 'planted',
          assumeRolePolicyDocument: EC2_TRUST,
        }),
    ]) {
      await expect(call()).rejects.toMatchObject({ code: 'AccessDenied' });
    }
  });

  it("leaves A's data intact after B's attempts, and B's same-named entities are B's own", async () => {
    await s.users.deleteUser(rootOf(b), { userName: 'alice', force: true });
    await s.roles.deleteRole(rootOf(b), { roleName: 'app' });
    const rootA = rootOf(a);
    expect((await s.users.getUser(rootA, { userName: 'alice' })).tags).toEqual([
      { key: 'k', value: a },
    ]);
    expect((await s.users.getUser(rootA, { userName: 'a-only' })).path).toBe('/');
    expect(
      (await s.groups.getGroup(rootA, { groupName: 'devs' })).items.map((u) => u.userName),
    ).toEqual(['alice']);
    expect((await s.roles.getRole(rootA, { roleName: 'a-only' })).description).toBeNull();
    expect((await s.roles.getRole(rootA, { roleName: 'app' })).accountId).toBe(a);
    expect((await s.users.listUsers(rootA, {})).items).toHaveLength(2);
    expect((await s.groups.listGroups(rootA, {})).items).toHaveLength(2);
    expect((await s.roles.listRoles(rootA, {})).items).toHaveLength(2);
  });
});
