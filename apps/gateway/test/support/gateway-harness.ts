import { randomBytes } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
// eslint-disable-next-line @nx/enforce-module-boundaries -- the compose script is a plain tool file, not an Nx project
import { composeSupergraph, SUBGRAPHS } from '../../../../tools/scripts/compose-supergraph.mjs';
import { createLogger, generateCallerKeyPair, parseCallerVerifyKey } from '@iam/service-kit';
import { createGateway, loadGatewayConfig } from '../../src/gateway.js';
import type { RunningGateway } from '../../src/gateway.js';
import type { TestSubgraph } from './test-subgraphs.js';

/**
 * Fresh secrets per test file, nothing hard-coded: the gateway's caller key pair (`signingKey`, the private key as
 * `IAM_CALLER_SIGNING_PRIVATE_KEY` takes it, for the gateway only; `verifyKey`, the public key, for subgraphs) and
 * the platform administrator token.
 */
export function testSecrets(): {
  signingKey: string;
  publicKey: string;
  verifyKey: KeyObject;
  adminToken: string;
} {
  const pair = generateCallerKeyPair();
  return {
    signingKey: pair.privateKey,
    publicKey: pair.publicKey,
    verifyKey: parseCallerVerifyKey(pair.publicKey),
    adminToken: randomBytes(32).toString('base64url'),
  };
}

/**
 * Composes the test subgraphs with the same code as `tools/scripts/compose-supergraph.mjs`, with the default
 * (committed) URLs, so that the gateway must apply its SUBGRAPH_*_URL overrides to reach them.
 */
export function composeTestSupergraph(subgraphs: readonly TestSubgraph[]): string {
  const result = composeSupergraph(
    subgraphs.map((s) => {
      const target = SUBGRAPHS.find((t) => t.name === s.name);
      if (!target) throw new Error(`unknown subgraph ${s.name}`);
      return { name: s.name, url: target.url, sdl: s.sdl };
    }),
  );
  if (!result.ok) throw new Error(`composition failed:\n${result.errors.join('\n')}`);
  return result.supergraphSdl;
}

/** Starts a gateway on an ephemeral port with the given environment on top of the required variables. */
export async function startTestGateway(options: {
  supergraphSdl: string;
  signingKey: string;
  adminToken: string;
  env?: Record<string, string>;
}): Promise<RunningGateway> {
  const config = loadGatewayConfig({
    GATEWAY_PORT: '0',
    IAM_CALLER_SIGNING_PRIVATE_KEY: options.signingKey,
    IAM_PLATFORM_ADMIN_TOKEN: options.adminToken,
    NODE_ENV: 'test',
    ...options.env,
  });
  return createGateway({
    config,
    supergraphSdl: options.supergraphSdl,
    logger: createLogger('gateway-test', process.env['LOG_LEVEL'] ?? 'silent'),
  });
}

/** A GraphQL answer with the HTTP details the tests assert on. */
export interface GraphQLAnswer<T = Record<string, unknown>> {
  readonly status: number;
  readonly headers: Headers;
  readonly data?: T | null;
  readonly errors?: { message: string; extensions?: Record<string, unknown> }[];
}

/** POSTs a GraphQL request to the gateway. `token: null` sends no Authorization header. */
export async function postGraphQL<T = Record<string, unknown>>(
  gateway: RunningGateway,
  query: string,
  options: {
    token: string | null;
    variables?: Record<string, unknown>;
    headers?: Record<string, string>;
  },
): Promise<GraphQLAnswer<T>> {
  const response = await fetch(`${gateway.url}/graphql`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/graphql-response+json, application/json',
      ...(options.token === null ? {} : { authorization: `Bearer ${options.token}` }),
      ...options.headers,
    },
    body: JSON.stringify({ query, variables: options.variables ?? {} }),
  });
  const body = (await response.json()) as Omit<GraphQLAnswer<T>, 'status' | 'headers'>;
  return { status: response.status, headers: response.headers, ...body };
}
