import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SERVICE_NAMES, startSuite } from '@iam/testing';
import type { Suite } from '@iam/testing';

// HTTP hygiene of the real services: answers that carry tokens are never cached, subgraphs name no framework and
// answer unknown paths in the suite's error shape, and every readiness check answers 200 once the suite is up.

const PASSWORD = 'lantern violet harbour 1987';
const SESSION = `fragment S on SessionPayload { sessionToken refreshToken }`;

async function post(suite: Suite, query: string, variables: Record<string, unknown>) {
  const response = await fetch(`${suite.gatewayUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as {
    data?: Record<string, { sessionToken: string; refreshToken: string }>;
  };
  return { headers: response.headers, body };
}

describe('HTTP hygiene of the suite', () => {
  let suite: Suite;

  beforeAll(async () => {
    suite = await startSuite();
    const created = await suite.graphql<{ createAccount: { account: { accountId: string } } }>(
      `mutation { createAccount(input: { alias: "hygiene-e2e" }) { account { accountId } } }`,
    );
    // One document: the gateway runs mutation fields in order.
    const user = await suite.graphql(
      `mutation ($a: ID!, $p: String!) {
        createUser(input: { accountId: $a, userName: "erin" }) { user { userId } }
        createLoginProfile(input: { accountId: $a, userName: "erin", password: $p }) { loginProfile { userName } }
      }`,
      { a: created.data!.createAccount.account.accountId, p: PASSWORD },
    );
    expect(user.errors).toBeUndefined();
  }, 180_000);

  afterAll(async () => {
    await suite?.stop();
  });

  it('sends signIn and refreshSession answers (tokens) with Cache-Control: no-store', async () => {
    const signedIn = await post(
      suite,
      `mutation ($input: SignInInput!) { signIn(input: $input) { ...S } } ${SESSION}`,
      { input: { account: 'hygiene-e2e', userName: 'erin', password: PASSWORD } },
    );
    expect(signedIn.body.data?.['signIn']?.sessionToken).toEqual(expect.any(String));
    expect(signedIn.headers.get('cache-control')).toBe('no-store');
    expect(signedIn.headers.get('pragma')).toBe('no-cache');

    const refreshed = await post(
      suite,
      `mutation ($input: RefreshSessionInput!) { refreshSession(input: $input) { ...S } } ${SESSION}`,
      { input: { refreshToken: signedIn.body.data?.['signIn']?.refreshToken } },
    );
    expect(refreshed.body.data?.['refreshSession']?.sessionToken).toEqual(expect.any(String));
    expect(refreshed.headers.get('cache-control')).toBe('no-store');
    expect(refreshed.headers.get('pragma')).toBe('no-cache');
  });

  it.each(SERVICE_NAMES)(
    '%s sends no X-Powered-By and answers an unknown path 404 NotFound in the suite shape',
    async (name) => {
      const { url } = suite.services[name];
      const missing = await fetch(`${url}/no-such-path`);
      expect(missing.status).toBe(404);
      expect(missing.headers.get('x-powered-by')).toBeNull();
      expect(await missing.json()).toEqual({
        errors: [
          {
            message: 'not found',
            extensions: { code: 'NotFound', category: 'NOT_FOUND', status: 404 },
          },
        ],
      });
      const ready = await fetch(`${url}/health/ready`);
      expect(ready.status).toBe(200);
      expect(ready.headers.get('x-powered-by')).toBeNull();
      expect(await ready.json()).toMatchObject({ status: 'ok' });
    },
  );

  it('answers the gateway /health/ready 200 with every subgraph ok', async () => {
    const response = await fetch(`${suite.gatewayUrl}/health/ready`);
    expect(response.status).toBe(200);
    const report = (await response.json()) as { status: string; checks: { name: string }[] };
    expect(report.status).toBe('ok');
    expect(report.checks.map((c) => c.name).sort()).toEqual([...SERVICE_NAMES].sort());
  });
});
