import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSuite } from '@iam/testing';
import type { Suite } from '@iam/testing';
import { createAccount, createUserWithPassword } from '../support/e2e.js';

// SECURITY regression test (ADR 0009): callers of different rights, in two accounts, send byte-identical queries
// at the same moment through the real gateway. Each must receive the answer computed for itself. Before the fix
// the gateway's HTTP executor merged identical in-flight subgraph queries, so a user with no policy received the
// platform administrator's data and the administrator received the user's AccessDenied.

const PASSWORD = 'Quiet-lantern-orbits-7-vivid-harbor';
const GET_USER = `query Probe($input: GetUserInput!) { getUser(input: $input) { user { userName arn } } }`;
const WHO_AM_I = `query WhoAmI { getCallerIdentity { arn account } }`;
/** Concurrent request loops per caller, and requests per loop: bounded by count, never by the wall clock. */
const LOOPS = 6;
const REQUESTS_PER_LOOP = 25;

interface Answer {
  status: number;
  data?: Record<string, unknown> | null;
  errors?: { extensions?: Record<string, unknown> }[];
}

describe('concurrent callers through the gateway never receive each other’s answers', () => {
  let suite: Suite;
  let accountA: string;
  let accountB: string;
  /** An IAM user of account A and one of account B, both without policies (AccessDenied on getUser). */
  let userOfA: string;
  let userOfB: string;

  async function post(token: string, query: string, variables?: unknown): Promise<Answer> {
    const response = await fetch(`${suite.gatewayUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify(variables === undefined ? { query } : { query, variables }),
    });
    return { status: response.status, ...((await response.json()) as Omit<Answer, 'status'>) };
  }

  async function admin(query: string, input: Record<string, unknown>): Promise<void> {
    const answer = await suite.graphql(query, { input });
    expect(answer.errors).toBeUndefined();
  }

  async function userWithSession(account: string, alias: string, userName: string) {
    await createUserWithPassword(suite, account, userName, PASSWORD);
    const session = await suite.graphql<{ signIn: { sessionToken: string } }>(
      `mutation ($input: SignInInput!) { signIn(input: $input) { sessionToken } }`,
      { input: { account: alias, userName, password: PASSWORD } },
      null,
    );
    expect(session.errors).toBeUndefined();
    return session.data!.signIn.sessionToken;
  }

  /** Runs LOOPS concurrent loops of REQUESTS_PER_LOOP requests for every caller at once. */
  async function storm(
    callers: readonly { token: string; query: string; variables?: unknown }[],
  ): Promise<Answer[][]> {
    const answers = callers.map((): Answer[] => []);
    await Promise.all(
      callers.flatMap((caller, index) =>
        Array.from({ length: LOOPS }, async () => {
          for (let i = 0; i < REQUESTS_PER_LOOP; i++) {
            answers[index]!.push(await post(caller.token, caller.query, caller.variables));
          }
        }),
      ),
    );
    return answers;
  }

  beforeAll(async () => {
    suite = await startSuite();
    accountA = await createAccount(suite, 'concurrency-a');
    accountB = await createAccount(suite, 'concurrency-b');
    await admin(
      `mutation ($input: CreateUserInput!) { createUser(input: $input) { user { userId } } }`,
      { accountId: accountA, userName: 'target' },
    );
    userOfA = await userWithSession(accountA, 'concurrency-a', 'ann');
    userOfB = await userWithSession(accountB, 'concurrency-b', 'ben');
  }, 180_000);

  afterAll(async () => {
    await suite?.stop();
  });

  it('keeps getUser answers apart for the administrator, a user without rights and a user of another account', async () => {
    // The same document and variables for all three callers: only the credentials differ.
    const variables = { input: { accountId: accountA, userName: 'target' } };
    const [asAdmin, asUserOfA, asUserOfB] = await storm([
      { token: suite.adminToken, query: GET_USER, variables },
      { token: userOfA, query: GET_USER, variables },
      { token: userOfB, query: GET_USER, variables },
    ]);

    const total = LOOPS * REQUESTS_PER_LOOP;
    expect(asAdmin).toHaveLength(total);
    const adminAnswers = asAdmin!.map((a) =>
      a.errors === undefined
        ? (a.data?.['getUser'] as { user: { arn: string } }).user.arn
        : String(a.errors[0]?.extensions?.['code']),
    );
    expect(new Set(adminAnswers)).toEqual(new Set([`arn:aws:iam::${accountA}:user/target`]));

    for (const answers of [asUserOfA!, asUserOfB!]) {
      expect(answers).toHaveLength(total);
      const leaked = answers.filter(
        (a) => a.data?.['getUser'] !== undefined && a.data?.['getUser'] !== null,
      );
      expect(leaked).toHaveLength(0);
      expect(new Set(answers.map((a) => a.errors?.[0]?.extensions?.['code']))).toEqual(
        new Set(['AccessDenied']),
      );
    }
  }, 120_000);

  it('answers getCallerIdentity with each caller’s own identity', async () => {
    const [asAdmin, asUserOfA, asUserOfB] = await storm([
      { token: suite.adminToken, query: WHO_AM_I },
      { token: userOfA, query: WHO_AM_I },
      { token: userOfB, query: WHO_AM_I },
    ]);
    const identities = (answers: Answer[]) =>
      new Set(
        answers.map((a) =>
          JSON.stringify(a.data?.['getCallerIdentity'] ?? a.errors?.[0]?.extensions?.['code']),
        ),
      );
    const expected = (arn: string, account: string | null) =>
      new Set([JSON.stringify({ arn, account })]);

    const adminIdentity = [...identities(asAdmin!)];
    expect(adminIdentity).toHaveLength(1);
    expect(adminIdentity[0]).not.toContain(accountA);
    expect(adminIdentity[0]).not.toContain(accountB);
    expect(identities(asUserOfA!)).toEqual(expected(`arn:aws:iam::${accountA}:user/ann`, accountA));
    expect(identities(asUserOfB!)).toEqual(expected(`arn:aws:iam::${accountB}:user/ben`, accountB));
  }, 120_000);
});
