import { generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ANONYMOUS_REQUEST_ARN,
  ANONYMOUS_REQUEST_HEADER,
  bootstrapSubgraph,
} from '@iam/graphql-kit';
import type { RunningSubgraph } from '@iam/graphql-kit';
import type { OutboxRelay } from '@iam/messaging';
import { Outbox } from '@iam/messaging';
import {
  CALLER_HEADER,
  ConfigError,
  createLogger,
  generateDataKey,
  signCallerToken,
  signGatewayToken,
} from '@iam/service-kit';
import type { CallerContext } from '@iam/common';
import { IDENTITY_SERVICE } from '../../src/identity.service-definition.js';
import { identityTestDatabase } from '../support/identity-test-database.js';
import { principalServices, rootOf } from '../support/principal-services.js';

const { privateKey: SIGNING_KEY, publicKey: VERIFY_KEY } = generateKeyPairSync('ed25519');
const PASSWORD = 'correct horse battery staple 42';

// The IDENTITY_SESSION_* variables reach the tokens identity signs: the service definition reads them from the
// environment it is started with.
describe('session token settings from the environment', () => {
  let env: Awaited<ReturnType<typeof identityTestDatabase>>;
  let subgraph: RunningSubgraph;
  let accountId: string;
  const logger = createLogger('identity-test', 'silent');

  function hostDeps(variables: Record<string, string>) {
    return {
      dataSource: env.dataSource,
      outbox: new Outbox('identity'),
      relay: { notify: () => undefined } as unknown as OutboxRelay,
      logger,
      production: false,
      partition: 'aws',
      readinessChecks: [],
      env: { IAM_DATA_KEYS: generateDataKey(), ...variables },
    };
  }

  async function graphql<T>(query: string, header: Record<string, string>) {
    const response = await fetch(`${subgraph.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...header },
      body: JSON.stringify({ query }),
    });
    return (await response.json()) as { data?: T; errors?: unknown[] };
  }

  function as(caller: CallerContext): Record<string, string> {
    return {
      [CALLER_HEADER]: signCallerToken(
        caller,
        'identity',
        SIGNING_KEY,
        Math.floor(Date.now() / 1000),
      ),
    };
  }

  function anonymous(): Record<string, string> {
    const caller: CallerContext = {
      requestId: 'anon-test',
      principalType: 'service',
      principalArn: ANONYMOUS_REQUEST_ARN,
      accountId: null,
      context: { 'aws:SourceIp': '203.0.113.10' },
    };
    return {
      [ANONYMOUS_REQUEST_HEADER]: signGatewayToken(
        'anonymous',
        caller,
        'identity',
        SIGNING_KEY,
        Math.floor(Date.now() / 1000),
      ),
    };
  }

  beforeAll(async () => {
    env = await identityTestDatabase();
    accountId = await principalServices(env.dataSource).newAccount();
    subgraph = await bootstrapSubgraph({
      module: IDENTITY_SERVICE.createModule(
        hostDeps({
          IDENTITY_SESSION_TOKEN_TTL_SECONDS: '120',
          IDENTITY_SESSION_REFRESH_TTL_SECONDS: '1800',
          IDENTITY_SESSION_ISSUER: 'https://identity.example.test',
          IDENTITY_SESSION_AUDIENCE: 'https://gateway.example.test',
        }),
      ),
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

  it('signs tokens with the configured issuer, audience and lifetimes', async () => {
    const root = as(rootOf(accountId));
    for (const mutation of [
      `mutation { createUser(input: { userName: "gil" }) { user { userId } } }`,
      `mutation { createLoginProfile(input: { userName: "gil", password: "${PASSWORD}" }) { loginProfile { userName } } }`,
    ]) {
      expect((await graphql(mutation, root)).errors).toBeUndefined();
    }
    const before = Date.now();
    const answer = await graphql<{ signIn: { sessionToken: string; refreshExpiresAt: string } }>(
      `mutation { signIn(input: {account: "${accountId}", userName: "gil", password: "${PASSWORD}"}) { sessionToken refreshExpiresAt } }`,
      anonymous(),
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
