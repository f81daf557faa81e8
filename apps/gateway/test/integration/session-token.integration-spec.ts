import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { GraphQLError, parse } from 'graphql';
import { SignJWT, exportJWK, generateKeyPair } from 'jose';
import type { CryptoKey, JWK } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuthenticatedRequest, SubgraphContext } from '@iam/graphql-kit';
import {
  callerTokenMiddleware,
  internalRequestMiddleware,
  requestOriginFrom,
} from '@iam/graphql-kit';
import { createLogger } from '@iam/service-kit';
import type { RunningGateway } from '../../src/gateway.js';
import {
  composeTestSupergraph,
  postGraphQL,
  startTestGateway,
  testSecrets,
} from '../support/gateway-harness.js';

// A small identity-like subgraph that checks requests with the real @iam/graphql-kit middleware (caller tokens and
// anonymous request tokens) and serves a JWKS next to /graphql, where the gateway looks by default.

const SDL = `
extend schema @link(url: "https://specs.apollo.dev/federation/v2.9", import: ["@key"])

type Query {
  whoAmI: Who!
}

type Who {
  principalType: String!
  principalArn: String!
  accountId: String
  context: String!
}

type Mutation {
  signIn(account: String!): Origin!
  refreshSession(token: String!): Origin!
  signOut: Boolean!
}

type Origin {
  requestId: String!
  sourceIp: String!
  hasCaller: Boolean!
}
`;

const resolvers = {
  Query: {
    whoAmI: (_: unknown, __: unknown, { caller }: SubgraphContext) => {
      if (!caller) throw new GraphQLError('no caller', { extensions: { code: 'Unauthenticated' } });
      return { ...caller, context: JSON.stringify(caller.context) };
    },
  },
  Mutation: {
    signIn: (_: unknown, __: unknown, context: SubgraphContext) => {
      const origin = requestOriginFrom(context);
      return {
        requestId: origin.requestId,
        sourceIp: origin.context['aws:SourceIp'],
        hasCaller: context.caller !== undefined,
      };
    },
    refreshSession: (_: unknown, __: unknown, context: SubgraphContext) => ({
      requestId: requestOriginFrom(context).requestId,
      sourceIp: requestOriginFrom(context).context['aws:SourceIp'],
      hasCaller: context.caller !== undefined,
    }),
    signOut: (_: unknown, __: unknown, { caller }: SubgraphContext) => {
      if (!caller) throw new GraphQLError('no caller', { extensions: { code: 'Unauthenticated' } });
      return true;
    },
  },
};

const ISSUER = 'urn:iam:identity';
const AUDIENCE = 'urn:iam:gateway';
const ARN = 'arn:aws:iam::123456789012:user/alice';

describe('gateway session tokens and anonymous sign-in', () => {
  const { signingKey, verifyKey, adminToken } = testSecrets();
  let server: Server;
  let apollo: ApolloServer<SubgraphContext>;
  let gateway: RunningGateway;
  let privateKey: CryptoKey;
  let publicJwk: JWK;
  let jwksRequests = 0;
  /** The fake identity's revocation list: session ids revoked "now". */
  const revokedSessions: string[] = [];
  let revocationReads = 0;

  const token = (claims: Record<string, unknown> = {}, kid = 'k1') => {
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT({
      iss: ISSUER,
      aud: AUDIENCE,
      sub: ARN,
      iat: now - 5,
      exp: now + 900,
      auth_time: now - 65,
      amr: ['pwd', 'mfa'],
      sid: 'session-1',
      account_id: '123456789012',
      user_id: 'AIDAEXAMPLE',
      user_name: 'alice',
      mfa: true,
      pwd_reset: false,
      ...claims,
    })
      .setProtectedHeader({ alg: 'ES256', kid, typ: 'iam-session+jwt' })
      .sign(privateKey);
  };

  beforeAll(async () => {
    const pair = await generateKeyPair('ES256', { extractable: true });
    privateKey = pair.privateKey;
    publicJwk = { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'ES256', use: 'sig' };
    apollo = new ApolloServer<SubgraphContext>({
      schema: buildSubgraphSchema([{ typeDefs: parse(SDL), resolvers }]),
      plugins: [ApolloServerPluginInlineTraceDisabled()],
    });
    await apollo.start();
    const check = callerTokenMiddleware(
      'identity',
      verifyKey,
      createLogger('subgraph-test', 'silent'),
    );
    const internalOnly = internalRequestMiddleware(
      'identity',
      verifyKey,
      createLogger('subgraph-test', 'silent'),
    );
    server = createServer((req: AuthenticatedRequest, res) => {
      if (req.url === '/.well-known/jwks.json') {
        jwksRequests++;
        res.writeHead(200, { 'content-type': 'application/json' });
        return void res.end(JSON.stringify({ keys: [publicJwk] }));
      }
      if (req.url?.startsWith('/internal/session-revocations?')) {
        return internalOnly(req, res, () => {
          revocationReads++;
          const now = new Date();
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end(
            JSON.stringify({
              asOf: now.toISOString(),
              truncated: false,
              revocations: revokedSessions.map((sessionId) => ({
                sessionId,
                recordedAt: now.toISOString(),
                tokensValidUntil: new Date(now.getTime() + 900_000).toISOString(),
              })),
            }),
          );
        });
      }
      check(req, res, () => {
        void (async () => {
          const chunks: Buffer[] = [];
          for await (const chunk of req) chunks.push(chunk as Buffer);
          const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
            query: string;
            variables?: Record<string, unknown>;
          };
          const response = await apollo.executeOperation(
            { query: body.query, variables: body.variables ?? {} },
            {
              contextValue: {
                ...(req.caller ? { caller: req.caller } : {}),
                ...(req.anonymous ? { anonymous: req.anonymous } : {}),
              },
            },
          );
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end(
            JSON.stringify(response.body.kind === 'single' ? response.body.singleResult : {}),
          );
        })();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    gateway = await startTestGateway({
      supergraphSdl: composeTestSupergraph([
        {
          name: 'identity',
          sdl: SDL,
          url: '',
          received: [],
          refused: [],
          close: () => Promise.resolve(),
        },
      ]),
      signingKey,
      adminToken,
      env: {
        SUBGRAPH_IDENTITY_URL: `http://127.0.0.1:${port}/graphql`,
        GATEWAY_SESSION_REVOCATION_POLL_MS: '100',
      },
    });
  });

  afterAll(async () => {
    await gateway?.close();
    server?.closeAllConnections();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    await apollo?.stop();
  });

  it('publishes identity’s public keys at /.well-known/jwks.json', async () => {
    const response = await fetch(`${gateway.url}/.well-known/jwks.json`);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('public, max-age=300');
    expect(await response.json()).toEqual({ keys: [publicJwk] });
  });

  it('accepts a session token and passes the user caller with its AWS context keys', async () => {
    const answer = await postGraphQL<{
      whoAmI: { principalType: string; principalArn: string; accountId: string; context: string };
    }>(gateway, '{ whoAmI { principalType principalArn accountId context } }', {
      token: await token(),
    });
    expect(answer.status).toBe(200);
    expect(answer.data?.whoAmI).toMatchObject({
      principalType: 'user',
      principalArn: ARN,
      accountId: '123456789012',
    });
    const context = JSON.parse(answer.data!.whoAmI.context) as Record<string, string>;
    expect(context).toMatchObject({
      'aws:PrincipalArn': ARN,
      'aws:username': 'alice',
      'aws:userid': 'AIDAEXAMPLE',
      'aws:MultiFactorAuthPresent': 'true',
      'aws:SourceIp': '127.0.0.1',
      'iam:SessionId': 'session-1',
    });
    expect(Number(context['aws:MultiFactorAuthAge'])).toBeGreaterThanOrEqual(65);
    expect(context['aws:TokenIssueTime']).toMatch(/^\d{4}-\d{2}-\d{2}T/);
  });

  it('keeps accepting the platform administrator token', async () => {
    const answer = await postGraphQL<{ whoAmI: { principalType: string } }>(
      gateway,
      '{ whoAmI { principalType } }',
      { token: adminToken },
    );
    expect(answer.data?.whoAmI.principalType).toBe('platform-admin');
  });

  it('refuses tampered, expired, foreign-audience and unknown-key tokens with Unauthenticated', async () => {
    const good = await token();
    const [header, , signature] = good.split('.') as [string, string, string];
    const forgedPayload = Buffer.from(
      JSON.stringify({ sub: 'arn:aws:iam::123456789012:user/admin', account_id: '123456789012' }),
    ).toString('base64url');
    const now = Math.floor(Date.now() / 1000);
    for (const bad of [
      `${header}.${forgedPayload}.${signature}`,
      await token({ iat: now - 1_000, exp: now - 60 }),
      await token({ aud: 'someone-else' }),
      await token({}, 'unknown-kid'),
    ]) {
      const answer = await postGraphQL(gateway, '{ whoAmI { principalArn } }', { token: bad });
      expect(answer.status).toBe(401);
      expect(answer.errors?.[0]?.extensions?.['code']).toBe('Unauthenticated');
    }
    expect(jwksRequests).toBeLessThanOrEqual(3);
  });

  it('lets signIn and refreshSession through without credentials, as anonymous requests with the source address', async () => {
    for (const query of [
      'mutation { signIn(account: "acme") { requestId sourceIp hasCaller } }',
      'mutation { refreshSession(token: "x") { requestId sourceIp hasCaller } }',
    ]) {
      const answer = await postGraphQL<Record<string, { sourceIp: string; hasCaller: boolean }>>(
        gateway,
        query,
        { token: null, headers: { 'x-request-id': 'anon-1' } },
      );
      expect(answer.status).toBe(200);
      expect(Object.values(answer.data ?? {})[0]).toEqual({
        requestId: 'anon-1',
        sourceIp: '127.0.0.1',
        hasCaller: false,
      });
    }
  });

  it('lets nothing else through without credentials', async () => {
    for (const query of [
      '{ whoAmI { principalArn } }',
      'mutation { signOut }',
      'mutation { signIn(account: "a") { sourceIp } signOut }',
      'mutation { a: signIn(account: "a") { sourceIp } b: signIn(account: "b") { sourceIp } }',
    ]) {
      const answer = await postGraphQL(gateway, query, { token: null });
      expect(answer.status).toBe(401);
      expect(answer.errors?.[0]?.extensions?.['code']).toBe('Unauthenticated');
    }
  });

  it('refuses a revoked session’s token within the polling interval, and keeps other sessions working', async () => {
    const revokedToken = await token({ sid: 'session-revoked' });
    const otherToken = await token({ sid: 'session-other' });
    const whoAmI = (bearer: string) =>
      postGraphQL(gateway, '{ whoAmI { principalArn } }', { token: bearer });
    expect((await whoAmI(revokedToken)).status).toBe(200);
    const readsBefore = revocationReads;
    revokedSessions.push('session-revoked');
    await expect
      .poll(async () => (await whoAmI(revokedToken)).status, { timeout: 3_000, interval: 50 })
      .toBe(401);
    expect(revocationReads).toBeGreaterThan(readsBefore);
    expect((await whoAmI(otherToken)).status).toBe(200);
  });

  it('serves the revocation list only to the gateway (internal request token)', async () => {
    const identityUrl = new URL(gateway.subgraphs.find((s) => s.name === 'identity')!.url);
    const plain = await fetch(new URL('/internal/session-revocations?since=x', identityUrl));
    expect(plain.status).toBe(401);
    const withCaller = await fetch(new URL('/internal/session-revocations?since=x', identityUrl), {
      headers: { 'x-iam-internal': 'forged.token' },
    });
    expect(withCaller.status).toBe(401);
  });
});
