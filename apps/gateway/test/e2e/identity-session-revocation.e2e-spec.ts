import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectEventually, startSuite } from '@iam/testing';
import type { Suite } from '@iam/testing';
import { codeOf, createAccount, createUserWithPassword } from '../support/e2e.js';

// Session tokens stop working at the gateway once their session ends early — sign-out, revokeUserSessions, a
// deleted user, a suspended account — through identity's revocation list, which the gateway polls every second;
// real PostgreSQL and Kafka, every service in its own process.

const PASSWORD = 'correct horse battery staple 42';
const SIGN_IN = `mutation ($input: SignInInput!) { signIn(input: $input) { sessionToken refreshToken } }`;
const GET_USER = `query ($input: GetUserInput!) { getUser(input: $input) { user { userName } } }`;

describe('session revocation at the gateway', () => {
  let suite: Suite;
  let accountId: string;

  async function admin(query: string, input: Record<string, unknown>) {
    const answer = await suite.graphql(query, { input });
    expect(answer.errors).toBeUndefined();
    return answer.data!;
  }

  const userWithPassword = (account: string, userName: string) =>
    createUserWithPassword(suite, account, userName, PASSWORD);

  async function sessionToken(account: string, userName: string): Promise<string> {
    const answer = await suite.graphql<{ signIn: { sessionToken: string } }>(
      SIGN_IN,
      { input: { account, userName, password: PASSWORD } },
      null,
    );
    expect(answer.errors).toBeUndefined();
    return answer.data!.signIn.sessionToken;
  }

  /**
   * Whether the gateway accepts the token: the stand-in policy gives IAM users no permissions, so an accepted
   * token answers AccessDenied (an authenticated caller), a refused one 401 Unauthenticated.
   */
  async function accepted(token: string, account = accountId): Promise<boolean> {
    const answer = await suite.graphql(
      GET_USER,
      { input: { accountId: account, userName: 'x' } },
      token,
    );
    if (answer.status === 401) {
      expect(codeOf(answer)).toBe('Unauthenticated');
      return false;
    }
    expect(codeOf(answer)).toBe('AccessDenied');
    return true;
  }

  async function refusedWithinSeconds(token: string, account = accountId): Promise<void> {
    await expectEventually(async () => expect(await accepted(token, account)).toBe(false), {
      timeoutMs: 5_000,
    });
  }

  beforeAll(async () => {
    suite = await startSuite();
    accountId = await createAccount(suite, 'revocation-e2e');
    for (const name of ['ivy', 'jon', 'kay']) await userWithPassword(accountId, name);
  }, 180_000);

  afterAll(async () => {
    await suite?.stop();
  });

  it('refuses a signed-out session’s token, and keeps the user’s other session working', async () => {
    const first = await sessionToken(accountId, 'ivy');
    const second = await sessionToken(accountId, 'ivy');
    expect(await accepted(first)).toBe(true);
    const out = await suite.graphql<{ signOut: { signedOut: boolean } }>(
      `mutation { signOut { signedOut } }`,
      {},
      first,
    );
    expect(out.data?.signOut.signedOut).toBe(true);
    await refusedWithinSeconds(first);
    expect(await accepted(second)).toBe(true);
  });

  it('refuses every token of a user whose sessions an administrator revoked, and of a deleted user', async () => {
    const tokens = [await sessionToken(accountId, 'jon'), await sessionToken(accountId, 'jon')];
    await admin(
      `mutation ($input: RevokeUserSessionsInput!) { revokeUserSessions(input: $input) { revokedSessionCount } }`,
      { accountId, userName: 'jon' },
    );
    for (const token of tokens) await refusedWithinSeconds(token);
    // A new sign-in after the revocation works.
    expect(await accepted(await sessionToken(accountId, 'jon'))).toBe(true);

    const kay = await sessionToken(accountId, 'kay');
    expect(await accepted(kay)).toBe(true);
    await admin(
      `mutation ($input: DeleteUserInput!) { deleteUser(input: $input) { user { userName } } }`,
      { accountId, userName: 'kay', force: true },
    );
    await refusedWithinSeconds(kay);
  });

  it('refuses every token of a suspended account; after reactivation only new sign-ins work', async () => {
    const suspended = await createAccount(suite, 'suspended-e2e');
    await userWithPassword(suspended, 'lea');
    await userWithPassword(suspended, 'max');
    const lea = await sessionToken(suspended, 'lea');
    const max = await sessionToken(suspended, 'max');
    // A session of another account is not affected by the suspension.
    const ivy = await sessionToken(accountId, 'ivy');
    expect(await accepted(lea, suspended)).toBe(true);

    await admin(
      `mutation ($input: AccountIdInput!) { suspendAccount(input: $input) { account { status } } }`,
      { accountId: suspended },
    );
    await refusedWithinSeconds(lea, suspended);
    await refusedWithinSeconds(max, suspended);
    expect(await accepted(ivy)).toBe(true);

    await admin(
      `mutation ($input: AccountIdInput!) { reactivateAccount(input: $input) { account { status } } }`,
      { accountId: suspended },
    );
    expect(await accepted(lea, suspended)).toBe(false);
    expect(await accepted(await sessionToken(suspended, 'lea'), suspended)).toBe(true);
  });
});
