import { beforeAll, describe, expect, it } from 'vitest';
import { GroupsService } from '../../src/groups/groups.service.js';
import { useIdentityDatabase } from '../support/identity-suite.js';
import { rootOf, userOf } from '../support/principal-services.js';

describe(GroupsService.name, () => {
  const { s } = useIdentityDatabase();
  let accountId: string;

  beforeAll(async () => {
    accountId = await s.newAccount();
    await s.users.createUser(rootOf(accountId), { userName: 'alice' });
  });

  describe('createGroup', () => {
    it('creates a group with an AGPA id and a group.created.v1 event', async () => {
      const group = await s.groups.createGroup(rootOf(accountId), {
        groupName: 'Devs',
        path: '/eng/',
      });
      expect(group.groupId).toMatch(/^AGPA[A-Z2-7]{17}$/);
      expect(group).toMatchObject({ accountId, groupName: 'Devs', path: '/eng/' });
      expect((await s.events(accountId)).at(-1)).toMatchObject({
        event_type: 'group.created.v1',
        topic: 'iam.identity.group',
        aggregate_id: group.groupId,
        envelope: { payload: { arn: `arn:aws:iam::${accountId}:group/eng/Devs` } },
      });
    });

    it('rejects a duplicate name in any case, bad names and paths, and user principals', async () => {
      await expect(
        s.groups.createGroup(rootOf(accountId), { groupName: 'devs' }),
      ).rejects.toMatchObject({ code: 'EntityAlreadyExists' });
      await expect(
        s.groups.createGroup(rootOf(accountId), { groupName: 'g'.repeat(129) }),
      ).rejects.toMatchObject({ code: 'InvalidInput' });
      await expect(
        s.groups.createGroup(rootOf(accountId), { groupName: 'g'.repeat(128) }),
      ).resolves.toBeDefined();
      await expect(
        s.groups.createGroup(rootOf(accountId), { groupName: 'ok', path: '//x' }),
      ).rejects.toMatchObject({ code: 'InvalidInput' });
      await expect(
        s.groups.createGroup(userOf(accountId, 'alice'), { groupName: 'mine' }),
      ).rejects.toMatchObject({ code: 'AccessDenied' });
    });
  });

  describe('membership', () => {
    it('adds a user (idempotently), shows it in getGroup and listGroupsForUser, then removes it', async () => {
      await s.groups.addUserToGroup(rootOf(accountId), { groupName: 'devs', userName: 'ALICE' });
      await s.groups.addUserToGroup(rootOf(accountId), { groupName: 'devs', userName: 'alice' });
      const got = await s.groups.getGroup(rootOf(accountId), { groupName: 'devs' });
      expect(got.group.groupName).toBe('Devs');
      expect(got.items.map((u) => u.userName)).toEqual(['alice']);
      const mine = await s.groups.listGroupsForUser(rootOf(accountId), { userName: 'alice' });
      expect(mine.items.map((g) => g.groupName)).toEqual(['Devs']);
      await s.groups.removeUserFromGroup(rootOf(accountId), {
        groupName: 'devs',
        userName: 'alice',
      });
      await expect(
        s.groups.removeUserFromGroup(rootOf(accountId), { groupName: 'devs', userName: 'alice' }),
      ).rejects.toMatchObject({ code: 'NoSuchEntity' });
      const types = (await s.events(accountId))
        .map((e) => e.event_type)
        .filter((t) => t.startsWith('group.member'));
      expect(types).toEqual(['group.member-added.v1', 'group.member-removed.v1']);
    });

    it('answers NoSuchEntity for a missing group or user, and AccessDenied to a user principal', async () => {
      await expect(
        s.groups.addUserToGroup(rootOf(accountId), { groupName: 'nope', userName: 'alice' }),
      ).rejects.toMatchObject({ code: 'NoSuchEntity' });
      await expect(
        s.groups.addUserToGroup(rootOf(accountId), { groupName: 'devs', userName: 'nobody' }),
      ).rejects.toMatchObject({ code: 'NoSuchEntity' });
      await expect(
        s.groups.listGroupsForUser(rootOf(accountId), { userName: 'nobody' }),
      ).rejects.toMatchObject({ code: 'NoSuchEntity' });
      for (const call of [
        () =>
          s.groups.addUserToGroup(userOf(accountId, 'alice'), {
            groupName: 'devs',
            userName: 'alice',
          }),
        () =>
          s.groups.removeUserFromGroup(userOf(accountId, 'alice'), {
            groupName: 'devs',
            userName: 'alice',
          }),
        () => s.groups.listGroupsForUser(userOf(accountId, 'alice'), { userName: 'alice' }),
        () => s.groups.getGroup(userOf(accountId, 'alice'), { groupName: 'devs' }),
        () => s.groups.listGroups(userOf(accountId, 'alice'), {}),
      ]) {
        await expect(call()).rejects.toMatchObject({ code: 'AccessDenied' });
      }
    });

    it('refuses an 11th group for one user with LimitExceeded', async () => {
      await s.users.createUser(rootOf(accountId), { userName: 'joiner' });
      for (let i = 0; i < 10; i++) {
        await s.groups.createGroup(rootOf(accountId), { groupName: `team-${i}` });
        await s.groups.addUserToGroup(rootOf(accountId), {
          groupName: `team-${i}`,
          userName: 'joiner',
        });
      }
      await s.groups.createGroup(rootOf(accountId), { groupName: 'team-10' });
      await expect(
        s.groups.addUserToGroup(rootOf(accountId), { groupName: 'team-10', userName: 'joiner' }),
      ).rejects.toMatchObject({ code: 'LimitExceeded' });
      const page = await s.groups.listGroupsForUser(rootOf(accountId), {
        userName: 'joiner',
        maxItems: 4,
      });
      expect(page.items).toHaveLength(4);
      expect(page.isTruncated).toBe(true);
    });
  });

  describe('listGroups, updateGroup, deleteGroup', () => {
    it('lists by path prefix with paging', async () => {
      const acct = await s.newAccount();
      for (const name of ['b', 'a', 'c'])
        await s.groups.createGroup(rootOf(acct), { groupName: name });
      await s.groups.createGroup(rootOf(acct), { groupName: 'z', path: '/z/' });
      const first = await s.groups.listGroups(rootOf(acct), { maxItems: 2 });
      expect(first.items.map((g) => g.groupName)).toEqual(['a', 'b']);
      const rest = await s.groups.listGroups(rootOf(acct), { marker: first.marker });
      expect(rest.items.map((g) => g.groupName)).toEqual(['c', 'z']);
      const z = await s.groups.listGroups(rootOf(acct), { pathPrefix: '/z' });
      expect(z.items.map((g) => g.groupName)).toEqual(['z']);
      await expect(s.groups.listGroups(rootOf(acct), { maxItems: 0 })).rejects.toMatchObject({
        code: 'InvalidInput',
      });
    });

    it('renames and moves a group; refuses a taken name', async () => {
      await s.groups.createGroup(rootOf(accountId), { groupName: 'old' });
      const { entity: next } = await s.groups.updateGroup(rootOf(accountId), {
        groupName: 'old',
        newGroupName: 'new',
        newPath: '/p/',
      });
      expect(next).toMatchObject({ groupName: 'new', path: '/p/' });
      expect((await s.events(accountId)).at(-1)?.event_type).toBe('group.updated.v1');
      await expect(
        s.groups.updateGroup(rootOf(accountId), { groupName: 'new', newGroupName: 'DEVS' }),
      ).rejects.toMatchObject({ code: 'EntityAlreadyExists' });
      await expect(
        s.groups.updateGroup(rootOf(accountId), { groupName: 'missing', newPath: '/' }),
      ).rejects.toMatchObject({ code: 'NoSuchEntity' });
    });

    it('refuses to delete a group with members (DeleteConflict), then deletes it once empty', async () => {
      await s.groups.createGroup(rootOf(accountId), { groupName: 'busy' });
      await s.groups.addUserToGroup(rootOf(accountId), { groupName: 'busy', userName: 'alice' });
      await expect(
        s.groups.deleteGroup(rootOf(accountId), { groupName: 'busy' }),
      ).rejects.toMatchObject({ code: 'DeleteConflict' });
      await s.groups.removeUserFromGroup(rootOf(accountId), {
        groupName: 'busy',
        userName: 'alice',
      });
      await s.groups.deleteGroup(rootOf(accountId), { groupName: 'busy' });
      expect((await s.events(accountId)).at(-1)?.event_type).toBe('group.deleted.v1');
      await expect(
        s.groups.getGroup(rootOf(accountId), { groupName: 'busy' }),
      ).rejects.toMatchObject({ code: 'NoSuchEntity' });
      await expect(
        s.groups.deleteGroup(userOf(accountId, 'alice'), { groupName: 'devs' }),
      ).rejects.toMatchObject({ code: 'AccessDenied' });
    });
  });
});
