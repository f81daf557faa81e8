import { generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallerContext } from '@iam/common';
import { bootstrapSubgraph } from '@iam/graphql-kit';
import type { RunningSubgraph } from '@iam/graphql-kit';
import type { OutboxRelay } from '@iam/messaging';
import { Outbox } from '@iam/messaging';
import {
  CALLER_HEADER,
  SecretBox,
  createLogger,
  generateDataKey,
  signCallerToken,
} from '@iam/service-kit';
import { IdentityAppModule } from '../../src/app.module.js';
import { IdentitySettings } from '../../src/identity-settings.js';
import { identityTestDatabase } from '../support/identity-test-database.js';
import { EC2_TRUST, principalServices, rootOf, userOf } from '../support/principal-services.js';

const { privateKey: SIGNING_KEY, publicKey: VERIFY_KEY } = generateKeyPairSync('ed25519');

interface GraphQLAnswer<T> {
  data?: T;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

// The resolvers end to end inside the identity subgraph: decorators, inputs, payloads and the error mapping.
describe('identity principals over GraphQL', () => {
  let env: Awaited<ReturnType<typeof identityTestDatabase>>;
  let subgraph: RunningSubgraph;
  let accountId: string;

  async function graphql<T>(caller: CallerContext, query: string, variables = {}) {
    const response = await fetch(`${subgraph.url}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        [CALLER_HEADER]: signCallerToken(
          caller,
          'identity',
          SIGNING_KEY,
          Math.floor(Date.now() / 1000),
        ),
      },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as GraphQLAnswer<T>;
  }

  beforeAll(async () => {
    env = await identityTestDatabase();
    accountId = await principalServices(env.dataSource).newAccount();
    const logger = createLogger('identity-test', 'silent');
    subgraph = await bootstrapSubgraph({
      module: IdentityAppModule.register({
        dataSource: env.dataSource,
        outbox: new Outbox('identity'),
        relay: { notify: () => undefined } as unknown as OutboxRelay,
        settings: new IdentitySettings('aws'),
        secretBox: new SecretBox([generateDataKey()]),
        logger,
        production: false,
        readinessChecks: [],
      }),
      host: '127.0.0.1',
      port: 0,
      name: 'identity',
      callerVerifyKey: VERIFY_KEY,
      logger,
    });
  });

  afterAll(async () => {
    await subgraph?.close();
    await env?.close();
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
