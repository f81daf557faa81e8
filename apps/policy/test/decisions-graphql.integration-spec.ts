import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccountId, CallerContext } from '@iam/common';
import { bootstrapSubgraph } from '@iam/graphql-kit';
import type { RunningSubgraph } from '@iam/graphql-kit';
import type { OutboxRelay } from '@iam/messaging';
import { InProcessEventTransport, Outbox } from '@iam/messaging';
import type { SubgraphHostDeps } from '@iam/service-host';
import {
  CALLER_HEADER,
  createLogger,
  generateCallerKeyPair,
  parseCallerSigningKey,
  parseCallerVerifyKey,
  signGatewayToken,
} from '@iam/service-kit';
import type { ServiceTestDatabase } from '@iam/testing';
import { POLICY_SERVICE } from '../src/main.js';
import { decisionsWiring } from '../src/decisions/index.js';
import { TenantTransaction } from '@iam/persistence';
import {
  StoreRows,
  callerOf,
  doc,
  policyTestDatabase,
  userCreated,
} from './support/decisions-support.js';

const A = '975310864200';

describe('decision API over GraphQL (policy subgraph)', () => {
  let env: ServiceTestDatabase;
  let subgraph: RunningSubgraph;
  const keys = generateCallerKeyPair();
  const logger = createLogger('policy-test', 'silent');
  const alice = userCreated(A, 'alice');

  const gql = async <T>(
    caller: CallerContext,
    query: string,
    variables: Record<string, unknown> = {},
  ) => {
    const res = await fetch(`${subgraph.url}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        [CALLER_HEADER]: signGatewayToken(
          'caller',
          caller,
          'policy',
          parseCallerSigningKey(keys.privateKey),
          Math.floor(Date.now() / 1000),
        ),
      },
      body: JSON.stringify({ query, variables }),
    });
    return (await res.json()) as {
      data?: T;
      errors?: { message: string; extensions?: { code?: string } }[];
    };
  };

  beforeAll(async () => {
    env = await policyTestDatabase();
    const deps: SubgraphHostDeps = {
      name: 'policy',
      transport: new InProcessEventTransport(),
      dataSource: env.dataSource,
      outbox: new Outbox('policy'),
      relay: { notify: () => undefined } as unknown as OutboxRelay,
      logger,
      production: false,
      partition: 'aws',
      readinessChecks: [],
      env: { IAM_CALLER_VERIFY_PUBLIC_KEY: keys.publicKey },
    };
    // The consumer the host would run, fed directly.
    const consumer = POLICY_SERVICE.consumers!(deps)[0]!;
    expect(consumer).toBe(decisionsWiring(deps).consumers[0]);
    await new TenantTransaction(env.dataSource).run(A as AccountId, (tx) =>
      consumer.handle(tx, alice),
    );
    await new StoreRows(new TenantTransaction(env.dataSource)).inline(
      A,
      alice.payload.userId,
      'read',
      doc('Allow', 'iam:Get*'),
    );
    subgraph = await bootstrapSubgraph({
      module: POLICY_SERVICE.createModule(deps),
      host: '127.0.0.1',
      port: 0,
      name: 'policy',
      callerVerifyKey: parseCallerVerifyKey(keys.publicKey),
      logger,
    });
  });
  afterAll(async () => {
    await subgraph?.close();
    await env?.close();
  });

  it('answers authorize and authorizeBatch with the real policies of the store', async () => {
    const answer = await gql<{
      authorize: {
        decision: string;
        determiningStatements: { policyId: string }[];
        revision: string;
      };
      authorizeBatch: { decision: string }[];
    }>(
      callerOf(alice.payload.arn),
      `query($p: String!) {
        authorize(input: { principal: $p, action: "iam:GetUser", resource: "*" }) {
          decision determiningStatements { policyId statementIndex effect } revision
        }
        authorizeBatch(requests: [
          { principal: $p, action: "iam:GetRole", resource: "*" },
          { principal: $p, action: "iam:CreateUser", resource: "*" }
        ]) { decision }
      }`,
      { p: alice.payload.arn },
    );
    expect(answer.errors).toBeUndefined();
    expect(answer.data?.authorize).toMatchObject({
      decision: 'Allow',
      determiningStatements: [{ policyId: `${alice.payload.arn}#inline/read` }],
    });
    expect(answer.data?.authorizeBatch.map((a) => a.decision)).toEqual(['Allow', 'ImplicitDeny']);
  });

  it("decides the policy service's own operations with the caller's real policies", async () => {
    // alice holds no `access-analyzer:ValidatePolicy`: the subgraph's own authorizer refuses her.
    const denied = await gql(
      callerOf(alice.payload.arn),
      `{ validatePolicy(policyDocument: "{}", policyType: MANAGED) { valid } }`,
    );
    expect(denied.errors?.[0]?.extensions?.code).toBe('AccessDenied');
  });

  it('answers error codes: LimitExceeded, InvalidInput for a derived key', async () => {
    const requests = Array.from({ length: 101 }, () => ({
      principal: alice.payload.arn,
      action: 'iam:GetUser',
      resource: '*',
    }));
    const tooMany = await gql(
      callerOf(alice.payload.arn),
      `query($r: [AuthorizeRequestInput!]!) { authorizeBatch(requests: $r) { decision } }`,
      { r: requests },
    );
    expect(tooMany.errors?.[0]?.extensions?.code).toBe('LimitExceeded');
    const derived = await gql(
      callerOf(alice.payload.arn),
      `query($p: String!) { authorize(input: { principal: $p, action: "iam:GetUser", resource: "*",
          context: [{ key: "aws:username", values: ["root"] }] }) { decision } }`,
      { p: alice.payload.arn },
    );
    expect(derived.errors?.[0]?.extensions?.code).toBe('InvalidInput');
  });
});
