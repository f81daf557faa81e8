import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningGateway } from '../../src/gateway.js';
import {
  composeTestSupergraph,
  startTestGateway,
  testSecrets,
} from '../support/gateway-harness.js';
import { startTestSubgraphs } from '../support/test-subgraphs.js';
import type { TestSubgraph } from '../support/test-subgraphs.js';

// The lean path (ADR 0012) must be invisible: every request answered exactly as the federated runtime answers it
// (status, content type, body), with the same caller on the subgraph. Two gateways over the same subgraphs, one with
// the path and one without, answer the same requests.

interface Exchange {
  status: number;
  contentType: string | null;
  body: string;
}

async function exchange(
  gateway: RunningGateway,
  token: string,
  body: string,
  headers: Record<string, string> = {},
): Promise<Exchange> {
  const response = await fetch(`${gateway.url}/graphql`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${token}`,
      'x-request-id': 'fixed-request-id-0001',
      ...headers,
    },
    body,
  });
  return {
    status: response.status,
    contentType: response.headers.get('content-type'),
    body: await response.text(),
  };
}

const CASES: { name: string; body: unknown; headers?: Record<string, string> }[] = [
  {
    name: 'a query one subgraph resolves',
    body: { query: '{ whoAmI { principalArn requestId } }' },
  },
  {
    name: 'with an operation name and variables',
    body: {
      query: 'query Who($n: Int) { nested(first: $n) { depth child { depth } } }',
      variables: { n: 2 },
      operationName: 'Who',
    },
  },
  {
    name: 'asking for application/graphql-response+json',
    body: { query: '{ whoAmI { requestId } }' },
    headers: { accept: 'application/graphql-response+json' },
  },
  {
    name: 'asking for application/json',
    body: { query: '{ whoAmI { requestId } }' },
    headers: { accept: 'application/json' },
  },
  {
    name: 'accepting anything',
    body: { query: '{ whoAmI { requestId } }' },
    headers: { accept: '*/*' },
  },
  {
    name: 'a subgraph error (answered by the runtime)',
    body: { query: '{ user(name: "missing") { name } }' },
  },
  { name: 'an unknown field', body: { query: '{ whoAmI { nope } }' } },
  {
    name: 'a bad variable',
    body: { query: 'query ($n: Int) { nested(first: $n) { depth } }', variables: { n: 'x' } },
  },
  {
    name: 'a query over two subgraphs',
    body: { query: '{ whoAmI { requestId } auditCaller { requestId } }' },
  },
  {
    name: 'an entity across subgraphs',
    body: { query: '{ user(name: "ann") { name eventCount } }' },
  },
  { name: 'extensions in the body', body: { query: '{ whoAmI { requestId } }', extensions: {} } },
];

describe('the single-subgraph path answers as the federated runtime does', () => {
  const { signingKey, verifyKey, adminToken } = testSecrets();
  let identity: TestSubgraph;
  let audit: TestSubgraph;
  let lean: RunningGateway;
  let federated: RunningGateway;

  beforeAll(async () => {
    ({ identity, audit } = await startTestSubgraphs(verifyKey));
    const supergraphSdl = composeTestSupergraph([identity, audit]);
    const env = { SUBGRAPH_IDENTITY_URL: identity.url, SUBGRAPH_AUDIT_URL: audit.url };
    [lean, federated] = await Promise.all([
      startTestGateway({ supergraphSdl, signingKey, adminToken, env }),
      startTestGateway({
        supergraphSdl,
        signingKey,
        adminToken,
        env: { ...env, GATEWAY_SINGLE_SUBGRAPH_PATH: 'false' },
      }),
    ]);
  });

  afterAll(async () => {
    await Promise.all([lean?.close(), federated?.close()]);
    await Promise.all([identity?.close(), audit?.close()]);
  });

  for (const { name, body, headers } of CASES) {
    it(name, async () => {
      const text = JSON.stringify(body);
      const viaRuntime = await exchange(federated, adminToken, text, headers);
      const viaLean = await exchange(lean, adminToken, text, headers);
      expect(viaLean.status).toBe(viaRuntime.status);
      expect(viaLean.contentType).toBe(viaRuntime.contentType);
      expect(JSON.parse(viaLean.body)).toEqual(JSON.parse(viaRuntime.body));
    });
  }

  it('goes to the subgraph once, with the client body and the same signed caller', async () => {
    const before = identity.received.length;
    const answer = await exchange(
      lean,
      adminToken,
      JSON.stringify({ query: '{ whoAmI { principalArn } }' }),
    );
    expect(answer.status).toBe(200);
    expect(identity.received).toHaveLength(before + 1);
    const seen = identity.received.at(-1);
    // The runtime asks subgraphs for several response types; the lean path for JSON alone.
    expect(seen?.headers['accept']).toBe('application/json');
    expect(seen?.headers['authorization']).toBeUndefined();
    expect(seen?.headers['x-request-id']).toBe('fixed-request-id-0001');
    expect(seen?.caller.principalArn).toBe(JSON.parse(answer.body).data.whoAmI.principalArn);
  });

  it('still refuses an unauthenticated query before any subgraph', async () => {
    const before = identity.received.length + identity.refused.length;
    const answer = await exchange(
      lean,
      'not-a-token',
      JSON.stringify({ query: '{ whoAmI { principalArn } }' }),
    );
    expect(answer.status).toBe(401);
    expect(identity.received.length + identity.refused.length).toBe(before);
  });
});
