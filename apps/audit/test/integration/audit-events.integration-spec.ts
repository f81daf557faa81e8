import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccountId, CallerContext } from '@iam/common';
import { PASSWORD_RESET_CONTEXT_KEY } from '@iam/common';
import { accountCreatedV1 } from '@iam/event-contracts';
import type { IncomingMessage } from '@iam/messaging';
import { IdempotentConsumer, InProcessEventTransport } from '@iam/messaging';
import { Authorizer, TestAdministratorsPolicySource } from '@iam/authorization';
import { TenantTransaction } from '@iam/persistence';
import { AuditEventRepository } from '../../src/audit-events/audit-event.repository.js';
import { AuditEventsService } from '../../src/audit-events/audit-events.service.js';
import { auditTestDatabase } from '../support/audit-test-database.js';

const quiet = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};
const admin: CallerContext = {
  requestId: 't',
  principalType: 'platform-admin',
  principalArn: 'arn:aws:iam::platform:admin',
  accountId: null,
  context: {},
};
const rootOf = (accountId: string): CallerContext => ({
  requestId: 't',
  principalType: 'root',
  principalArn: `arn:aws:iam::${accountId}:root`,
  accountId: accountId as AccountId,
  context: {},
});

function record(accountId: string): IncomingMessage {
  const envelope = accountCreatedV1({
    id: randomUUID(),
    occurredAt: '2026-11-28T12:00:00.000Z',
    actor: { type: 'platform-admin', arn: 'arn:aws:iam::platform:admin' },
    account: { accountId, alias: null, status: 'active', createdAt: '2026-11-28T12:00:00.000Z' },
  });
  return {
    topic: 'iam.identity.account',
    partition: 0,
    offset: '0',
    key: accountId,
    value: JSON.stringify(envelope),
    headers: {},
  };
}

describe('audit trail', () => {
  let env: Awaited<ReturnType<typeof auditTestDatabase>>;
  let service: AuditEventsService;
  let consumer: IdempotentConsumer;
  const A = '111122223333';
  const B = '444455556666';

  beforeAll(async () => {
    env = await auditTestDatabase();
    service = new AuditEventsService(
      new TenantTransaction(env.dataSource),
      new AuditEventRepository(),
      () => new Date(),
      new Authorizer(new TestAdministratorsPolicySource()),
    );
    consumer = new IdempotentConsumer({
      dataSource: env.dataSource,
      schema: 'audit',
      groupId: 'iam-audit-recorder',
      topics: [],
      transport: new InProcessEventTransport(),
      logger: quiet,
      handle: (tx, envelope) => service.record(tx, envelope),
    });
  });

  afterAll(async () => {
    await env?.close();
  });

  it('records a redelivered event once', async () => {
    const message = record(A);
    expect(await consumer.consume(message)).toBe('handled');
    expect(await consumer.consume(message)).toBe('duplicate');
    const page = await service.auditEvents(admin, { accountId: A });
    expect(
      page.events.filter((e) => e.eventId === (JSON.parse(message.value) as { id: string }).id),
    ).toHaveLength(1);
  });

  it("shows a tenant its own trail and refuses another account's id like an unknown one: AccessDenied", async () => {
    await consumer.consume(record(B));
    const own = await service.auditEvents(rootOf(A), { accountId: A });
    expect(own.events.length).toBeGreaterThan(0);
    expect(own.events.every((e) => e.accountId === A)).toBe(true);
    const other = await service.auditEvents(rootOf(A), { accountId: B }).catch((e: unknown) => e);
    const unknown = await service
      .auditEvents(rootOf(A), { accountId: '999999999999' })
      .catch((e: unknown) => e);
    expect(other).toMatchObject({
      code: 'AccessDenied',
      details: { action: 'cloudtrail:LookupEvents', resource: B },
    });
    expect((other as Error).message.replace(B, 'X')).toBe(
      (unknown as Error).message.replace('999999999999', 'X'),
    );
  });

  it('lets only a principal allowed cloudtrail:LookupEvents read the trail, never a password-reset session', async () => {
    await consumer.consume(record(A));
    const userWithoutPolicy: CallerContext = {
      requestId: 't',
      principalType: 'user',
      principalArn: `arn:aws:iam::${A}:user/intern`,
      accountId: A as AccountId,
      context: {},
    };
    const restrictedRoot: CallerContext = {
      ...rootOf(A),
      context: { [PASSWORD_RESET_CONTEXT_KEY]: 'true' },
    };
    const denied = { action: 'cloudtrail:LookupEvents', resource: '*' };
    for (const caller of [userWithoutPolicy, restrictedRoot]) {
      await expect(service.auditEvents(caller, { accountId: A })).rejects.toMatchObject({
        code: 'AccessDenied',
        details: denied,
      });
    }
    // The account root and the platform administrator read it.
    expect((await service.auditEvents(rootOf(A), { accountId: A })).events.length).toBeGreaterThan(
      0,
    );
    expect((await service.auditEvents(admin, { accountId: A })).events.length).toBeGreaterThan(0);
  });

  it('reads nothing of another account even when a query forgets its filter', async () => {
    const rows = await new TenantTransaction(env.dataSource).run(A as AccountId, (tx) =>
      tx.query<{ account_id: string }[]>(`SELECT DISTINCT account_id FROM audit.audit_events`),
    );
    expect(rows).toEqual([{ account_id: A }]);
    const processed = await new TenantTransaction(env.dataSource).run(A as AccountId, (tx) =>
      tx.query<{ account_id: string }[]>(`SELECT DISTINCT account_id FROM audit.processed_events`),
    );
    expect(processed).toEqual([{ account_id: A }]);
  });

  it('pages newest first with a marker and rejects a forged one', async () => {
    for (let i = 0; i < 4; i++) await consumer.consume(record(A));
    const first = await service.auditEvents(admin, { accountId: A, maxItems: 2 });
    expect(first.events).toHaveLength(2);
    expect(first.isTruncated).toBe(true);
    const second = await service.auditEvents(admin, {
      accountId: A,
      maxItems: 2,
      marker: first.marker,
    });
    expect(Number(second.events[0]!.seq)).toBeLessThan(Number(first.events[1]!.seq));
    await expect(service.auditEvents(admin, { accountId: A, marker: 'eA' })).rejects.toMatchObject({
      code: 'InvalidInput',
    });
    await expect(service.auditEvents(admin, { accountId: A, maxItems: 0 })).rejects.toMatchObject({
      code: 'InvalidInput',
    });
  });

  it('rejects a forged marker beyond the range of bigint as InvalidInput, not a database error', async () => {
    const marker = (seq: string) => Buffer.from(seq).toString('base64url');
    // 2^63 - 1 is the largest sequence: a valid (empty) page.
    await expect(
      service.auditEvents(admin, { accountId: A, marker: marker('9223372036854775807') }),
    ).resolves.toMatchObject({ isTruncated: false });
    for (const seq of ['9223372036854775808', '9999999999999999999']) {
      await expect(
        service.auditEvents(admin, { accountId: A, marker: marker(seq) }),
      ).rejects.toMatchObject({ code: 'InvalidInput' });
    }
  });

  it('migrations leave nothing for TypeORM to change against the entities (no drift)', async () => {
    const sql = await env.dataSource.driver.createSchemaBuilder().log();
    expect(sql.upQueries.map((q) => q.query)).toEqual([]);
  });
});
