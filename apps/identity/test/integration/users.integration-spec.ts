import { beforeAll, describe, expect, it } from 'vitest';
import { TenantTransaction } from '@iam/persistence';
import { UsersService } from '../../src/users/users.service.js';
import { useIdentityDatabase } from '../support/identity-suite.js';
import { ADMIN, EC2_TRUST, rootOf, userOf } from '../support/principal-services.js';

describe(UsersService.name, () => {
  const { env, s } = useIdentityDatabase();
  let accountId: string;

  beforeAll(async () => {
    accountId = await s.newAccount();
  });

  describe('createUser', () => {
    it('creates a user with an AIDA id, its ARN, tags and a user.created.v1 event', async () => {
      const before = s.counter.notified;
      const user = await s.users.createUser(rootOf(accountId), {
        userName: 'alice',
        path: '/eng/',
        tags: [{ key: 'team', value: 'core' }],
      });
      expect(user.userId).toMatch(/^AIDA[A-Z2-7]{17}$/);
      expect(user).toMatchObject({ accountId, userName: 'alice', path: '/eng/' });
      expect(user.tags).toEqual([{ key: 'team', value: 'core' }]);
      expect(user.createdAt.toISOString()).toBe('2026-11-28T12:00:00.000Z');
      expect(s.counter.notified).toBe(before + 1);
      const events = (await s.events(accountId)).filter((e) => e.aggregate_id === user.userId);
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({
        event_type: 'user.created.v1',
        topic: 'iam.identity.user',
        envelope: {
          payload: {
            userName: 'alice',
            arn: `arn:aws:iam::${accountId}:user/eng/alice`,
            tags: [{ key: 'team', value: 'core' }],
          },
        },
      });
    });

    it('lets the platform administrator create a user in a named account, and requires the name', async () => {
      const user = await s.users.createUser(ADMIN, { accountId, userName: 'by-admin' });
      expect(user.accountId).toBe(accountId);
      await expect(s.users.createUser(ADMIN, { userName: 'no-account' })).rejects.toMatchObject({
        code: 'InvalidInput',
      });
      await expect(
        s.users.createUser(ADMIN, { accountId: '999999999998', userName: 'ghost' }),
      ).rejects.toMatchObject({ code: 'NoSuchEntity' });
    });

    it('rejects a duplicate name in any case with EntityAlreadyExists and leaves no event behind', async () => {
      await s.users.createUser(rootOf(accountId), { userName: 'Bob' });
      const count = (await s.events(accountId)).length;
      await expect(
        s.users.createUser(rootOf(accountId), { userName: 'BOB' }),
      ).rejects.toMatchObject({ code: 'EntityAlreadyExists' });
      expect((await s.events(accountId)).length).toBe(count);
    });

    it.each([
      { title: 'an empty name', input: { userName: '' } },
      { title: 'a name of 65 characters', input: { userName: 'a'.repeat(65) } },
      { title: 'a space in the name', input: { userName: 'a b' } },
      { title: 'a slash in the name', input: { userName: 'a/b' } },
      { title: 'a path without a trailing slash', input: { userName: 'p1', path: '/eng' } },
      { title: 'a path without a leading slash', input: { userName: 'p2', path: 'eng/' } },
      {
        title: 'a path of 513 characters',
        input: { userName: 'p3', path: `/${'a'.repeat(511)}/` },
      },
      {
        title: 'a tag key with a reserved prefix',
        input: { userName: 't1', tags: [{ key: 'aws:x', value: '' }] },
      },
      { title: 'an empty tag key', input: { userName: 't2', tags: [{ key: '', value: 'v' }] } },
      {
        title: 'a tag value of 257 characters',
        input: { userName: 't3', tags: [{ key: 'k', value: 'v'.repeat(257) }] },
      },
      {
        title: 'a tag key with a forbidden character',
        input: { userName: 't4', tags: [{ key: 'a*b', value: '' }] },
      },
      {
        title: 'tag keys that differ only by case',
        input: {
          userName: 't5',
          tags: [
            { key: 'Team', value: 'a' },
            { key: 'team', value: 'b' },
          ],
        },
      },
    ])('rejects $title with InvalidInput', async ({ input }) => {
      await expect(s.users.createUser(rootOf(accountId), input)).rejects.toMatchObject({
        code: 'InvalidInput',
      });
    });

    it('accepts every allowed name character and a 64-character name', async () => {
      await expect(
        s.users.createUser(rootOf(accountId), { userName: 'a+=,.@_-Z9' }),
      ).resolves.toMatchObject({ userName: 'a+=,.@_-Z9' });
      await expect(
        s.users.createUser(rootOf(accountId), { userName: 'x'.repeat(64) }),
      ).resolves.toBeDefined();
    });

    it('rejects more than 50 tags with LimitExceeded', async () => {
      const tags = Array.from({ length: 51 }, (_, i) => ({ key: `k${i}`, value: '' }));
      await expect(
        s.users.createUser(rootOf(accountId), { userName: 'many-tags', tags }),
      ).rejects.toMatchObject({ code: 'LimitExceeded' });
    });

    it('answers LimitExceeded once the account holds its user quota (per-account override)', async () => {
      const small = await s.newAccount();
      await new TenantTransaction(env.dataSource).run(small as never, (tx) =>
        tx.query(`INSERT INTO identity.account_quotas (account_id, max_users) VALUES ($1, 2)`, [
          small,
        ]),
      );
      await s.users.createUser(rootOf(small), { userName: 'u1' });
      await s.users.createUser(rootOf(small), { userName: 'u2' });
      await expect(s.users.createUser(rootOf(small), { userName: 'u3' })).rejects.toMatchObject({
        code: 'LimitExceeded',
      });
    });

    it('denies a user principal without policies with AccessDenied, before any validation', async () => {
      await expect(
        s.users.createUser(userOf(accountId, 'alice'), { userName: 'carol' }),
      ).rejects.toMatchObject({
        code: 'AccessDenied',
        details: { action: 'iam:CreateUser', resource: `arn:aws:iam::${accountId}:user/carol` },
      });
      await expect(
        s.users.createUser(userOf(accountId, 'alice'), { userName: 'bad name' }),
      ).rejects.toMatchObject({ code: 'AccessDenied' });
    });
  });

  describe('getUser', () => {
    it('finds a user by name regardless of case', async () => {
      await expect(
        s.users.getUser(rootOf(accountId), { userName: 'ALICE' }),
      ).resolves.toMatchObject({ userName: 'alice' });
    });

    it('answers NoSuchEntity for a missing user, and AccessDenied for a user principal either way', async () => {
      await expect(
        s.users.getUser(rootOf(accountId), { userName: 'nobody' }),
      ).rejects.toMatchObject({ code: 'NoSuchEntity' });
      const denied = [
        await s.users
          .getUser(userOf(accountId, 'x'), { userName: 'alice' })
          .catch((e: unknown) => e),
        await s.users
          .getUser(userOf(accountId, 'x'), { userName: 'nobody' })
          .catch((e: unknown) => e),
      ];
      expect(denied.map((e) => (e as { code: string }).code)).toEqual([
        'AccessDenied',
        'AccessDenied',
      ]);
    });
  });

  describe('listUsers', () => {
    it('pages with maxItems and marker over every user once, in name order, within a path prefix', async () => {
      const acct = await s.newAccount();
      for (const name of ['d', 'B', 'a', 'c', 'e']) {
        await s.users.createUser(rootOf(acct), {
          userName: name,
          path: name === 'e' ? '/x/' : '/',
        });
      }
      const seen: string[] = [];
      let marker: string | null = null;
      do {
        const page = await s.users.listUsers(rootOf(acct), { maxItems: 2, marker });
        expect(page.items.length).toBeLessThanOrEqual(2);
        seen.push(...page.items.map((u) => u.userName));
        marker = page.marker;
        expect(page.isTruncated).toBe(marker !== null);
      } while (marker !== null);
      expect(seen).toEqual(['a', 'B', 'c', 'd', 'e']);
      const inX = await s.users.listUsers(rootOf(acct), { pathPrefix: '/x/' });
      expect(inX.items.map((u) => u.userName)).toEqual(['e']);
    });

    it.each([
      { title: 'maxItems 0', input: { maxItems: 0 } },
      { title: 'maxItems 1001', input: { maxItems: 1001 } },
      { title: 'a forged marker', input: { marker: 'bm90LWEtbWFya2Vy' } },
      { title: 'a path prefix without a leading slash', input: { pathPrefix: 'x/' } },
    ])('rejects $title with InvalidInput', async ({ input }) => {
      await expect(s.users.listUsers(rootOf(accountId), input)).rejects.toMatchObject({
        code: 'InvalidInput',
      });
    });
  });

  describe('updateUser', () => {
    it('renames and moves a user with a user.updated.v1 event', async () => {
      await s.users.createUser(rootOf(accountId), { userName: 'dave' });
      const { entity: moved } = await s.users.updateUser(rootOf(accountId), {
        userName: 'dave',
        newUserName: 'David',
        newPath: '/ops/',
      });
      expect(moved).toMatchObject({ userName: 'David', path: '/ops/' });
      await expect(s.users.getUser(rootOf(accountId), { userName: 'dave' })).rejects.toMatchObject({
        code: 'NoSuchEntity',
      });
      const last = (await s.events(accountId)).at(-1);
      expect(last).toMatchObject({
        event_type: 'user.updated.v1',
        envelope: {
          payload: { userName: 'David', arn: `arn:aws:iam::${accountId}:user/ops/David` },
        },
      });
    });

    it('rejects a rename onto an existing name, a bad new path, and a missing user', async () => {
      await expect(
        s.users.updateUser(rootOf(accountId), { userName: 'David', newUserName: 'ALICE' }),
      ).rejects.toMatchObject({ code: 'EntityAlreadyExists' });
      await expect(
        s.users.updateUser(rootOf(accountId), { userName: 'David', newPath: 'ops' }),
      ).rejects.toMatchObject({ code: 'InvalidInput' });
      await expect(
        s.users.updateUser(rootOf(accountId), { userName: 'nobody', newPath: '/' }),
      ).rejects.toMatchObject({ code: 'NoSuchEntity' });
      await expect(
        s.users.updateUser(userOf(accountId, 'x'), { userName: 'David', newPath: '/' }),
      ).rejects.toMatchObject({ code: 'AccessDenied' });
    });
  });

  describe('tags', () => {
    it('tags (replacing a key in any case), lists with paging, and untags, with an event each', async () => {
      await s.users.createUser(rootOf(accountId), {
        userName: 'tagged',
        tags: [{ key: 'Team', value: 'a' }],
      });
      const { entity: tagged } = await s.users.tagUser(rootOf(accountId), {
        userName: 'tagged',
        tags: [
          { key: 'team', value: 'b' },
          { key: 'cost', value: '42' },
        ],
      });
      expect(tagged.tags).toEqual([
        { key: 'Team', value: 'b' },
        { key: 'cost', value: '42' },
      ]);
      const first = await s.users.listUserTags(rootOf(accountId), {
        userName: 'tagged',
        maxItems: 1,
      });
      expect(first.items).toEqual([{ key: 'Team', value: 'b' }]);
      expect(first.isTruncated).toBe(true);
      const second = await s.users.listUserTags(rootOf(accountId), {
        userName: 'tagged',
        marker: first.marker,
      });
      expect(second).toMatchObject({ items: [{ key: 'cost', value: '42' }], isTruncated: false });
      const { entity: untagged } = await s.users.untagUser(rootOf(accountId), {
        userName: 'tagged',
        tagKeys: ['TEAM', 'missing'],
      });
      expect(untagged.tags).toEqual([{ key: 'cost', value: '42' }]);
      const types = (await s.events(accountId)).slice(-2).map((e) => e.event_type);
      expect(types).toEqual(['user.tagged.v1', 'user.untagged.v1']);
    });

    it('rejects a 51st tag with LimitExceeded, a bad key with InvalidInput, a missing user with NoSuchEntity', async () => {
      const tags = Array.from({ length: 50 }, (_, i) => ({ key: `k${i}`, value: '' }));
      await s.users.createUser(rootOf(accountId), { userName: 'full', tags });
      await expect(
        s.users.tagUser(rootOf(accountId), {
          userName: 'full',
          tags: [{ key: 'one-more', value: '' }],
        }),
      ).rejects.toMatchObject({ code: 'LimitExceeded' });
      await expect(
        s.users.tagUser(rootOf(accountId), {
          userName: 'full',
          tags: [{ key: 'AWS:x', value: '' }],
        }),
      ).rejects.toMatchObject({ code: 'InvalidInput' });
      await expect(
        s.users.untagUser(rootOf(accountId), { userName: 'nobody', tagKeys: ['k'] }),
      ).rejects.toMatchObject({ code: 'NoSuchEntity' });
      await expect(
        s.users.listUserTags(userOf(accountId, 'x'), { userName: 'full' }),
      ).rejects.toMatchObject({ code: 'AccessDenied' });
    });
  });

  describe('account deletion', () => {
    it("removes the account's users, groups, memberships and roles through the cascades", async () => {
      const acct = await s.newAccount();
      await s.users.createUser(rootOf(acct), { userName: 'u' });
      await s.groups.createGroup(rootOf(acct), { groupName: 'g' });
      await s.groups.addUserToGroup(rootOf(acct), { groupName: 'g', userName: 'u' });
      await s.roles.createRole(rootOf(acct), {
        roleName: 'r',
        assumeRolePolicyDocument: EC2_TRUST,
      });
      await s.accounts.suspendAccount(ADMIN, acct);
      await s.accounts.deleteAccount(ADMIN, acct);
      const left = await new TenantTransaction(env.dataSource).runAsPlatform((tx) =>
        tx.query<{ n: number }[]>(
          `SELECT (SELECT count(*) FROM identity.users WHERE account_id = $1)
                + (SELECT count(*) FROM identity.groups WHERE account_id = $1)
                + (SELECT count(*) FROM identity.group_members WHERE account_id = $1)
                + (SELECT count(*) FROM identity.roles WHERE account_id = $1) AS n`,
          [acct],
        ),
      );
      expect(Number(left[0]?.n)).toBe(0);
    });
  });

  describe('deleteUser', () => {
    it('deletes a user without groups, with a user.deleted.v1 event', async () => {
      await s.users.createUser(rootOf(accountId), { userName: 'gone' });
      await s.users.deleteUser(rootOf(accountId), { userName: 'GONE' });
      await expect(s.users.getUser(rootOf(accountId), { userName: 'gone' })).rejects.toMatchObject({
        code: 'NoSuchEntity',
      });
      expect((await s.events(accountId)).at(-1)?.event_type).toBe('user.deleted.v1');
      await expect(
        s.users.deleteUser(rootOf(accountId), { userName: 'gone' }),
      ).rejects.toMatchObject({ code: 'NoSuchEntity' });
    });

    it('refuses a user in a group with DeleteConflict unless force, which removes the memberships', async () => {
      await s.users.createUser(rootOf(accountId), { userName: 'member' });
      await s.groups.createGroup(rootOf(accountId), { groupName: 'admins' });
      await s.groups.addUserToGroup(rootOf(accountId), { groupName: 'admins', userName: 'member' });
      await expect(
        s.users.deleteUser(rootOf(accountId), { userName: 'member' }),
      ).rejects.toMatchObject({ code: 'DeleteConflict' });
      await s.users.deleteUser(rootOf(accountId), { userName: 'member', force: true });
      const group = await s.groups.getGroup(rootOf(accountId), { groupName: 'admins' });
      expect(group.items).toEqual([]);
      const types = (await s.events(accountId)).slice(-2).map((e) => e.event_type);
      expect(types).toEqual(['group.member-removed.v1', 'user.deleted.v1']);
      await expect(
        s.users.deleteUser(userOf(accountId, 'x'), { userName: 'alice' }),
      ).rejects.toMatchObject({ code: 'AccessDenied' });
    });
  });
});
