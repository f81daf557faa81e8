import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccountId } from '@iam/common';
import { CONSISTENCY_TOKEN_CONTEXT_KEY, revisionToken } from '@iam/common';
import { CALLER_HEADER, createLogger, verifyCallerToken } from '@iam/service-kit';
import { createGateway } from '../../src/gateway.js';
import type { RunningGateway } from '../../src/gateway.js';
import { QUERY_LIMITS } from '../../src/runtime/gateway-runtime.js';
import {
  composeTestSupergraph,
  postGraphQL,
  startTestGateway,
  testSecrets,
} from '../support/gateway-harness.js';
import { startTestSubgraphs } from '../support/test-subgraphs.js';
import type { TestSubgraph } from '../support/test-subgraphs.js';

interface WhoAmIData {
  whoAmI: {
    principalType: string;
    principalArn: string;
    accountId: string | null;
    requestId: string;
    sourceIp: string;
  };
  auditCaller: { principalArn: string; requestId: string };
}

const WHO_AM_I = `query WhoAmI { whoAmI { principalType principalArn accountId requestId sourceIp } auditCaller { principalArn requestId } }`;

/** `{ nested { child { child … { depth } } } }` with `depth` field levels in total. */
function nestedQuery(depth: number): string {
  let selection = 'depth';
  for (let level = depth - 1; level >= 2; level--) selection = `child { ${selection} }`;
  return `{ nested { ${selection} } }`;
}

function aliasedQuery(aliases: number): string {
  return `{ ${Array.from({ length: aliases }, (_, i) => `a${i}: whoAmI { requestId }`).join(' ')} }`;
}

/** Sends a chunked body (no content-length) so that the limit must be enforced while streaming. */
function postChunked(
  url: string,
  token: string,
  chunks: number,
  chunkBytes: number,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      `${url}/graphql`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      },
      (res) => {
        let body = '';
        res.on('data', (d: Buffer) => (body += d.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on('error', reject);
    const chunk = Buffer.alloc(chunkBytes, 0x20);
    let sent = 0;
    const pump = () => {
      while (sent < chunks) {
        sent++;
        if (!req.write(chunk)) return void req.once('drain', pump);
      }
      req.end('"}');
    };
    // Padding inside the query string: ignored by the parser, counted by the limit.
    req.write('{"query":"{ whoAmI { requestId } }');
    pump();
  });
}

describe('gateway', () => {
  const { signingKey, verifyKey, adminToken } = testSecrets();
  let identity: TestSubgraph;
  let audit: TestSubgraph;
  let supergraphSdl: string;
  let gateway: RunningGateway;
  let production: RunningGateway;

  beforeAll(async () => {
    ({ identity, audit } = await startTestSubgraphs(verifyKey));
    supergraphSdl = composeTestSupergraph([identity, audit]);
    const overrides = { SUBGRAPH_IDENTITY_URL: identity.url, SUBGRAPH_AUDIT_URL: audit.url };
    [gateway, production] = await Promise.all([
      startTestGateway({ supergraphSdl, signingKey, adminToken, env: overrides }),
      startTestGateway({
        supergraphSdl,
        signingKey,
        adminToken,
        env: { ...overrides, NODE_ENV: 'production' },
      }),
    ]);
  });

  afterAll(async () => {
    await Promise.all([gateway?.close(), production?.close()]);
    await Promise.all([identity?.close(), audit?.close()]);
  });

  describe('startup', () => {
    it('starts from a raw environment, as the embedded runner does', async () => {
      const fromEnv = await createGateway({
        env: {
          GATEWAY_PORT: '0',
          IAM_CALLER_SIGNING_PRIVATE_KEY: signingKey,
          IAM_PLATFORM_ADMIN_TOKEN: adminToken,
          SUBGRAPH_IDENTITY_URL: identity.url,
          SUBGRAPH_AUDIT_URL: audit.url,
        },
        supergraphSdl,
        logger: createLogger('gateway-test', 'silent'),
      });
      try {
        expect(fromEnv.subgraphs).toEqual([
          { name: 'audit', url: audit.url },
          { name: 'identity', url: identity.url },
        ]);
        const answer = await postGraphQL<WhoAmIData>(fromEnv, WHO_AM_I, { token: adminToken });
        expect(answer.data?.auditCaller.principalArn).toBe('arn:aws:iam::platform:admin');
      } finally {
        await fromEnv.close();
      }
    });

    it('refuses to start without a supergraph', async () => {
      await expect(
        startTestGateway({ supergraphSdl: 'type Query { a: Int }', signingKey, adminToken }),
      ).rejects.toThrow(/declares no subgraphs/);
    });
  });

  describe('authentication', () => {
    it('passes the platform administrator to every subgraph in a signed caller header', async () => {
      const before = { identity: identity.received.length, audit: audit.received.length };
      const answer = await postGraphQL<WhoAmIData>(gateway, WHO_AM_I, { token: adminToken });

      expect(answer.status).toBe(200);
      expect(answer.errors).toBeUndefined();
      const requestId = answer.headers.get('x-request-id');
      expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
      expect(answer.data?.whoAmI).toEqual({
        principalType: 'platform-admin',
        principalArn: 'arn:aws:iam::platform:admin',
        accountId: null,
        requestId,
        sourceIp: '127.0.0.1',
      });
      expect(answer.data?.auditCaller).toEqual({
        principalArn: 'arn:aws:iam::platform:admin',
        requestId,
      });

      const identityRequest = identity.received[before.identity];
      const auditRequest = audit.received[before.audit];
      expect(identity.received).toHaveLength(before.identity + 1);
      expect(audit.received).toHaveLength(before.audit + 1);
      for (const received of [identityRequest!, auditRequest!]) {
        expect(received.headers['x-request-id']).toBe(requestId);
        expect(received.caller.context).toMatchObject({
          'aws:SourceIp': '127.0.0.1',
          'aws:SecureTransport': 'false',
        });
        expect(Date.parse(String(received.caller.context['aws:CurrentTime']))).not.toBeNaN();
      }
    });

    it('resolves an entity across subgraphs with the caller on both hops', async () => {
      const before = { identity: identity.received.length, audit: audit.received.length };
      const answer = await postGraphQL<{
        user: { name: string; path: string; eventCount: number };
      }>(gateway, `{ user(name: "alice") { name path eventCount } }`, { token: adminToken });
      expect(answer.errors).toBeUndefined();
      expect(answer.data?.user).toEqual({ name: 'alice', path: '/', eventCount: 5 });
      expect(audit.received[before.audit]?.caller.principalArn).toBe('arn:aws:iam::platform:admin');
      expect(identity.received[before.identity]?.caller.principalArn).toBe(
        'arn:aws:iam::platform:admin',
      );
    });

    it.each<{ title: string; headers: Record<string, string> }>([
      { title: 'no Authorization header', headers: {} },
      { title: 'a wrong bearer token', headers: { authorization: `Bearer ${'x'.repeat(43)}` } },
      {
        title: 'the token with a different scheme',
        headers: { authorization: `Basic ${'x'.repeat(43)}` },
      },
      { title: 'an empty bearer token', headers: { authorization: 'Bearer ' } },
    ])('refuses $title with 401 Unauthenticated and reaches no subgraph', async ({ headers }) => {
      const before = identity.received.length + identity.refused.length;
      const answer = await postGraphQL(gateway, WHO_AM_I, { token: null, headers });
      expect(answer.status).toBe(401);
      expect(answer.errors?.[0]?.extensions?.['code']).toBe('Unauthenticated');
      expect(answer.data).toBeUndefined();
      expect(identity.received.length + identity.refused.length).toBe(before);
    });

    it('refuses a token that only shares a prefix with the admin token', async () => {
      const answer = await postGraphQL(gateway, WHO_AM_I, { token: `${adminToken}x` });
      expect(answer.status).toBe(401);
      expect(answer.errors?.[0]?.extensions?.['code']).toBe('Unauthenticated');
    });
  });

  describe('headers sent to subgraphs', () => {
    it('replaces a client-sent x-iam-caller and forwards no other client header', async () => {
      const before = identity.received.length;
      const forged = 'eyJ2IjoxfQ.forged-signature';
      const answer = await postGraphQL<WhoAmIData>(gateway, WHO_AM_I, {
        token: adminToken,
        headers: { [CALLER_HEADER]: forged, 'x-custom': 'leak', cookie: 'session=1' },
      });
      expect(answer.status).toBe(200);
      expect(identity.refused).toHaveLength(0);
      const received = identity.received[before]!;
      const header = received.headers[CALLER_HEADER];
      expect(header).not.toBe(forged);
      const now = Math.floor(Date.now() / 1000);
      expect(verifyCallerToken(String(header), 'identity', verifyKey, now).principalArn).toBe(
        'arn:aws:iam::platform:admin',
      );
      expect(received.headers['authorization']).toBeUndefined();
      expect(received.headers['x-custom']).toBeUndefined();
      expect(received.headers['cookie']).toBeUndefined();
    });

    it('carries a client X-Iam-Consistency token in the signed caller context of every subgraph', async () => {
      const token = revisionToken('111122223333' as AccountId, 7n);
      const before = { identity: identity.received.length, audit: audit.received.length };
      const answer = await postGraphQL<WhoAmIData>(gateway, WHO_AM_I, {
        token: adminToken,
        headers: { 'x-iam-consistency': token },
      });
      expect(answer.status).toBe(200);
      for (const received of [identity.received[before.identity]!, audit.received[before.audit]!]) {
        expect(received.caller.context[CONSISTENCY_TOKEN_CONTEXT_KEY]).toBe(token);
        // Not as a header of its own: only the signed context counts.
        expect(received.headers['x-iam-consistency']).toBeUndefined();
      }
      const without = await postGraphQL<WhoAmIData>(gateway, WHO_AM_I, { token: adminToken });
      expect(without.status).toBe(200);
      expect(
        identity.received.at(-1)!.caller.context[CONSISTENCY_TOKEN_CONTEXT_KEY],
      ).toBeUndefined();
    });

    it('refuses a malformed X-Iam-Consistency token with InvalidInput, before any subgraph', async () => {
      const before = identity.received.length;
      const answer = await postGraphQL(gateway, WHO_AM_I, {
        token: adminToken,
        headers: { 'x-iam-consistency': 'rv1.not-a-token' },
      });
      expect(answer.status).toBe(400);
      expect(answer.errors?.[0]?.extensions?.['code']).toBe('InvalidInput');
      expect(identity.received).toHaveLength(before);
    });

    it('signs each subgraph its own short-lived token: one for audit never opens identity', async () => {
      const [identityBefore, auditBefore] = [identity.received.length, audit.received.length];
      const answer = await postGraphQL<WhoAmIData>(gateway, WHO_AM_I, { token: adminToken });
      expect(answer.status).toBe(200);
      const toIdentity = String(identity.received[identityBefore]!.headers[CALLER_HEADER]);
      const toAudit = String(audit.received[auditBefore]!.headers[CALLER_HEADER]);
      const now = Math.floor(Date.now() / 1000);
      expect(verifyCallerToken(toAudit, 'audit', verifyKey, now).principalArn).toBe(
        'arn:aws:iam::platform:admin',
      );
      expect(() => verifyCallerToken(toAudit, 'identity', verifyKey, now)).toThrow(
        'wrong audience',
      );
      expect(() => verifyCallerToken(toIdentity, 'audit', verifyKey, now)).toThrow(
        'wrong audience',
      );
      // Replayed to the other subgraph, the captured token is refused there.
      const refusedBefore = identity.refused.length;
      const replay = await fetch(identity.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [CALLER_HEADER]: toAudit },
        body: JSON.stringify({ query: '{ whoAmI { principalArn } }' }),
      });
      expect(replay.status).toBe(401);
      expect(identity.refused).toHaveLength(refusedBefore + 1);
    });

    it('echoes a well-formed client request id and passes it to subgraphs and the caller context', async () => {
      const before = identity.received.length;
      const answer = await postGraphQL<WhoAmIData>(gateway, WHO_AM_I, {
        token: adminToken,
        headers: { 'x-request-id': 'client-req.42_A' },
      });
      expect(answer.headers.get('x-request-id')).toBe('client-req.42_A');
      expect(answer.data?.whoAmI.requestId).toBe('client-req.42_A');
      expect(identity.received[before]?.headers['x-request-id']).toBe('client-req.42_A');
    });

    it.each([
      { title: 'with a space', value: 'bad id' },
      { title: 'longer than 64 characters', value: 'a'.repeat(65) },
      { title: 'with a newline-like character', value: 'id;drop' },
    ])('replaces a request id $title with a generated UUID', async ({ value }) => {
      const answer = await postGraphQL(gateway, WHO_AM_I, {
        token: adminToken,
        headers: { 'x-request-id': value },
      });
      const echoed = answer.headers.get('x-request-id');
      expect(echoed).not.toBe(value);
      expect(echoed).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    });

    it('echoes the request id on refused requests too', async () => {
      const answer = await postGraphQL(gateway, WHO_AM_I, {
        token: null,
        headers: { 'x-request-id': 'refused-1' },
      });
      expect(answer.status).toBe(401);
      expect(answer.headers.get('x-request-id')).toBe('refused-1');
    });
  });

  describe('errors', () => {
    it("passes a subgraph's extensions.code to the client unchanged", async () => {
      const answer = await postGraphQL(gateway, `{ user(name: "missing") { name } }`, {
        token: adminToken,
      });
      expect(answer.status).toBe(200);
      expect(answer.data).toEqual({ user: null });
      expect(answer.errors).toHaveLength(1);
      expect(answer.errors?.[0]?.message).toBe('the user with name `missing` cannot be found');
      expect(answer.errors?.[0]?.extensions?.['code']).toBe('NoSuchEntity');
      expect(answer.errors?.[0]?.extensions?.['serviceName']).toBeUndefined();
    });
  });

  describe('error codes', () => {
    // Every error carries a code from docs/errors.md with its category and status, and nothing internal.
    const CLIENT_EXTENSIONS = ['category', 'code', 'details', 'status'];

    function expectCatalogued(
      errors: { message: string; extensions?: Record<string, unknown> }[] | undefined,
      code: string,
      status: number,
    ): void {
      expect(errors?.length).toBeGreaterThan(0);
      for (const error of errors ?? []) {
        expect(error.extensions).toMatchObject({ code, status });
        expect(typeof error.extensions?.['category']).toBe('string');
        for (const name of Object.keys(error.extensions ?? {})) {
          expect(CLIENT_EXTENSIONS).toContain(name);
        }
      }
    }

    async function rejectedBeforeSubgraphs(
      query: string,
      variables?: Record<string, unknown>,
    ): Promise<{ message: string; extensions?: Record<string, unknown> }[] | undefined> {
      const before = identity.received.length;
      const answer = await postGraphQL(gateway, query, {
        token: adminToken,
        ...(variables ? { variables } : {}),
      });
      expect(answer.data ?? null).toBeNull();
      expect(answer.status).toBe(400);
      expect(identity.received).toHaveLength(before);
      return answer.errors;
    }

    it.each([
      { title: 'a query over the depth limit', query: nestedQuery(QUERY_LIMITS.maxDepth + 1) },
      { title: 'a query over the aliases limit', query: aliasedQuery(QUERY_LIMITS.maxAliases + 1) },
      {
        title: 'a query over the directives limit',
        query: `{ whoAmI { ${'requestId @include(if: true) '.repeat(QUERY_LIMITS.maxDirectives + 1)} } }`,
      },
      {
        title: 'a query over the cost limit',
        query: `{ nested(first: ${QUERY_LIMITS.maxCost}) { depth } }`,
      },
      {
        title: 'a query over the token limit',
        query: `{ whoAmI { ${'requestId '.repeat(QUERY_LIMITS.maxTokens)} } }`,
      },
    ])('answers $title with ValidationError (400)', async ({ query }) => {
      const errors = await rejectedBeforeSubgraphs(query);
      expectCatalogued(errors, 'ValidationError', 400);
      expect(errors?.[0]?.message).toMatch(/limit/i);
    });

    it('answers a document that does not parse with MalformedQueryString (400)', async () => {
      expectCatalogued(await rejectedBeforeSubgraphs('{ whoAmI {'), 'MalformedQueryString', 400);
    });

    it('answers an unknown field with ValidationError (400)', async () => {
      expectCatalogued(
        await rejectedBeforeSubgraphs('{ whoAmI { nope } }'),
        'ValidationError',
        400,
      );
    });

    it('answers a subscription, which the graph does not serve, with ValidationError (400)', async () => {
      expectCatalogued(
        await rejectedBeforeSubgraphs('subscription { whoAmI { requestId } }'),
        'ValidationError',
        400,
      );
    });

    it('answers an Int variable over 2^31 - 1 with InvalidInput (400)', async () => {
      const errors = await rejectedBeforeSubgraphs(
        'query Q($n: Int) { nested(first: $n) { depth } }',
        { n: 2 ** 31 },
      );
      expectCatalogued(errors, 'InvalidInput', 400);
      expect(errors?.[0]?.message).toMatch(/\$n/);
    });

    it('answers a body that is not JSON with InvalidInput (400) and no originalError', async () => {
      const response = await fetch(`${gateway.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${adminToken}` },
        body: '{"query": "{ whoAmI { requestId } }"',
      });
      expect(response.status).toBe(400);
      const body = (await response.json()) as {
        errors: { message: string; extensions?: Record<string, unknown> }[];
      };
      expectCatalogued(body.errors, 'InvalidInput', 400);
      expect(JSON.stringify(body)).not.toMatch(/originalError|SyntaxError/);
    });

    it('answers a text/plain body with 415 and an UnsupportedMediaType GraphQL error', async () => {
      const response = await fetch(`${gateway.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'text/plain', authorization: `Bearer ${adminToken}` },
        body: '{ whoAmI { requestId } }',
      });
      expect(response.status).toBe(415);
      expect(response.headers.get('content-type')).toMatch(/application\/json/);
      expect(response.headers.get('x-request-id')).toBeTruthy();
      const body = (await response.json()) as {
        errors: { message: string; extensions?: Record<string, unknown> }[];
      };
      expectCatalogued(body.errors, 'UnsupportedMediaType', 415);
    });

    it('answers an Accept header with no GraphQL response type with 406 and a NotAcceptable error', async () => {
      const response = await fetch(`${gateway.url}/graphql`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'image/png',
          authorization: `Bearer ${adminToken}`,
        },
        body: JSON.stringify({ query: '{ whoAmI { requestId } }' }),
      });
      expect(response.status).toBe(406);
      const body = (await response.json()) as {
        errors: { message: string; extensions?: Record<string, unknown> }[];
      };
      expectCatalogued(body.errors, 'NotAcceptable', 406);
    });
  });

  describe('limits', () => {
    it(`accepts a query of depth ${QUERY_LIMITS.maxDepth}`, async () => {
      const answer = await postGraphQL(gateway, nestedQuery(QUERY_LIMITS.maxDepth), {
        token: adminToken,
      });
      expect(answer.errors).toBeUndefined();
      expect(answer.status).toBe(200);
    });

    it(`rejects a query of depth ${QUERY_LIMITS.maxDepth + 1} before any subgraph is called`, async () => {
      const before = identity.received.length;
      const answer = await postGraphQL(gateway, nestedQuery(QUERY_LIMITS.maxDepth + 1), {
        token: adminToken,
      });
      expect(answer.data ?? null).toBeNull();
      expect(answer.errors?.[0]?.message).toMatch(/depth limit/i);
      expect(identity.received).toHaveLength(before);
    });

    it(`accepts ${QUERY_LIMITS.maxAliases} aliases and rejects ${QUERY_LIMITS.maxAliases + 1}`, async () => {
      const ok = await postGraphQL(gateway, aliasedQuery(QUERY_LIMITS.maxAliases), {
        token: adminToken,
      });
      expect(ok.errors).toBeUndefined();
      const before = identity.received.length;
      const tooMany = await postGraphQL(gateway, aliasedQuery(QUERY_LIMITS.maxAliases + 1), {
        token: adminToken,
      });
      expect(tooMany.data ?? null).toBeNull();
      expect(tooMany.errors?.[0]?.message).toMatch(/aliases limit/i);
      expect(identity.received).toHaveLength(before);
    });

    it('rejects a body over the limit with 413 (declared content-length)', async () => {
      const response = await fetch(`${gateway.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${adminToken}` },
        body: JSON.stringify({ query: '{ whoAmI { requestId } }', padding: ' '.repeat(102_400) }),
      });
      expect(response.status).toBe(413);
      const body = (await response.json()) as { errors: { extensions: { code: string } }[] };
      expect(body.errors[0]?.extensions.code).toBe('RequestEntityTooLarge');
    });

    it('rejects a chunked body as soon as it passes the limit, while streaming', async () => {
      const answer = await postChunked(gateway.url, adminToken, 64, 4_096);
      expect(answer.status).toBe(413);
      expect(JSON.parse(answer.body)).toMatchObject({
        errors: [{ extensions: { code: 'RequestEntityTooLarge' } }],
      });
    });

    it('accepts a chunked body under the limit', async () => {
      const answer = await postChunked(gateway.url, adminToken, 4, 1_024);
      expect(JSON.parse(answer.body)).toMatchObject({
        data: { whoAmI: { requestId: expect.any(String) } },
      });
      expect(answer.status).toBe(200);
    });
  });

  describe('production mode', () => {
    const INTROSPECTION = `{ __schema { queryType { name } } }`;

    it('answers introspection outside production', async () => {
      const answer = await postGraphQL<{ __schema: { queryType: { name: string } } }>(
        gateway,
        INTROSPECTION,
        {
          token: adminToken,
        },
      );
      expect(answer.errors).toBeUndefined();
      expect(answer.data?.__schema.queryType.name).toBe('Query');
    });

    it('refuses introspection in production', async () => {
      const answer = await postGraphQL(production, INTROSPECTION, { token: adminToken });
      expect(answer.data ?? null).toBeNull();
      expect(answer.errors?.[0]?.message).toMatch(/introspection/i);
    });

    it('serves the GraphQL IDE outside production and no GET at all in production', async () => {
      const ide = await fetch(`${gateway.url}/graphql`, { headers: { accept: 'text/html' } });
      expect(ide.status).toBe(200);
      expect(ide.headers.get('content-type')).toMatch(/text\/html/);
      await ide.body?.cancel();
      const refused = await fetch(`${production.url}/graphql`, {
        headers: { accept: 'text/html' },
      });
      expect(refused.status).toBe(405);
      await refused.body?.cancel();
    });

    it('requires credentials for a GET query outside production', async () => {
      const response = await fetch(
        `${gateway.url}/graphql?query=${encodeURIComponent('{ whoAmI { requestId } }')}`,
      );
      expect(response.status).toBe(401);
      await response.body?.cancel();
    });

    it('hides field suggestions in production only', async () => {
      const dev = await postGraphQL(gateway, `{ whoAmi { requestId } }`, { token: adminToken });
      expect(dev.errors?.[0]?.message).toMatch(/Did you mean/);
      const prod = await postGraphQL(production, `{ whoAmi { requestId } }`, { token: adminToken });
      expect(prod.errors?.[0]?.message).toBeDefined();
      expect(prod.errors?.[0]?.message).not.toMatch(/Did you mean/);
      expect(prod.errors?.[0]?.message).not.toMatch(/whoAmI/);
    });
  });

  describe('health', () => {
    it('answers /health/live', async () => {
      const response = await fetch(`${gateway.url}/health/live`);
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ status: 'ok' });
    });

    it('answers /health/ready when every subgraph is ready', async () => {
      const response = await fetch(`${gateway.url}/health/ready`);
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({
        status: 'ok',
        // In supergraph order (join__Graph is sorted by name).
        checks: [
          { name: 'audit', status: 'ok' },
          { name: 'identity', status: 'ok' },
        ],
      });
    });

    describe('with a subgraph that cannot be reached', () => {
      let broken: RunningGateway;

      beforeAll(async () => {
        broken = await startTestGateway({
          supergraphSdl,
          signingKey,
          adminToken,
          env: {
            SUBGRAPH_IDENTITY_URL: identity.url,
            SUBGRAPH_AUDIT_URL: 'http://127.0.0.1:9/graphql',
          },
        });
      });

      afterAll(async () => {
        await broken?.close();
      });

      it('answers 503 naming the subgraph that is not ready', async () => {
        const response = await fetch(`${broken.url}/health/ready`);
        expect(response.status).toBe(503);
        expect(await response.json()).toEqual({
          status: 'failing',
          checks: [
            { name: 'audit', status: 'failing' },
            { name: 'identity', status: 'ok' },
          ],
        });
      });

      it('answers ServiceUnavailable without internal detail, and still serves the other subgraph', async () => {
        const failed = await postGraphQL(broken, `{ auditCaller { requestId } }`, {
          token: adminToken,
        });
        expect(failed.status).toBe(200);
        expect(failed.data).toBeNull();
        expect(failed.errors).toHaveLength(1);
        expect(failed.errors?.[0]?.extensions).toEqual({
          code: 'ServiceUnavailable',
          category: 'UNAVAILABLE',
        });
        expect(JSON.stringify(failed.errors)).not.toMatch(
          /127\.0\.0\.1|ECONNREFUSED|serviceName|:9\b/,
        );

        const served = await postGraphQL<WhoAmIData>(broken, `{ whoAmI { principalArn } }`, {
          token: adminToken,
        });
        expect(served.errors).toBeUndefined();
        expect(served.data?.whoAmI.principalArn).toBe('arn:aws:iam::platform:admin');
      });
    });
  });
});
