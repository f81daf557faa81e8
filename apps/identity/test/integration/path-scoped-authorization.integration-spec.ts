import { beforeAll, describe, expect, it } from 'vitest';
import type { AccountId, CallerContext } from '@iam/common';
import type { CompiledPolicySet } from '@iam/policy-engine';
import { compilePolicySet } from '@iam/policy-engine';
import type { EffectivePolicySource } from '@iam/authorization';
import { ADMINISTRATOR_POLICY, Authorizer } from '@iam/authorization';
import { useIdentityDatabase } from '../support/identity-suite.js';
import { EC2_TRUST, rootOf, userOf } from '../support/principal-services.js';

/** Actions the `ops` user may perform, each only on the entities of its kind under the path `/eng/`. */
const SCOPED_ACTIONS = {
  user: [
    'iam:GetUser',
    'iam:UpdateUser',
    'iam:DeleteUser',
    'iam:TagUser',
    'iam:UntagUser',
    'iam:ListUserTags',
    'iam:ListGroupsForUser',
  ],
  group: [
    'iam:GetGroup',
    'iam:UpdateGroup',
    'iam:DeleteGroup',
    'iam:AddUserToGroup',
    'iam:RemoveUserFromGroup',
  ],
  role: [
    'iam:GetRole',
    'iam:UpdateRole',
    'iam:UpdateAssumeRolePolicy',
    'iam:DeleteRole',
    'iam:TagRole',
    'iam:UntagRole',
    'iam:ListRoleTags',
  ],
} as const;

/** Root and the platform administrator hold the administrator policy; `ops` the `/eng/`-scoped one; others none. */
class PathScopedPolicies implements EffectivePolicySource {
  policiesFor(caller: CallerContext, resourceAccount: AccountId): CompiledPolicySet {
    if (caller.principalType === 'root' || caller.principalType === 'platform-admin') {
      return compilePolicySet({
        identityPolicies: [{ id: 'administrator', document: ADMINISTRATOR_POLICY }],
        resourceAccount,
      });
    }
    if (caller.principalArn !== `arn:aws:iam::${caller.accountId}:user/ops`) {
      return compilePolicySet({ identityPolicies: [], resourceAccount });
    }
    const document = {
      Version: '2012-10-17',
      Statement: Object.entries(SCOPED_ACTIONS).map(([kind, actions]) => ({
        Effect: 'Allow',
        Action: actions,
        Resource: `arn:aws:iam::*:${kind}/eng/*`,
      })),
    };
    return compilePolicySet({
      identityPolicies: [{ id: 'eng-only', document }],
      resourceAccount,
    });
  }
}

type Probe = {
  title: string;
  run: (caller: CallerContext, name: string) => Promise<unknown>;
};

describe('path-scoped authorization of operations on existing users, groups and roles', () => {
  const { s } = useIdentityDatabase(new Authorizer(new PathScopedPolicies()));
  let accountId: string;
  let root: CallerContext;
  let ops: CallerContext;

  beforeAll(async () => {
    accountId = await s.newAccount();
    root = rootOf(accountId);
    ops = userOf(accountId, 'ops');
    for (const path of ['/eng/', '/ops/']) {
      const prefix = path.slice(1, -1);
      await s.users.createUser(root, { userName: `${prefix}-user`, path });
      await s.groups.createGroup(root, { groupName: `${prefix}-group`, path });
      await s.roles.createRole(root, {
        roleName: `${prefix}-role`,
        path,
        assumeRolePolicyDocument: EC2_TRUST,
      });
    }
  });

  const userProbes: Probe[] = [
    { title: 'getUser', run: (c, n) => s.users.getUser(c, { userName: n }) },
    {
      title: 'updateUser',
      run: (c, n) => s.users.updateUser(c, { userName: n, newUserName: `${n}-renamed` }),
    },
    { title: 'deleteUser', run: (c, n) => s.users.deleteUser(c, { userName: n }) },
    {
      title: 'tagUser',
      run: (c, n) => s.users.tagUser(c, { userName: n, tags: [{ key: 'k', value: 'v' }] }),
    },
    { title: 'untagUser', run: (c, n) => s.users.untagUser(c, { userName: n, tagKeys: ['k'] }) },
    { title: 'listUserTags', run: (c, n) => s.users.listUserTags(c, { userName: n }) },
    { title: 'listGroupsForUser', run: (c, n) => s.groups.listGroupsForUser(c, { userName: n }) },
  ];
  const groupProbes: Probe[] = [
    { title: 'getGroup', run: (c, n) => s.groups.getGroup(c, { groupName: n }) },
    {
      title: 'updateGroup',
      run: (c, n) => s.groups.updateGroup(c, { groupName: n, newGroupName: `${n}-renamed` }),
    },
    { title: 'deleteGroup', run: (c, n) => s.groups.deleteGroup(c, { groupName: n }) },
    {
      title: 'addUserToGroup',
      run: (c, n) => s.groups.addUserToGroup(c, { groupName: n, userName: 'eng-user' }),
    },
    {
      title: 'removeUserFromGroup',
      run: (c, n) => s.groups.removeUserFromGroup(c, { groupName: n, userName: 'eng-user' }),
    },
  ];
  const roleProbes: Probe[] = [
    { title: 'getRole', run: (c, n) => s.roles.getRole(c, { roleName: n }) },
    {
      title: 'updateRole',
      run: (c, n) => s.roles.updateRole(c, { roleName: n, description: 'x' }),
    },
    {
      title: 'updateAssumeRolePolicy',
      run: (c, n) => s.roles.updateAssumeRolePolicy(c, { roleName: n, policyDocument: EC2_TRUST }),
    },
    { title: 'deleteRole', run: (c, n) => s.roles.deleteRole(c, { roleName: n }) },
    {
      title: 'tagRole',
      run: (c, n) => s.roles.tagRole(c, { roleName: n, tags: [{ key: 'k', value: 'v' }] }),
    },
    { title: 'untagRole', run: (c, n) => s.roles.untagRole(c, { roleName: n, tagKeys: ['k'] }) },
    { title: 'listRoleTags', run: (c, n) => s.roles.listRoleTags(c, { roleName: n }) },
  ];
  const probes = [
    ...userProbes.map((p) => ({ ...p, kind: 'user', name: 'ops-user' })),
    ...groupProbes.map((p) => ({ ...p, kind: 'group', name: 'ops-group' })),
    ...roleProbes.map((p) => ({ ...p, kind: 'role', name: 'ops-role' })),
  ];

  it.each(probes)(
    '$title: AccessDenied on an entity at /ops/ exactly as on a missing name (path not revealed)',
    async ({ run, kind, name }) => {
      const existing = await run(ops, name).catch((e: unknown) => e);
      const missing = await run(ops, 'never-was').catch((e: unknown) => e);
      expect(existing).toMatchObject({ code: 'AccessDenied' });
      expect(missing).toMatchObject({ code: 'AccessDenied' });
      expect((existing as Error).message.replace(name, 'X')).toBe(
        (missing as Error).message.replace('never-was', 'X'),
      );
      expect((existing as Error).message).toContain(`:${kind}/${name}\``);
    },
  );

  it.each(probes)(
    '$title: the account root gets NoSuchEntity for a missing name',
    async ({ run }) => {
      await expect(run(root, 'never-was')).rejects.toMatchObject({ code: 'NoSuchEntity' });
    },
  );

  it('left the entities at /ops/ untouched', async () => {
    await expect(s.users.getUser(root, { userName: 'ops-user' })).resolves.toMatchObject({
      path: '/ops/',
      tags: [],
    });
    await expect(s.groups.getGroup(root, { groupName: 'ops-group' })).resolves.toMatchObject({
      group: { path: '/ops/' },
      items: [],
    });
    await expect(s.roles.getRole(root, { roleName: 'ops-role' })).resolves.toMatchObject({
      path: '/ops/',
      description: null,
    });
  });

  describe('users at /eng/', () => {
    it('are read, tagged, untagged and listed on their real ARN', async () => {
      await expect(s.users.getUser(ops, { userName: 'eng-user' })).resolves.toMatchObject({
        userName: 'eng-user',
        path: '/eng/',
      });
      await s.users.tagUser(ops, { userName: 'eng-user', tags: [{ key: 'team', value: 'eng' }] });
      expect((await s.users.listUserTags(ops, { userName: 'eng-user' })).items).toEqual([
        { key: 'team', value: 'eng' },
      ]);
      await s.users.untagUser(ops, { userName: 'eng-user', tagKeys: ['team'] });
      expect((await s.users.listUserTags(ops, { userName: 'ENG-USER' })).items).toEqual([]);
      expect((await s.groups.listGroupsForUser(ops, { userName: 'eng-user' })).items).toEqual([]);
    });

    it('refuses moving a user out of /eng/ (the new ARN) and leaves it in place', async () => {
      await s.users.createUser(root, { userName: 'mover', path: '/eng/' });
      await expect(
        s.users.updateUser(ops, { userName: 'mover', newPath: '/ops/' }),
      ).rejects.toMatchObject({
        code: 'AccessDenied',
        details: { action: 'iam:UpdateUser', resource: `arn:aws:iam::${accountId}:user/ops/mover` },
      });
      await expect(
        s.users.updateUser(ops, { userName: 'mover', newUserName: 'moved', newPath: '/' }),
      ).rejects.toMatchObject({ code: 'AccessDenied' });
      await expect(s.users.getUser(root, { userName: 'mover' })).resolves.toMatchObject({
        path: '/eng/',
      });
    });

    it('renames a user inside /eng/ without newPath (the current path is kept), and deletes it', async () => {
      await s.users.createUser(root, { userName: 'renamee', path: '/eng/' });
      const { entity: renamed } = await s.users.updateUser(ops, {
        userName: 'renamee',
        newUserName: 'renamed',
      });
      expect(renamed).toMatchObject({ userName: 'renamed', path: '/eng/' });
      const { entity: moved } = await s.users.updateUser(ops, {
        userName: 'renamed',
        newPath: '/eng/sub/',
      });
      expect(moved).toMatchObject({ userName: 'renamed', path: '/eng/sub/' });
      await s.users.deleteUser(ops, { userName: 'renamed' });
      await expect(s.users.getUser(root, { userName: 'renamed' })).rejects.toMatchObject({
        code: 'NoSuchEntity',
      });
    });
  });

  describe('groups at /eng/', () => {
    it('are read, joined and left on their real ARN', async () => {
      await expect(s.groups.getGroup(ops, { groupName: 'eng-group' })).resolves.toMatchObject({
        group: { groupName: 'eng-group', path: '/eng/' },
      });
      await s.groups.addUserToGroup(ops, { groupName: 'eng-group', userName: 'eng-user' });
      const page = await s.groups.getGroup(ops, { groupName: 'eng-group' });
      expect(page.items.map((u) => u.userName)).toEqual(['eng-user']);
      expect(
        (await s.groups.listGroupsForUser(ops, { userName: 'eng-user' })).items.map(
          (g) => g.groupName,
        ),
      ).toEqual(['eng-group']);
      await s.groups.removeUserFromGroup(ops, { groupName: 'eng-group', userName: 'eng-user' });
      expect((await s.groups.getGroup(ops, { groupName: 'eng-group' })).items).toEqual([]);
    });

    it('answers NoSuchEntity for a missing member once the group is allowed', async () => {
      await expect(
        s.groups.addUserToGroup(ops, { groupName: 'eng-group', userName: 'never-was' }),
      ).rejects.toMatchObject({ code: 'NoSuchEntity' });
    });

    it('refuses moving a group out of /eng/, renames one inside without newPath, and deletes it', async () => {
      await s.groups.createGroup(root, { groupName: 'team', path: '/eng/' });
      await expect(
        s.groups.updateGroup(ops, { groupName: 'team', newPath: '/ops/' }),
      ).rejects.toMatchObject({ code: 'AccessDenied' });
      const { entity: renamed } = await s.groups.updateGroup(ops, {
        groupName: 'team',
        newGroupName: 'squad',
      });
      expect(renamed).toMatchObject({ groupName: 'squad', path: '/eng/' });
      await s.groups.deleteGroup(ops, { groupName: 'squad' });
      await expect(s.groups.getGroup(root, { groupName: 'squad' })).rejects.toMatchObject({
        code: 'NoSuchEntity',
      });
    });
  });

  describe('roles at /eng/', () => {
    it('are read, updated, tagged and deleted on their real ARN', async () => {
      await expect(s.roles.getRole(ops, { roleName: 'eng-role' })).resolves.toMatchObject({
        roleName: 'eng-role',
        path: '/eng/',
      });
      await expect(
        s.roles.updateRole(ops, { roleName: 'eng-role', description: 'the eng role' }),
      ).resolves.toMatchObject({ entity: { description: 'the eng role' } });
      await s.roles.updateAssumeRolePolicy(ops, {
        roleName: 'eng-role',
        policyDocument: EC2_TRUST,
      });
      await s.roles.tagRole(ops, { roleName: 'eng-role', tags: [{ key: 'team', value: 'eng' }] });
      expect((await s.roles.listRoleTags(ops, { roleName: 'eng-role' })).items).toEqual([
        { key: 'team', value: 'eng' },
      ]);
      await s.roles.untagRole(ops, { roleName: 'eng-role', tagKeys: ['team'] });
      await s.roles.deleteRole(ops, { roleName: 'eng-role' });
      await expect(s.roles.getRole(root, { roleName: 'eng-role' })).rejects.toMatchObject({
        code: 'NoSuchEntity',
      });
    });
  });
});
