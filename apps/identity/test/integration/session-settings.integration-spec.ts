import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSubgraph } from '@iam/graphql-kit';
import { TestAdministratorsPolicySource } from '@iam/authorization';
import { InProcessEventTransport, Outbox } from '@iam/messaging';
import { ConfigError, generateDataKey } from '@iam/service-kit';
import { identityService } from '../../src/identity.service-definition.js';
import { rootOf } from '../support/principal-services.js';
import { useIdentityDatabase } from '../support/identity-suite.js';
import {
  IDLE_RELAY,
  TEST_LOGGER,
  anonymousHeader,
  callerHeader,
  postGraphql,
  startIdentitySubgraph,
} from '../support/identity-subgraph.js';

const PASSWORD = 'correct horse battery staple 42';

// The IDENTITY_SESSION_* variables reach the tokens identity signs: the service definition reads them from the
// environment it is started with.
describe('session token settings from the environment', () => {
  const { env, s } = useIdentityDatabase();
  // The service definition as production builds it, except that callers' policies come from the test source.
  const IDENTITY_SERVICE = identityService({ policies: new TestAdministratorsPolicySource() });
  let subgraph: RunningSubgraph;
  let accountId: string;

  function hostDeps(variables: Record<string, string>) {
    return {
      name: 'identity',
      transport: new InProcessEventTransport(),
      dataSource: env.dataSource,
      outbox: new Outbox('identity'),
      relay: IDLE_RELAY,
      logger: TEST_LOGGER,
      production: false,
      partition: 'aws',
      readinessChecks: [],
      env: { IAM_DATA_KEYS: generateDataKey(), ...variables },
    };
  }

  const graphql = <T>(query: string, header: Record<string, string>) =>
    postGraphql<T>(subgraph, header, query);

  beforeAll(async () => {
    accountId = await s.newAccount();
    subgraph = await startIdentitySubgraph(
      IDENTITY_SERVICE.createModule(
        hostDeps({
          IDENTITY_SESSION_TOKEN_TTL_SECONDS: '120',
          IDENTITY_SESSION_REFRESH_TTL_SECONDS: '1800',
          IDENTITY_SESSION_ISSUER: 'https://identity.example.test',
          IDENTITY_SESSION_AUDIENCE: 'https://gateway.example.test',
        }),
      ),
    );
  });

  afterAll(async () => {
    await subgraph?.close();
  });

  it('signs tokens with the configured issuer, audience and lifetimes', async () => {
    const root = callerHeader(rootOf(accountId));
    for (const mutation of [
      `mutation { createUser(input: { userName: "gil" }) { user { userId } } }`,
      `mutation { createLoginProfile(input: { userName: "gil", password: "${PASSWORD}" }) { loginProfile { userName } } }`,
    ]) {
      expect((await graphql(mutation, root)).errors).toBeUndefined();
    }
    const before = Date.now();
    const answer = await graphql<{ signIn: { sessionToken: string; refreshExpiresAt: string } }>(
      `mutation { signIn(input: {account: "${accountId}", userName: "gil", password: "${PASSWORD}"}) { sessionToken refreshExpiresAt } }`,
      anonymousHeader('203.0.113.10'),
    );
    expect(answer.errors).toBeUndefined();
    const { sessionToken, refreshExpiresAt } = answer.data!.signIn;
    const claims = JSON.parse(
      Buffer.from(sessionToken.split('.')[1]!, 'base64url').toString('utf8'),
    ) as Record<string, number | string>;
    expect(claims).toMatchObject({
      iss: 'https://identity.example.test',
      aud: 'https://gateway.example.test',
    });
    expect(Number(claims['exp']) - Number(claims['iat'])).toBe(120);
    const sessionSeconds = (Date.parse(refreshExpiresAt) - before) / 1000;
    expect(sessionSeconds).toBeGreaterThan(1790);
    expect(sessionSeconds).toBeLessThanOrEqual(1810);
  });

  it('refuses to build the service with a lifetime outside its bounds, naming the variable', () => {
    let caught: unknown;
    try {
      IDENTITY_SERVICE.createModule(hostDeps({ IDENTITY_SESSION_TOKEN_TTL_SECONDS: '7200' }));
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    expect((caught as ConfigError).message).toContain(
      'IDENTITY_SESSION_TOKEN_TTL_SECONDS is invalid: 7200 is outside 60 to 3600 seconds',
    );
  });
});
