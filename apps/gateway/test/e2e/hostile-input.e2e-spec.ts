import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSuite } from '@iam/testing';
import type { Suite } from '@iam/testing';
import { createAccount } from '../support/e2e.js';

// Hostile input through the federated gateway: text PostgreSQL cannot hold, forged markers, a write for an account
// that does not exist, and several root fields of one subgraph in one request. Each is answered with its AWS code;
// none reaches the client as InternalFailure.

type Answer = Awaited<ReturnType<Suite['graphql']>>;

function codes(answer: Answer): unknown[] {
  return (answer.errors ?? []).map((e) => e.extensions?.['code']);
}

/** A marker in the identity service's format (see iam-rules.ts) around any sort key. */
function identityMarker(sortKey: string): string {
  return Buffer.from(JSON.stringify(['v1', sortKey])).toString('base64url');
}

describe('hostile input through the gateway', () => {
  let suite: Suite;
  let accountId: string;

  beforeAll(async () => {
    suite = await startSuite();
    accountId = await createAccount(suite);
    const user = await suite.graphql(
      `mutation ($input: CreateUserInput!) { createUser(input: $input) { user { userId } } }`,
      { input: { accountId, userName: 'alice' } },
    );
    expect(user.errors).toBeUndefined();
    const group = await suite.graphql(
      `mutation ($input: CreateGroupInput!) { createGroup(input: $input) { group { groupId } } }`,
      { input: { accountId, groupName: 'devs' } },
    );
    expect(group.errors).toBeUndefined();
  }, 300_000);

  afterAll(async () => {
    await suite?.stop();
  });

  describe('text PostgreSQL cannot hold', () => {
    const SIGN_IN = `mutation ($input: SignInInput!) { signIn(input: $input) { sessionToken } }`;

    it.each([
      ['a NUL in the user name', { account: '123456789012', userName: 'a\u0000', password: 'x' }],
      ['a NUL in the account alias', { account: 'alias\u0000', userName: 'alice', password: 'x' }],
      ['a NUL in the account id', { account: '12345678901\u0000', userName: 'a', password: 'x' }],
      [
        'a lone surrogate in the user name',
        { account: '123456789012', userName: '\ud800', password: 'x' },
      ],
    ])('signIn, unauthenticated, with %s answers InvalidInput', async (_label, input) => {
      const answer = await suite.graphql(SIGN_IN, { input }, null);
      expect(answer.status).toBeLessThan(500);
      expect(codes(answer)).toEqual(['InvalidInput']);
    });

    it.each([
      [
        'getUser',
        `query ($input: GetUserInput!) { getUser(input: $input) { user { userName } } }`,
        { userName: 'a\u0000' },
      ],
      [
        'getUser',
        `query ($input: GetUserInput!) { getUser(input: $input) { user { userName } } }`,
        { userName: 'a\udc00' },
      ],
      [
        'createUser',
        `mutation ($input: CreateUserInput!) { createUser(input: $input) { user { userId } } }`,
        { userName: 'bob', tags: [{ key: 'k', value: 'v\u0000' }] },
      ],
      [
        'listUsers',
        `query ($input: ListUsersInput) { listUsers(input: $input) { isTruncated } }`,
        { pathPrefix: '/\u0000' },
      ],
    ])('%s with a NUL or a lone surrogate answers InvalidInput', async (_name, query, input) => {
      const answer = await suite.graphql(query, { input: { accountId, ...input } });
      expect(answer.status).toBeLessThan(500);
      expect(codes(answer)).toEqual(['InvalidInput']);
    });
  });

  describe('forged markers', () => {
    const LISTS: [string, string, Record<string, unknown>][] = [
      [
        'listUsers',
        `query ($input: ListUsersInput) { listUsers(input: $input) { isTruncated } }`,
        {},
      ],
      [
        'listGroups',
        `query ($input: ListGroupsInput) { listGroups(input: $input) { isTruncated } }`,
        {},
      ],
      [
        'listRoles',
        `query ($input: ListRolesInput) { listRoles(input: $input) { isTruncated } }`,
        {},
      ],
      [
        'getGroup',
        `query ($input: GetGroupInput!) { getGroup(input: $input) { isTruncated } }`,
        { groupName: 'devs' },
      ],
      [
        'listGroupsForUser',
        `query ($input: ListGroupsForUserInput!) { listGroupsForUser(input: $input) { isTruncated } }`,
        { userName: 'alice' },
      ],
      [
        'listMfaDevices',
        `query ($input: ListMfaDevicesInput) { listMfaDevices(input: $input) { isTruncated } }`,
        { userName: 'alice' },
      ],
      [
        'listVirtualMfaDevices',
        `query ($input: ListVirtualMfaDevicesInput) { listVirtualMfaDevices(input: $input) { isTruncated } }`,
        {},
      ],
    ];

    it.each(LISTS)(
      '%s: a well-formed marker with a NUL inside answers InvalidInput',
      async (_name, query, input) => {
        const valid = await suite.graphql(query, {
          input: { accountId, ...input, marker: identityMarker('a') },
        });
        expect(valid.errors).toBeUndefined();
        for (const key of ['a\u0000', '\u0000', 'a\ud800']) {
          const answer = await suite.graphql(query, {
            input: { accountId, ...input, marker: identityMarker(key) },
          });
          expect(answer.status).toBeLessThan(500);
          expect(codes(answer)).toEqual(['InvalidInput']);
        }
      },
    );

    it('auditEvents: a marker beyond the range of bigint answers InvalidInput', async () => {
      const query = `query ($a: ID!, $m: String) { auditEvents(accountId: $a, marker: $m) { isTruncated } }`;
      const largest = await suite.graphql(query, {
        a: accountId,
        m: Buffer.from('9223372036854775807').toString('base64url'),
      });
      expect(largest.errors).toBeUndefined();
      for (const seq of ['9223372036854775808', '9999999999999999999']) {
        const answer = await suite.graphql(query, {
          a: accountId,
          m: Buffer.from(seq).toString('base64url'),
        });
        expect(answer.status).toBeLessThan(500);
        expect(codes(answer)).toEqual(['InvalidInput']);
      }
    });
  });

  it('updateAccountPasswordPolicy for an account that does not exist answers NoSuchEntity, as its siblings', async () => {
    const missing = '999999999999';
    const update = await suite.graphql(
      `mutation ($input: UpdateAccountPasswordPolicyInput) { updateAccountPasswordPolicy(input: $input) { __typename } }`,
      { input: { accountId: missing, minimumPasswordLength: 10 } },
    );
    expect(codes(update)).toEqual(['NoSuchEntity']);
    const get = await suite.graphql(
      `query ($input: AccountPasswordPolicyInput) { getAccountPasswordPolicy(input: $input) { __typename } }`,
      { input: { accountId: missing } },
    );
    expect(codes(get)).toEqual(['NoSuchEntity']);
  });

  describe('several root fields of one subgraph in one request', () => {
    const TWO = `query ($account: ID, $a: String!, $b: String!) {
      a: getUser(input: { accountId: $account, userName: $a }) { user { userName } }
      b: getUser(input: { accountId: $account, userName: $b }) { user { userName } }
    }`;

    it('one missing: only that field has an error, NoSuchEntity at its own path', async () => {
      for (let i = 0; i < 5; i++) {
        const answer = await suite.graphql(TWO, { account: accountId, a: 'alice', b: 'nobody' });
        expect(answer.errors).toEqual([
          expect.objectContaining({
            path: ['b'],
            message: 'the user with name `nobody` cannot be found',
            extensions: expect.objectContaining({ code: 'NoSuchEntity' }),
          }),
        ]);
        // Both fields are non-null: the failed one nulls the whole answer, as one GraphQL server would.
        expect(answer.data ?? null).toBeNull();
      }
    });

    it('both missing: every error is NoSuchEntity for its own field, never InternalFailure', async () => {
      for (let i = 0; i < 10; i++) {
        const answer = await suite.graphql(TWO, { account: accountId, a: 'ghost-a', b: 'ghost-b' });
        expect(answer.errors?.length).toBeGreaterThan(0);
        for (const error of answer.errors ?? []) {
          expect(error.extensions?.['code']).toBe('NoSuchEntity');
          const field = (error as { path?: string[] }).path?.[0];
          expect(['a', 'b']).toContain(field);
          expect(error.message).toBe(`the user with name \`ghost-${field}\` cannot be found`);
        }
      }
    });

    it('both present: both answered', async () => {
      await suite.graphql(
        `mutation ($input: CreateUserInput!) { createUser(input: $input) { user { userId } } }`,
        { input: { accountId, userName: 'bob' } },
      );
      const answer = await suite.graphql(TWO, { account: accountId, a: 'alice', b: 'bob' });
      expect(answer.errors).toBeUndefined();
      expect(answer.data).toEqual({
        a: { user: { userName: 'alice' } },
        b: { user: { userName: 'bob' } },
      });
    });
  });
});
