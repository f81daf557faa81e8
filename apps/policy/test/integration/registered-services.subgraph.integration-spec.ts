import { generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccountId, CallerContext } from '@iam/common';
import type { RunningSubgraph } from '@iam/graphql-kit';
import { bootstrapSubgraph } from '@iam/graphql-kit';
import type { OutboxRelay } from '@iam/messaging';
import { InProcessEventTransport, Outbox } from '@iam/messaging';
import { migrateSubgraphService } from '@iam/service-host';
import { CALLER_HEADER, createLogger, signCallerToken } from '@iam/service-kit';
import type { ServiceTestDatabase } from '@iam/testing';
import { createServiceTestDatabase } from '@iam/testing';
import { POLICY_SERVICE } from '../../src/main.js';

// The policy subgraph as the gateway reaches it: the module wiring (the resolvers, their providers, the one
// authorizer), the GraphQL shapes and the error codes of the catalogue operations.

const { privateKey: SIGNING_KEY, publicKey: VERIFY_KEY } = generateKeyPairSync('ed25519');
const logger = createLogger('policy-test', 'silent');
const A = '111122223333' as AccountId;
const B = '444455556666' as AccountId;
const root = (accountId: AccountId): CallerContext => ({
  requestId: 't',
  principalType: 'root',
  principalArn: `arn:aws:iam::${accountId}:root`,
  accountId,
  context: {},
});

interface Answer<T> {
  data?: T | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

const REGISTER = `mutation ($input: RegisterServiceInput!) {
  registerService(input: $input) {
    accountId arn servicePrefix serviceName
    actions { name accessLevel resourceTypes conditionKeys }
    resourceTypes { name arnPattern conditionKeys }
    conditionKeys { name type }
  }
}`;
const ORDERS = {
  servicePrefix: 'orders',
  serviceName: 'Orders',
  actions: [
    { name: 'GetOrder', accessLevel: 'READ', resourceTypes: ['order'] },
    { name: 'CancelOrder', accessLevel: 'PERMISSIONS_MANAGEMENT', resourceTypes: ['order'] },
  ],
  resourceTypes: [
    { name: 'order', arnPattern: 'arn:${Partition}:orders:${Region}:${Account}:order/${OrderId}' },
  ],
  conditionKeys: [{ name: 'orders:Region', type: 'String' }],
};

describe('the catalogue operations of the policy subgraph', () => {
  let env: ServiceTestDatabase;
  let subgraph: RunningSubgraph;

  beforeAll(async () => {
    env = await createServiceTestDatabase(POLICY_SERVICE, {
      migrationsDir: new URL('../../src/database/migrations/', import.meta.url),
      migrate: migrateSubgraphService,
    });
    subgraph = await bootstrapSubgraph({
      module: POLICY_SERVICE.createModule({
        name: 'policy',
        transport: new InProcessEventTransport(),
        dataSource: env.dataSource,
        outbox: new Outbox('policy'),
        relay: { notify: () => undefined } as unknown as OutboxRelay,
        logger,
        production: false,
        partition: 'aws',
        readinessChecks: [],
        env: {},
      }),
      host: '127.0.0.1',
      port: 0,
      name: 'policy',
      callerVerifyKey: VERIFY_KEY,
      logger,
    });
  });

  afterAll(async () => {
    await subgraph?.close();
    await env?.close();
  });

  async function post<T>(
    caller: CallerContext,
    query: string,
    variables: Record<string, unknown> = {},
  ): Promise<Answer<T>> {
    const response = await fetch(`${subgraph.url}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        [CALLER_HEADER]: signCallerToken(
          caller,
          'policy',
          SIGNING_KEY,
          Math.floor(Date.now() / 1000),
        ),
      },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as Answer<T>;
  }
  const codes = (answer: Answer<unknown>) => (answer.errors ?? []).map((e) => e.extensions?.code);

  it('registers a service and answers it with AWS spellings behind the GraphQL enums', async () => {
    const answer = await post<{ registerService: Record<string, unknown> }>(root(A), REGISTER, {
      input: ORDERS,
    });
    expect(answer.errors).toBeUndefined();
    expect(answer.data!.registerService).toEqual({
      accountId: A,
      arn: 'arn:aws:iam::111122223333:registered-service/orders',
      servicePrefix: 'orders',
      serviceName: 'Orders',
      actions: [
        { name: 'GetOrder', accessLevel: 'READ', resourceTypes: ['order'], conditionKeys: [] },
        {
          name: 'CancelOrder',
          accessLevel: 'PERMISSIONS_MANAGEMENT',
          resourceTypes: ['order'],
          conditionKeys: [],
        },
      ],
      resourceTypes: [
        {
          name: 'order',
          arnPattern: 'arn:${Partition}:orders:${Region}:${Account}:order/${OrderId}',
          conditionKeys: [],
        },
      ],
      conditionKeys: [{ name: 'orders:Region', type: 'String' }],
    });
  });

  it('reads, lists and deregisters, and answers the documented error codes', async () => {
    const get = await post<{ getRegisteredService: { serviceName: string } }>(
      root(A),
      `{ getRegisteredService(input: { servicePrefix: "orders" }) { serviceName createDate updateDate } }`,
    );
    expect(get.data!.getRegisteredService.serviceName).toBe('Orders');
    const list = await post<{
      listRegisteredServices: { services: { servicePrefix: string }[]; isTruncated: boolean };
    }>(root(A), `{ listRegisteredServices { services { servicePrefix } isTruncated marker } }`);
    expect(list.data!.listRegisteredServices).toEqual({
      services: [{ servicePrefix: 'orders' }],
      isTruncated: false,
      marker: null,
    });
    expect(
      codes(await post(root(A), REGISTER, { input: { ...ORDERS, servicePrefix: 'iam' } })),
    ).toEqual(['InvalidInput']);
    expect(
      codes(
        await post(root(A), REGISTER, {
          input: { ...ORDERS, actions: [{ name: 'Get Order', accessLevel: 'READ' }] },
        }),
      ),
    ).toEqual(['ValidationError']);
    expect(codes(await post(root(A), REGISTER, { input: { ...ORDERS, accountId: B } }))).toEqual([
      'AccessDenied',
    ]);
    expect(
      codes(
        await post(root(B), `{ getRegisteredService(input: { servicePrefix: "orders" }) { arn } }`),
      ),
    ).toEqual(['NoSuchEntity']);

    const removed = await post<{ deregisterService: { servicePrefix: string } }>(
      root(A),
      `mutation { deregisterService(input: { servicePrefix: "orders" }) { servicePrefix } }`,
    );
    expect(removed.data!.deregisterService.servicePrefix).toBe('orders');
  });

  it('answers the catalogue, and validates policies with it', async () => {
    await post(root(A), REGISTER, { input: ORDERS });
    const catalogue = await post<{
      listServiceActions: {
        servicePrefix: string;
        builtIn: boolean;
        actions: { name: string; accessLevel: string }[];
      }[];
    }>(root(A), `{ listServiceActions { servicePrefix builtIn actions { name accessLevel } } }`);
    const services = catalogue.data!.listServiceActions;
    expect(services.map((s) => `${s.servicePrefix}:${s.builtIn}`)).toEqual([
      'iam:true',
      'sts:true',
      'cloudtrail:true',
      'access-analyzer:true',
      'orders:false',
    ]);
    expect(services[0]!.actions).toContainEqual({ name: 'CreateUser', accessLevel: 'WRITE' });
    const one = await post<{ listServiceActions: { servicePrefix: string }[] }>(
      root(A),
      `{ listServiceActions(input: { servicePrefix: "sts" }) { servicePrefix } }`,
    );
    expect(one.data!.listServiceActions).toEqual([{ servicePrefix: 'sts' }]);

    const validate = `query ($doc: String!) { validatePolicy(policyDocument: $doc, policyType: MANAGED) { valid findings { code pointer line column } } }`;
    const doc = JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Action: ['orders:GetOrder', 'orders:ShipOrder'], Resource: '*' },
      ],
    });
    const ofA = await post<{ validatePolicy: { valid: boolean; findings: unknown[] } }>(
      root(A),
      validate,
      { doc },
    );
    expect(ofA.data!.validatePolicy).toEqual({
      valid: true,
      findings: [
        {
          code: 'UNKNOWN_ACTION',
          pointer: '/Statement/0/Action/1',
          line: 1,
          column: doc.indexOf('"orders:ShipOrder"') + 1,
        },
      ],
    });
    const ofB = await post<{ validatePolicy: { findings: { code: string }[] } }>(
      root(B),
      validate,
      { doc },
    );
    expect(ofB.data!.validatePolicy.findings.map((f) => f.code)).toEqual([
      'UNREGISTERED_SERVICE',
      'UNREGISTERED_SERVICE',
    ]);
  });
});
