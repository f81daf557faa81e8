import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSubgraph } from '@iam/graphql-kit';
import { ManualClock } from '@iam/common';
import { TenantTransaction } from '@iam/persistence';
import { LoginProfilesService } from '../../src/passwords/login-profiles.service.js';
import { PasswordHasher } from '../../src/passwords/password-hasher.js';
import { rootOf } from '../support/principal-services.js';
import { testSignInService } from '../support/sign-in-service.js';
import { useIdentityDatabase } from '../support/identity-suite.js';
import {
  anonymousHeader,
  identityTestModule,
  postGraphql,
  startIdentitySubgraph,
} from '../support/identity-subgraph.js';

/** The identity module's clock: far from the machine's, so that a time read elsewhere shows. */
const CLOCK_START = '2041-03-05T06:07:08.000Z';
const PASSWORD = 'violet-anchor-prism-47';

// The sign-in module inside the real identity subgraph: JWKS route, anonymous requests, and the password check the
// application module wires into sign-in (the real PasswordVerifier, not the fail-closed stand-in).
describe('identity sign-in over HTTP', () => {
  const { env, s } = useIdentityDatabase();
  let subgraph: RunningSubgraph;
  let accountId: string;
  const clock = new ManualClock(CLOCK_START);

  const anonymous = (query: string) =>
    postGraphql<Record<string, Record<string, unknown> | null>>(
      subgraph,
      anonymousHeader('203.0.113.9'),
      query,
    );

  beforeAll(async () => {
    accountId = await s.newAccount();
    await s.users.createUser(rootOf(accountId), { userName: 'alice' });
    await new LoginProfilesService(
      s.deps,
      new PasswordHasher(),
      testSignInService(s.deps.tenantTx, () => new Date()),
    ).createLoginProfile(rootOf(accountId), { userName: 'alice', password: PASSWORD });
    subgraph = await startIdentitySubgraph(identityTestModule(env.dataSource, clock));
  });

  afterAll(async () => {
    await subgraph?.close();
  });

  it('serves the public signing keys at /.well-known/jwks.json without a caller token', async () => {
    const response = await fetch(`${subgraph.url}/.well-known/jwks.json`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { keys: Record<string, unknown>[] };
    expect(body.keys).toHaveLength(1);
    expect(body.keys[0]).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256', use: 'sig' });
    expect(body.keys[0]).not.toHaveProperty('d');
  });

  it("runs signIn for an anonymous request against the user's real password", async () => {
    const signIn = (password: string) =>
      anonymous(
        `mutation { signIn(input: {account: "${accountId}", userName: "alice", password: "${password}"}) { sessionToken passwordResetRequired } }`,
      );
    const right = await signIn(PASSWORD);
    expect(right.errors).toBeUndefined();
    expect(right.data?.['signIn']).toMatchObject({
      sessionToken: expect.stringMatching(/^[\w-]+\.[\w-]+\.[\w-]+$/),
      passwordResetRequired: false,
    });
    const wrong = await signIn(`${PASSWORD}-not`);
    expect(wrong.data?.['signIn'] ?? null).toBeNull();
    expect(wrong.errors?.[0]?.extensions?.['code']).toBe('InvalidCredentials');
  });

  it('reads the time from the clock it is given (CLOCK), not the machine', async () => {
    clock.advance(60_000);
    const answer = await anonymous(
      `mutation { signIn(input: {account: "${accountId}", userName: "clock-probe", password: "pw"}) { sessionToken } }`,
    );
    expect(answer.errors?.[0]?.extensions?.['code']).toBe('InvalidCredentials');
    const rows = (await new TenantTransaction(env.dataSource).runAsPlatform((tx) =>
      tx.query(
        `SELECT envelope FROM identity.outbox
         WHERE account_id = $1 AND event_type = 'session.sign-in-failed.v1'
           AND envelope -> 'payload' ->> 'userNameAttempted' = 'HIDDEN_DUE_TO_SECURITY_REASONS'`,
        [accountId],
      ),
    )) as { envelope: { occurredAt: string } }[];
    expect(rows.map((row) => row.envelope.occurredAt)).toEqual(['2041-03-05T06:08:08.000Z']);
  });

  it('answers every caller-bound operation of an anonymous request with Unauthenticated', async () => {
    const answer = await anonymous('mutation { signOut { signedOut } }');
    expect(answer.errors?.[0]?.extensions?.['code']).toBe('Unauthenticated');
  });
});
