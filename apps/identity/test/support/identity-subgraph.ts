import { generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll } from 'vitest';
import type { DynamicModule } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import type { CallerContext, Clock } from '@iam/common';
import {
  ANONYMOUS_REQUEST_ARN,
  ANONYMOUS_REQUEST_HEADER,
  bootstrapSubgraph,
} from '@iam/graphql-kit';
import type { RunningSubgraph } from '@iam/graphql-kit';
import { Outbox } from '@iam/messaging';
import type { OutboxRelay } from '@iam/messaging';
import type { Logger } from '@iam/service-kit';
import {
  CALLER_HEADER,
  SecretBox,
  createLogger,
  generateDataKey,
  signCallerToken,
  signGatewayToken,
} from '@iam/service-kit';
import type { EffectivePolicySource } from '@iam/authorization';
import { TestAdministratorsPolicySource } from '@iam/authorization';
import { AuthorizationModule } from '@iam/service-host';
import { IdentityAppModule } from '../../src/app.module.js';
import { IdentitySettings } from '../../src/identity-settings.js';

/** The stand-in gateway's key pair: the subgraphs started here trust what it signs. */
const { privateKey: SIGNING_KEY, publicKey: VERIFY_KEY } = generateKeyPairSync('ed25519');

export const TEST_LOGGER = createLogger('identity-test', 'silent');

/** A GraphQL answer as the subgraph sends it. */
export interface GraphQLAnswer<T> {
  data?: T;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

/** A relay that is never asked to do anything in these tests (nothing reads the outbox). */
export const IDLE_RELAY = { notify: () => undefined } as unknown as OutboxRelay;

/**
 * The identity application module on a test database: a fresh data key, `logger` (default: the test logger), `clock`
 * if given, and an authorizer over `policies` (default: the root and the platform administrator hold
 * AdministratorAccess).
 */
export function identityTestModule(
  dataSource: DataSource,
  clock?: Clock,
  policies: EffectivePolicySource = new TestAdministratorsPolicySource(),
  logger: Logger = TEST_LOGGER,
): DynamicModule {
  return IdentityAppModule.register({
    authorization: AuthorizationModule.withSource(policies),
    dataSource,
    outbox: new Outbox('identity'),
    relay: IDLE_RELAY,
    settings: new IdentitySettings('aws'),
    secretBox: new SecretBox([generateDataKey()]),
    logger,
    production: false,
    readinessChecks: [],
    clock,
  });
}

/** Starts `module` as the identity subgraph on a free local port, trusting the stand-in gateway's key. */
export function startIdentitySubgraph(module: DynamicModule): Promise<RunningSubgraph> {
  return bootstrapSubgraph({
    module,
    host: '127.0.0.1',
    port: 0,
    name: 'identity',
    callerVerifyKey: VERIFY_KEY,
    logger: TEST_LOGGER,
  });
}

/** The header the gateway sends for a request of `caller`. */
export function callerHeader(caller: CallerContext): Record<string, string> {
  return {
    [CALLER_HEADER]: signCallerToken(
      caller,
      'identity',
      SIGNING_KEY,
      Math.floor(Date.now() / 1000),
    ),
  };
}

/** The header the gateway sends for an anonymous request (sign-in) from `sourceIp`. */
export function anonymousHeader(sourceIp: string): Record<string, string> {
  const caller: CallerContext = {
    requestId: 'anon-test',
    principalType: 'service',
    principalArn: ANONYMOUS_REQUEST_ARN,
    accountId: null,
    context: { 'aws:SourceIp': sourceIp },
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

/** Posts a GraphQL request to `subgraph` with `header` (see {@link callerHeader}, {@link anonymousHeader}). */
export async function postGraphql<T>(
  subgraph: RunningSubgraph,
  header: Record<string, string>,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<GraphQLAnswer<T>> {
  const response = await fetch(`${subgraph.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...header },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as GraphQLAnswer<T>;
}

/**
 * Registers the hooks of a suite that calls the identity subgraph (wired as the application wires it) on the suite's
 * database `env` (filled in by `useIdentityDatabase`'s earlier hook): started before the suite's tests, closed after.
 * Answers `graphql(caller, query, variables)`, a request as the gateway would send it for `caller`.
 */
export function useIdentitySubgraph(env: { readonly dataSource: DataSource }, logger?: Logger) {
  let subgraph: RunningSubgraph | undefined;
  beforeAll(async () => {
    subgraph = await startIdentitySubgraph(
      identityTestModule(env.dataSource, undefined, undefined, logger),
    );
  });
  afterAll(async () => {
    await subgraph?.close();
  });
  return {
    graphql: <T>(caller: CallerContext, query: string, variables: Record<string, unknown> = {}) =>
      postGraphql<T>(subgraph!, callerHeader(caller), query, variables),
  };
}
