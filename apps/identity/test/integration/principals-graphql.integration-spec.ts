import { beforeAll, describe, expect, it } from 'vitest';
import { EC2_TRUST, rootOf, userOf } from '../support/principal-services.js';
import { useIdentityDatabase } from '../support/identity-suite.js';
import { useIdentitySubgraph } from '../support/identity-subgraph.js';

// The resolvers end to end inside the identity subgraph: decorators, inputs, payloads and the error mapping.
describe('identity principals over GraphQL', () => {
  const { env, s } = useIdentityDatabase();
  const { graphql } = useIdentitySubgraph(env);
  let accountId: string;

  beforeAll(async () => {
    accountId = await s.newAccount();
  });

  it('creates, groups, lists and deletes users, and creates a role', async () => {
    const root = rootOf(accountId);
    const created = await graphql<{
      createUser: { user: { userId: string; arn: string; tags: unknown[] } };
    }>(
      root,
      `
        mutation {
          createUser(input: { userName: "ann", path: "/eng/", tags: [{ key: "t", value: "v" }] }) {
            user {
              userId
              arn
              tags {
                key
                value
              }
            }
          }
        }
      `,
    );
    expect(created.errors).toBeUndefined();
    expect(created.data?.createUser.user).toMatchObject({
      arn: `arn:aws:iam::${accountId}:user/eng/ann`,
      tags: [{ key: 't', value: 'v' }],
    });
    const grouped = await graphql(
      root,
      `
        mutation {
          createGroup(input: { groupName: "g" }) {
            group {
              groupId
            }
          }
          addUserToGroup(input: { groupName: "g", userName: "ann" }) {
            group {
              groupName
            }
          }
        }
      `,
    );
    expect(grouped.errors).toBeUndefined();
    const got = await graphql<{ getGroup: { users: { userName: string }[] } }>(
      root,
      `
        {
          getGroup(input: { groupName: "g" }) {
            group {
              arn
            }
            users {
              userName
            }
            isTruncated
          }
        }
      `,
    );
    expect(got.data?.getGroup.users).toEqual([{ userName: 'ann' }]);
    const conflict = await graphql(
      root,
      `
        mutation {
          deleteUser(input: { userName: "ann" }) {
            user {
              userId
            }
          }
        }
      `,
    );
    expect(conflict.errors).toHaveLength(1);
    expect(conflict.errors?.[0]?.extensions?.['code']).toBe('DeleteConflict');
    const forced = await graphql(
      root,
      `
        mutation {
          deleteUser(input: { userName: "ann", force: true }) {
            user {
              userName
            }
          }
        }
      `,
    );
    expect(forced.errors).toBeUndefined();
    const listed = await graphql<{ listUsers: { users: unknown[]; isTruncated: boolean } }>(
      root,
      `
        {
          listUsers {
            users {
              userName
            }
            isTruncated
            marker
          }
        }
      `,
    );
    expect(listed.data?.listUsers).toEqual({ users: [], isTruncated: false, marker: null });
    const role = await graphql<{
      createRole: { role: { roleId: string; maxSessionDuration: number } };
    }>(
      root,
      `
        mutation ($doc: String!) {
          createRole(input: { roleName: "r", assumeRolePolicyDocument: $doc }) {
            role {
              roleId
              maxSessionDuration
              assumeRolePolicyDocument
            }
          }
        }
      `,
      { doc: EC2_TRUST },
    );
    expect(role.data?.createRole.role.maxSessionDuration).toBe(3600);
    expect(role.data?.createRole.role.roleId).toMatch(/^AROA/);
  });

  it('answers a failed operation with one error carrying its AWS code and no data', async () => {
    for (const [caller, query, code] of [
      [
        rootOf(accountId),
        `mutation { createRole(input: { roleName: "bad", assumeRolePolicyDocument: "{}" }) { role { roleId } } }`,
        'MalformedPolicyDocument',
      ],
      [
        userOf(accountId, 'someone'),
        `{ getUser(input: { userName: "x" }) { user { userId } } }`,
        'AccessDenied',
      ],
      [
        rootOf(accountId),
        `{ getRole(input: { roleName: "nobody" }) { role { roleId } } }`,
        'NoSuchEntity',
      ],
    ] as const) {
      const answer = await graphql(caller, query);
      expect(answer.errors).toHaveLength(1);
      expect(answer.errors?.[0]?.extensions?.['code']).toBe(code);
      expect(answer.data ?? null).toBeNull();
    }
  });
});
