import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALLOW_ALL_TEST_PATH, expectEventually, startSuite } from '@iam/testing';
import type { Suite } from '@iam/testing';
import { parseRevisionToken } from '@iam/common';
import { auditEventsOf, codeOf, createAccount, tenantAdmin } from '../support/e2e.js';

// Every user, group and role operation of the identity service through the federated gateway, with its AWS error
// codes, against real PostgreSQL and Kafka; the changes reach the audit trail.

const EC2_TRUST = JSON.stringify({
  Version: '2012-10-17',
  Statement: [
    { Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' },
  ],
});

describe('identity users, groups and roles through the gateway', () => {
  let suite: Suite;
  let accountId: string;
  let otherAccountId: string;

  // The platform administrator acts in a tenant account by naming it (`accountId`).
  const { op, ok } = tenantAdmin(
    () => suite,
    () => accountId,
  );

  beforeAll(async () => {
    // Users on ALLOW_ALL_TEST_PATH hold an allow-all policy in their own account; everyone else as in production.
    suite = await startSuite({ identityPolicies: 'allow-all-test-users' });
    accountId = await createAccount(suite);
    otherAccountId = await createAccount(suite);
  }, 180_000);

  afterAll(async () => {
    await suite?.stop();
  });

  it('creates, reads, lists, tags, renames and deletes a user', async () => {
    const created = await ok<{
      createUser: { user: { userId: string; arn: string; path: string; tags: unknown[] } };
    }>(
      `mutation ($input: CreateUserInput!) { createUser(input: $input) { user { userId arn path tags { key value } } } }`,
      { userName: 'alice', path: '/eng/', tags: [{ key: 'team', value: 'core' }] },
    );
    expect(created.createUser.user.userId).toMatch(/^AIDA[A-Z0-9]{17}$/);
    expect(created.createUser.user.arn).toBe(`arn:aws:iam::${accountId}:user/eng/alice`);

    const got = await ok<{ getUser: { user: { userName: string } } }>(
      `query ($input: GetUserInput!) { getUser(input: $input) { user { userName } } }`,
      { userName: 'ALICE' },
    );
    expect(got.getUser.user.userName).toBe('alice');

    // A change of effective permissions answers a revision token for read-your-writes.
    const tagged = await ok<{ tagUser: { user: { userName: string }; revisionToken: string } }>(
      `mutation ($input: TagUserInput!) { tagUser(input: $input) { user { userName } revisionToken } }`,
      { userName: 'alice', tags: [{ key: 'env', value: 'prod' }] },
    );
    expect(parseRevisionToken(tagged.tagUser.revisionToken)).toMatchObject({
      kind: 'event',
      accountId,
    });
    await ok(
      `mutation ($input: UntagUserInput!) { untagUser(input: $input) { user { userName } } }`,
      { userName: 'alice', tagKeys: ['team'] },
    );
    const tags = await ok<{ listUserTags: { tags: { key: string; value: string }[] } }>(
      `query ($input: ListUserTagsInput!) { listUserTags(input: $input) { tags { key value } isTruncated } }`,
      { userName: 'alice' },
    );
    expect(tags.listUserTags.tags).toEqual([{ key: 'env', value: 'prod' }]);

    const moved = await ok<{ updateUser: { user: { arn: string } } }>(
      `mutation ($input: UpdateUserInput!) { updateUser(input: $input) { user { arn } } }`,
      { userName: 'alice', newUserName: 'alicia', newPath: '/ops/' },
    );
    expect(moved.updateUser.user.arn).toBe(`arn:aws:iam::${accountId}:user/ops/alicia`);

    const listed = await ok<{ listUsers: { users: { userName: string }[] } }>(
      `query ($input: ListUsersInput) { listUsers(input: $input) { users { userName } isTruncated marker } }`,
      { pathPrefix: '/ops/' },
    );
    expect(listed.listUsers.users.map((u) => u.userName)).toEqual(['alicia']);

    await ok(
      `mutation ($input: DeleteUserInput!) { deleteUser(input: $input) { user { userName } } }`,
      { userName: 'alicia' },
    );
    const gone = await op(
      `query ($input: GetUserInput!) { getUser(input: $input) { user { userName } } }`,
      { userName: 'alicia' },
    );
    expect(codeOf(gone)).toBe('NoSuchEntity');
  });

  it('manages groups and memberships, with DeleteConflict and the 10-groups limit', async () => {
    await ok(
      `mutation ($input: CreateUserInput!) { createUser(input: $input) { user { userId } } }`,
      { userName: 'bob' },
    );
    for (let i = 0; i < 11; i++) {
      await ok(
        `mutation ($input: CreateGroupInput!) { createGroup(input: $input) { group { groupId } } }`,
        { groupName: `g${i}`, path: '/teams/' },
      );
    }
    for (let i = 0; i < 10; i++) {
      await ok(
        `mutation ($input: AddUserToGroupInput!) { addUserToGroup(input: $input) { __typename } }`,
        { groupName: `g${i}`, userName: 'bob' },
      );
    }
    const eleventh = await op(
      `mutation ($input: AddUserToGroupInput!) { addUserToGroup(input: $input) { __typename } }`,
      { groupName: 'g10', userName: 'bob' },
    );
    expect(codeOf(eleventh)).toBe('LimitExceeded');

    const forUser = await ok<{ listGroupsForUser: { groups: { groupName: string }[] } }>(
      `query ($input: ListGroupsForUserInput!) { listGroupsForUser(input: $input) { groups { groupName } isTruncated } }`,
      { userName: 'bob', maxItems: 3 },
    );
    expect(forUser.listGroupsForUser.groups).toHaveLength(3);

    const group = await ok<{ getGroup: { group: { arn: string }; users: { userName: string }[] } }>(
      `query ($input: GetGroupInput!) { getGroup(input: $input) { group { arn } users { userName } isTruncated } }`,
      { groupName: 'g0' },
    );
    expect(group.getGroup.group.arn).toBe(`arn:aws:iam::${accountId}:group/teams/g0`);
    expect(group.getGroup.users.map((u) => u.userName)).toEqual(['bob']);

    const groupConflict = await op(
      `mutation ($input: DeleteGroupInput!) { deleteGroup(input: $input) { group { groupName } } }`,
      { groupName: 'g0' },
    );
    expect(codeOf(groupConflict)).toBe('DeleteConflict');
    const userConflict = await op(
      `mutation ($input: DeleteUserInput!) { deleteUser(input: $input) { user { userName } } }`,
      { userName: 'bob' },
    );
    expect(codeOf(userConflict)).toBe('DeleteConflict');

    await ok(
      `mutation ($input: RemoveUserFromGroupInput!) { removeUserFromGroup(input: $input) { __typename } }`,
      { groupName: 'g0', userName: 'bob' },
    );
    await ok(
      `mutation ($input: UpdateGroupInput!) { updateGroup(input: $input) { group { groupName } } }`,
      { groupName: 'g0', newGroupName: 'renamed' },
    );
    await ok(
      `mutation ($input: DeleteGroupInput!) { deleteGroup(input: $input) { group { groupName } } }`,
      { groupName: 'renamed' },
    );
    const groups = await ok<{ listGroups: { groups: unknown[] } }>(
      `query ($input: ListGroupsInput) { listGroups(input: $input) { groups { groupName } isTruncated } }`,
      { pathPrefix: '/teams/' },
    );
    expect(groups.listGroups.groups).toHaveLength(10);
    await ok(
      `mutation ($input: DeleteUserInput!) { deleteUser(input: $input) { user { userName } } }`,
      { userName: 'bob', force: true },
    );
  });

  it('manages roles with validated trust policies', async () => {
    const role = await ok<{ createRole: { role: { roleId: string; maxSessionDuration: number } } }>(
      `mutation ($input: CreateRoleInput!) { createRole(input: $input) { role { roleId maxSessionDuration } } }`,
      { roleName: 'builder', assumeRolePolicyDocument: EC2_TRUST, description: 'CI' },
    );
    expect(role.createRole.role.roleId).toMatch(/^AROA/);
    expect(role.createRole.role.maxSessionDuration).toBe(3600);

    const malformed = await op(
      `mutation ($input: CreateRoleInput!) { createRole(input: $input) { role { roleId } } }`,
      { roleName: 'bad', assumeRolePolicyDocument: '{"Statement":[{"Effect":"Maybe"}]}' },
    );
    expect(codeOf(malformed)).toBe('MalformedPolicyDocument');
    const duplicate = await op(
      `mutation ($input: CreateRoleInput!) { createRole(input: $input) { role { roleId } } }`,
      { roleName: 'BUILDER', assumeRolePolicyDocument: EC2_TRUST },
    );
    expect(codeOf(duplicate)).toBe('EntityAlreadyExists');
    const tooLong = await op(
      `mutation ($input: UpdateRoleInput!) { updateRole(input: $input) { role { roleName } } }`,
      { roleName: 'builder', maxSessionDuration: 43_201 },
    );
    expect(codeOf(tooLong)).toBe('InvalidInput');

    await ok(
      `mutation ($input: UpdateRoleInput!) { updateRole(input: $input) { role { roleName } } }`,
      { roleName: 'builder', maxSessionDuration: 7200 },
    );
    await ok(
      `mutation ($input: UpdateAssumeRolePolicyInput!) { updateAssumeRolePolicy(input: $input) { role { roleName } } }`,
      { roleName: 'builder', policyDocument: EC2_TRUST },
    );
    await ok(`mutation ($input: TagRoleInput!) { tagRole(input: $input) { role { roleName } } }`, {
      roleName: 'builder',
      tags: [{ key: 'k', value: 'v' }],
    });
    await ok(
      `mutation ($input: UntagRoleInput!) { untagRole(input: $input) { role { roleName } } }`,
      { roleName: 'builder', tagKeys: ['k'] },
    );
    const tags = await ok<{ listRoleTags: { tags: unknown[] } }>(
      `query ($input: ListRoleTagsInput!) { listRoleTags(input: $input) { tags { key } isTruncated } }`,
      { roleName: 'builder' },
    );
    expect(tags.listRoleTags.tags).toEqual([]);
    const got = await ok<{ getRole: { role: { maxSessionDuration: number } } }>(
      `query ($input: GetRoleInput!) { getRole(input: $input) { role { maxSessionDuration } } }`,
      { roleName: 'builder' },
    );
    expect(got.getRole.role.maxSessionDuration).toBe(7200);
    const roles = await ok<{ listRoles: { roles: unknown[] } }>(
      `query ($input: ListRolesInput) { listRoles(input: $input) { roles { roleName } isTruncated } }`,
      {},
    );
    expect(roles.listRoles.roles).toHaveLength(1);
    await ok(
      `mutation ($input: DeleteRoleInput!) { deleteRole(input: $input) { role { roleName } } }`,
      { roleName: 'builder' },
    );
  });

  it('answers a name from another account exactly like a missing one, and InvalidInput without an account', async () => {
    await ok(
      `mutation ($input: CreateUserInput!) { createUser(input: $input) { user { userId } } }`,
      { userName: 'carol' },
    );
    const query = `query ($input: GetUserInput!) { getUser(input: $input) { user { userName } } }`;
    const elsewhere = await op(query, { userName: 'carol' }, otherAccountId);
    const missing = await op(query, { userName: 'nobody-at-all' }, otherAccountId);
    expect(codeOf(elsewhere)).toBe('NoSuchEntity');
    expect(codeOf(missing)).toBe('NoSuchEntity');
    expect(elsewhere.errors?.[0]?.message.replace('carol', 'X')).toBe(
      missing.errors?.[0]?.message.replace('nobody-at-all', 'X'),
    );
    const noAccount = await suite.graphql(query, { input: { userName: 'carol' } });
    expect(codeOf(noAccount)).toBe('InvalidInput');

    // A tenant user of account A whose policy allows everything in A reads carol in A, and is refused in B for an
    // existing and a missing name alike: the refusal is the isolation, not a missing policy.
    const create = `mutation ($input: CreateUserInput!) { createUser(input: $input) { user { userId } } }`;
    const remove = `mutation ($input: DeleteUserInput!) { deleteUser(input: $input) { user { userName } } }`;
    const password = 'correct horse battery staple 42';
    await ok(create, { userName: 'tina', path: ALLOW_ALL_TEST_PATH });
    await ok(
      `mutation ($input: CreateLoginProfileInput!) { createLoginProfile(input: $input) { loginProfile { userName } } }`,
      { userName: 'tina', password },
    );
    const signedIn = await suite.graphql<{ signIn: { sessionToken: string } }>(
      `mutation ($input: SignInInput!) { signIn(input: $input) { sessionToken } }`,
      { input: { account: accountId, userName: 'tina', password } },
      null,
    );
    expect(signedIn.errors).toBeUndefined();
    const token = signedIn.data!.signIn.sessionToken;
    const own = await suite.graphql<{ getUser: { user: { userName: string } } }>(
      query,
      { input: { userName: 'carol' } },
      token,
    );
    expect(own.errors).toBeUndefined();
    expect(own.data?.getUser.user.userName).toBe('carol');
    await ok(create, { userName: 'dora' }, otherAccountId);
    for (const [operation, input] of [
      [query, { userName: 'dora' }],
      [query, { userName: 'nobody-at-all' }],
      [create, { userName: 'intruder' }],
      [remove, { userName: 'dora' }],
    ] as const) {
      const answer = await suite.graphql(
        operation,
        { input: { accountId: otherAccountId, ...input } },
        token,
      );
      expect(codeOf(answer), `${operation} ${input.userName}`).toBe('AccessDenied');
    }
    // Nothing changed in B: dora is still there (deleted now by the administrator), no intruder.
    expect(codeOf(await op(query, { userName: 'intruder' }, otherAccountId))).toBe('NoSuchEntity');
    await ok(remove, { userName: 'dora' }, otherAccountId);
    await ok(remove, { userName: 'tina', force: true });
    const invalid = await op(
      `mutation ($input: CreateUserInput!) { createUser(input: $input) { user { userId } } }`,
      { userName: 'bad name!' },
    );
    expect(codeOf(invalid)).toBe('InvalidInput');
  });

  it('reads the account summary and lets the platform administrator change quotas', async () => {
    const summary = `query ($input: GetAccountSummaryInput) { getAccountSummary(input: $input) { summaryMap { users usersQuota groupsQuota rolesQuota groupsPerUserQuota } } }`;
    const before = await ok<{ getAccountSummary: { summaryMap: Record<string, number> } }>(
      summary,
      {},
      otherAccountId,
    );
    expect(before.getAccountSummary.summaryMap).toEqual({
      users: 0,
      usersQuota: 5000,
      groupsQuota: 300,
      rolesQuota: 1000,
      groupsPerUserQuota: 10,
    });
    await ok(
      `mutation ($input: UpdateAccountQuotasInput!) { updateAccountQuotas(input: $input) { summaryMap { usersQuota } } }`,
      { maxUsers: 1 },
      otherAccountId,
    );
    const create = `mutation ($input: CreateUserInput!) { createUser(input: $input) { user { userId } } }`;
    await ok(create, { userName: 'first' }, otherAccountId);
    expect(codeOf(await op(create, { userName: 'second' }, otherAccountId))).toBe('LimitExceeded');
    const bad = await op(
      `mutation ($input: UpdateAccountQuotasInput!) { updateAccountQuotas(input: $input) { summaryMap { usersQuota } } }`,
      { maxUsers: -1 },
      otherAccountId,
    );
    expect(codeOf(bad)).toBe('InvalidInput');
  });

  it('delivers the principal events to the audit trail', async () => {
    await expectEventually(
      async () => {
        const events = await auditEventsOf(suite, accountId);
        const types = new Set(events.map((e) => e.eventType));
        for (const type of [
          'user.created.v1',
          'user.updated.v1',
          'user.deleted.v1',
          'group.created.v1',
          'group.member-added.v1',
          'group.member-removed.v1',
          'group.deleted.v1',
          'role.created.v1',
          'role.deleted.v1',
        ]) {
          expect(types).toContain(type);
        }
      },
      { timeoutMs: 30_000 },
    );
  });
});
