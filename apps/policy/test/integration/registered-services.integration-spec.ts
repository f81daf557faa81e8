import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Authorizer, TestAdministratorsPolicySource } from '@iam/authorization';
import type { AccountId, CallerContext } from '@iam/common';
import { Outbox } from '@iam/messaging';
import { TenantTransaction, scopeToAccount } from '@iam/persistence';
import { validatePolicyDocument } from '@iam/policy-engine';
import { migrateSubgraphService } from '@iam/service-host';
import type { ServiceTestDatabase } from '@iam/testing';
import { createServiceTestDatabase } from '@iam/testing';
import { RegisteredServiceRepository } from '../../src/catalogue/registered-service.repository.js';
import type { RegisteredServicesService as Service } from '../../src/catalogue/registered-services.service.js';
import {
  MAX_REGISTERED_SERVICES_PER_ACCOUNT,
  RegisteredServicesService,
} from '../../src/catalogue/registered-services.service.js';
import type { ServiceRegistrationInput } from '../../src/catalogue/service-registration.js';
import { POLICY_SERVICE } from '../../src/main.js';
import { PolicyValidationResolver } from '../../src/policy-validation/policy-validation.resolver.js';
import { AccountRevisionRepository } from '../../src/revisions/account-revision.repository.js';

const A = '111122223333' as AccountId;
const B = '444455556666' as AccountId;
const NOW = new Date('2026-12-05T08:00:00.000Z');

const caller = (accountId: AccountId, kind: 'root' | 'user' = 'root'): CallerContext => ({
  requestId: 't',
  principalType: kind,
  principalArn:
    kind === 'root' ? `arn:aws:iam::${accountId}:root` : `arn:aws:iam::${accountId}:user/bob`,
  accountId,
  context: {},
});
const admin: CallerContext = {
  ...caller(A),
  principalType: 'platform-admin',
  principalArn: 'arn:aws:iam::platform:admin',
  accountId: null,
};

const ORDERS: ServiceRegistrationInput = {
  servicePrefix: 'orders',
  serviceName: 'Orders',
  actions: [
    {
      name: 'GetOrder',
      accessLevel: 'Read',
      resourceTypes: ['order'],
      conditionKeys: ['orders:Region'],
    },
    { name: 'ListOrders', accessLevel: 'List' },
  ],
  resourceTypes: [
    { name: 'order', arnPattern: 'arn:${Partition}:orders:${Region}:${Account}:order/${OrderId}' },
  ],
  conditionKeys: [{ name: 'orders:Region', type: 'String' }],
};

/** ORDERS under another prefix (its ARN pattern and keys follow the prefix). */
const servicePrefixed = (prefix: string, serviceName: string): ServiceRegistrationInput =>
  JSON.parse(
    JSON.stringify({ ...ORDERS, serviceName }).replaceAll('orders', prefix),
  ) as ServiceRegistrationInput;

const policy = (Action: string, Resource = '*') =>
  JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action, Resource }] });

async function codeOf(work: Promise<unknown>): Promise<string> {
  try {
    await work;
    return 'no error';
  } catch (error) {
    return (error as { code?: string }).code ?? String(error);
  }
}

describe('registered services (real PostgreSQL)', () => {
  let env: ServiceTestDatabase;
  let service: Service;
  let tenantTx: TenantTransaction;

  beforeAll(async () => {
    env = await createServiceTestDatabase(POLICY_SERVICE, {
      migrationsDir: new URL('../../src/database/migrations/', import.meta.url),
      migrate: migrateSubgraphService,
    });
    tenantTx = new TenantTransaction(env.dataSource);
    service = new RegisteredServicesService(
      {
        tenantTx,
        outbox: new Outbox('policy'),
        authorizer: new Authorizer(new TestAdministratorsPolicySource()),
        partition: 'aws',
        now: () => NOW,
      },
      new RegisteredServiceRepository(),
      new AccountRevisionRepository(),
    );
  });

  afterAll(async () => {
    await env?.close();
  });

  async function events(
    accountId: AccountId,
  ): Promise<{ type: string; payload: Record<string, unknown> }[]> {
    const rows = await tenantTx.run(accountId, (tx) =>
      tx.query<{ envelope: { type: string; payload: Record<string, unknown> }; topic: string }[]>(
        `SELECT envelope, topic FROM policy.outbox ORDER BY created_at, id`,
      ),
    );
    for (const row of rows) expect(row.topic).toBe('iam.policy.registered-service');
    return rows.map((row) => ({ type: row.envelope.type, payload: row.envelope.payload }));
  }

  it('registers, reads, replaces and deregisters a service, with an event each time and no revision bump', async () => {
    const created = await service.registerService(caller(A), ORDERS);
    expect(created.definition).toMatchObject({ prefix: 'orders', name: 'Orders' });
    expect(created.definition.actions.map((a) => a.name)).toEqual(['GetOrder', 'ListOrders']);
    expect(service.arnOf(A, 'orders')).toBe('arn:aws:iam::111122223333:registered-service/orders');

    const read = await service.getRegisteredService(caller(A), { servicePrefix: 'orders' });
    expect(read.definition).toEqual(created.definition);
    expect(read.createdAt.toISOString()).toBe(NOW.toISOString());

    const replaced = await service.registerService(caller(A), {
      ...ORDERS,
      actions: [
        ...ORDERS.actions,
        { name: 'CancelOrder', accessLevel: 'Write', resourceTypes: ['order'] },
      ],
    });
    expect(replaced.definition.actions).toHaveLength(3);

    const removed = await service.deregisterService(caller(A), { servicePrefix: 'orders' });
    expect(removed.definition.actions).toHaveLength(3);
    expect(await codeOf(service.getRegisteredService(caller(A), { servicePrefix: 'orders' }))).toBe(
      'NoSuchEntity',
    );
    expect(await codeOf(service.deregisterService(caller(A), { servicePrefix: 'orders' }))).toBe(
      'NoSuchEntity',
    );

    const published = await events(A);
    expect(published.map((e) => e.type)).toEqual([
      'registered-service.registered.v1',
      'registered-service.updated.v1',
      'registered-service.deregistered.v1',
    ]);
    expect(published[0]!.payload).toMatchObject({
      accountId: A,
      servicePrefix: 'orders',
      arn: 'arn:aws:iam::111122223333:registered-service/orders',
      revision: '0',
    });
    const revisions = await tenantTx.run(A, (tx) => new AccountRevisionRepository().current(tx, A));
    expect(revisions).toBe(0n);
  });

  it('refuses reserved prefixes, bad grammar and inconsistent definitions, listing every problem', async () => {
    for (const prefix of [
      'iam',
      'sts',
      'cloudtrail',
      'access-analyzer',
      'aws',
      'Orders',
      'o',
      'or_ders',
      '-x',
      'x-',
    ]) {
      expect(
        await codeOf(service.registerService(caller(A), { ...ORDERS, servicePrefix: prefix })),
        prefix,
      ).toBe('InvalidInput');
    }
    const error = await service
      .registerService(caller(A), {
        servicePrefix: 'broken',
        actions: [
          { name: 'Get Order', accessLevel: 'Read' },
          { name: 'List', accessLevel: 'Everything' },
          {
            name: 'list',
            accessLevel: 'List',
            resourceTypes: ['nope'],
            conditionKeys: ['broken:Nope'],
          },
        ],
        resourceTypes: [
          { name: 'thing', arnPattern: 'arn:${Partition}:iam::${Account}:thing/${Id}' },
          { name: 'other', arnPattern: 'arn:${Partition}:broken:${Region}:${Account}:other/*' },
        ],
        conditionKeys: [
          { name: 'iam:PolicyARN', type: 'ARN' },
          { name: 'broken:Size', type: 'Integer' },
        ],
      })
      .catch((e: unknown) => e as { code: string; problems: string[] });
    expect(error).toMatchObject({ code: 'ValidationError' });
    expect((error as { problems: string[] }).problems).toEqual([
      "resourceTypes[0].arnPattern must start with `arn:${Partition}:broken:` (the service's own prefix)",
      'resourceTypes[1].arnPattern has a resource part with characters outside letters, digits, `_+=,.@:/-` and `${Name}` placeholders',
      'conditionKeys[0].name must be `broken:Name` (letters, digits, `_.-`, optionally `/${TagKey}`) or an `aws:` tag key',
      'conditionKeys[1].type must be one of String, ARN, Bool, Date, Numeric, IPAddress, ArrayOfString, ArrayOfARN, ArrayOfBool, ArrayOfDate, ArrayOfNumeric',
      'actions[0].name must be 1 to 128 letters and digits, starting with a letter',
      'actions[1].accessLevel must be one of Read, List, Write, Permissions management, Tagging',
      'actions[2].name `list` is defined twice (names ignore case)',
      'actions[2] names resource type `nope`, which the service does not define',
      'actions[2] names condition key `broken:Nope`, which the service does not define',
    ]);
    expect(
      await codeOf(
        service.registerService(caller(A), { ...ORDERS, servicePrefix: 'empty', actions: [] }),
      ),
    ).toBe('ValidationError');
    expect(
      await codeOf(
        service.registerService(caller(A), {
          ...ORDERS,
          servicePrefix: 'huge',
          actions: Array.from({ length: 1001 }, (_, i) => ({ name: `A${i}`, accessLevel: 'Read' })),
        }),
      ),
    ).toBe('ValidationError');
  });

  it('pages listRegisteredServices by prefix and caps the services of an account', async () => {
    const account = '222233334444' as AccountId;
    for (const prefix of ['zeta', 'alpha', 'mid-1']) {
      await service.registerService(caller(account), {
        ...ORDERS,
        servicePrefix: prefix,
        resourceTypes: [],
        actions: [{ name: 'Do', accessLevel: 'Write' }],
        conditionKeys: [],
      });
    }
    const first = await service.listRegisteredServices(caller(account), { maxItems: 2 });
    expect(first.items.map((r) => r.definition.prefix)).toEqual(['alpha', 'mid-1']);
    expect(first.isTruncated).toBe(true);
    const second = await service.listRegisteredServices(caller(account), {
      maxItems: 2,
      marker: first.marker,
    });
    expect(second.items.map((r) => r.definition.prefix)).toEqual(['zeta']);
    expect(second.isTruncated).toBe(false);
    expect(
      await codeOf(
        service.listRegisteredServices(caller(account), {
          marker: Buffer.from('Not A Prefix').toString('base64url'),
        }),
      ),
    ).toBe('InvalidInput');

    for (let i = 3; i < MAX_REGISTERED_SERVICES_PER_ACCOUNT; i += 1) {
      await service.registerService(caller(account), {
        servicePrefix: `svc-${i}`,
        actions: [{ name: 'Do', accessLevel: 'Write' }],
      });
    }
    expect(
      await codeOf(
        service.registerService(caller(account), {
          servicePrefix: 'one-more',
          actions: [{ name: 'Do', accessLevel: 'Write' }],
        }),
      ),
    ).toBe('LimitExceeded');
    // Replacing an existing registration is not a new one.
    expect(
      await codeOf(service.registerService(caller(account), servicePrefixed('zeta', 'Zeta'))),
    ).toBe('no error');
  });

  it('authorizes every operation: a principal without permissions is refused before anything is read', async () => {
    const bob = caller(A, 'user');
    expect(await codeOf(service.registerService(bob, ORDERS))).toBe('AccessDenied');
    expect(await codeOf(service.getRegisteredService(bob, { servicePrefix: 'orders' }))).toBe(
      'AccessDenied',
    );
    expect(await codeOf(service.getRegisteredService(bob, { servicePrefix: 'missing' }))).toBe(
      'AccessDenied',
    );
    expect(await codeOf(service.listRegisteredServices(bob, {}))).toBe('AccessDenied');
    expect(await codeOf(service.deregisterService(bob, { servicePrefix: 'orders' }))).toBe(
      'AccessDenied',
    );
    expect(await codeOf(service.listServiceActions(bob, {}))).toBe('AccessDenied');
  });

  describe('tenant isolation', () => {
    beforeAll(async () => {
      await service.registerService(caller(B), { ...ORDERS, serviceName: 'B orders' });
      await service.registerService(caller(B), servicePrefixed('billing', 'B billing'));
      await service.registerService(caller(A), { ...ORDERS, serviceName: 'A orders' });
    });

    it("a caller of account A, allowed everything in its own account, reaches none of B's registrations", async () => {
      const rootA = caller(A);
      for (const work of [
        service.registerService(rootA, { ...ORDERS, accountId: B }),
        service.getRegisteredService(rootA, { accountId: B, servicePrefix: 'billing' }),
        service.listRegisteredServices(rootA, { accountId: B }),
        service.deregisterService(rootA, { accountId: B, servicePrefix: 'billing' }),
        service.listServiceActions(rootA, { accountId: B }),
      ]) {
        expect(await codeOf(work)).toBe('AccessDenied');
      }
      // In its own account, A sees its own definition of the shared prefix and nothing of B's.
      expect(
        (await service.getRegisteredService(rootA, { servicePrefix: 'orders' })).definition.name,
      ).toBe('A orders');
      expect(await codeOf(service.getRegisteredService(rootA, { servicePrefix: 'billing' }))).toBe(
        'NoSuchEntity',
      );
      expect(await codeOf(service.deregisterService(rootA, { servicePrefix: 'billing' }))).toBe(
        'NoSuchEntity',
      );
      const listed = await service.listRegisteredServices(rootA, {});
      expect(listed.items.map((r) => r.definition.name)).toEqual(['A orders']);
      const catalogue = await service.listServiceActions(rootA, {});
      expect(catalogue.filter((e) => !e.builtIn).map((e) => e.definition.name)).toEqual([
        'A orders',
      ]);
      expect(await codeOf(service.listServiceActions(rootA, { servicePrefix: 'billing' }))).toBe(
        'NoSuchEntity',
      );

      // B's registrations are intact.
      const ofB = await service.listRegisteredServices(caller(B), {});
      expect(ofB.items.map((r) => r.definition.name)).toEqual(['B billing', 'B orders']);
    });

    it("row-level security: a transaction scoped to A reads no row of B's, and cannot write one", async () => {
      const rows = await env.dataSource.transaction(async (tx) => {
        await scopeToAccount(tx, A);
        return tx.query<{ account_id: string }[]>(
          `SELECT account_id FROM policy.registered_services`,
        );
      });
      expect(new Set(rows.map((r) => r.account_id))).toEqual(new Set([A]));
      const write = env.dataSource.transaction(async (tx) => {
        await scopeToAccount(tx, A);
        await new RegisteredServiceRepository().put(
          tx,
          B,
          { prefix: 'sneaky', name: 'x', actions: [], resourceTypes: [], conditionKeys: [] },
          NOW,
        );
      });
      await expect(write).rejects.toThrow(/row-level security/);
    });

    it('the platform administrator acts in the account it names', async () => {
      expect(await codeOf(service.listRegisteredServices(admin, {}))).toBe('InvalidInput');
      const ofB = await service.listRegisteredServices(admin, { accountId: B });
      expect(ofB.items).toHaveLength(2);
    });

    it("validatePolicy uses the built-in catalogue and the caller's account's services only", async () => {
      const resolver = new PolicyValidationResolver(
        new Authorizer(new TestAdministratorsPolicySource()),
        service,
      );
      const findings = async (who: CallerContext, document: string) =>
        (await resolver.validatePolicy(who, document, 'managed')).findings.map(
          (f) => `${f.code} ${f.pointer}`,
        );

      const billing = policy('billing:GetOrder', 'arn:aws:billing:eu-west-1:444455556666:order/1');
      expect(await findings(caller(B), billing)).toEqual([]);
      expect(await findings(caller(A), billing)).toEqual([
        'UNREGISTERED_SERVICE /Statement/0/Action',
      ]);
      expect(await findings(caller(A), policy('orders:ShipOrder'))).toEqual([
        'UNKNOWN_ACTION /Statement/0/Action',
      ]);
      expect(
        await findings(caller(A), policy('orders:GetOrder', 'arn:aws:orders:*:*:invoice/1')),
      ).toEqual(['UNSUPPORTED_RESOURCE_ARN_IN_POLICY /Statement/0/Resource']);
      expect(await findings(caller(A), policy('iam:CreateUserz'))).toEqual([
        'UNKNOWN_ACTION /Statement/0/Action',
      ]);
      expect(await findings(admin, policy('orders:GetOrder'))).toEqual([
        'UNREGISTERED_SERVICE /Statement/0/Action',
      ]);
      // The validator itself, without a catalogue, is unchanged.
      expect(validatePolicyDocument(policy('orders:ShipOrder'), { kind: 'managed' })).toEqual([]);
    });
  });
});
