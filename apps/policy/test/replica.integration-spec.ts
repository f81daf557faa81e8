import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccountId } from '@iam/common';
import { accountCreatedV1, groupEvent, roleEvent, userEvent } from '@iam/event-contracts';
import type { EventEnvelope } from '@iam/event-contracts';
import { IdempotentConsumer, KafkaEventTransport } from '@iam/messaging';
import { AccountRevisionRepository } from '../src/revisions/account-revision.repository.js';
import {
  ADMINISTRATOR_ACCESS_ARN,
  IDENTITY_REPLICA_TOPICS,
  identityReplicaConsumer,
} from '../src/replica/index.js';
import { Outbox } from '@iam/messaging';
import { ManualClock } from '@iam/common';
import { expectEventually, getTestKafkaBrokers, uniqueName } from '@iam/testing';
import type { DecisionsHarness } from './support/decisions-support.js';
import {
  START,
  StoreRows,
  decisionsHarness,
  doc,
  groupCreated,
  memberAdded,
  quiet,
  roleCreated,
  userCreated,
} from './support/decisions-support.js';

const A = '111122223333';

describe('identity replica', () => {
  let h: DecisionsHarness;
  let store: StoreRows;

  beforeAll(async () => {
    h = await decisionsHarness();
    store = new StoreRows(h.tenant);
  });
  afterAll(async () => {
    await h?.close();
  });

  const snapshot = () =>
    h.tenant.run(A as AccountId, async (tx) => ({
      principals: await tx.query<unknown[]>(
        `SELECT principal_id, kind, name, path, arn, tags FROM policy.principals ORDER BY principal_id`,
      ),
      members: await tx.query<unknown[]>(
        `SELECT group_id, user_id FROM policy.group_members ORDER BY 1, 2`,
      ),
      revision: await new AccountRevisionRepository().current(tx, A),
    }));

  it('applies every identity event kind, and a duplicate delivery changes nothing', async () => {
    const user = userCreated(A, 'alice', { tags: [{ key: 'team', value: 'red' }] });
    const group = groupCreated(A, 'devs');
    const role = roleCreated(A, 'deployer');
    const tagged = userEvent(
      'user.tagged.v1',
      { id: randomUUID(), occurredAt: START, actor: null },
      {
        ...user.payload,
        tags: [
          { key: 'team', value: 'red' },
          { key: 'level', value: '3' },
        ],
      },
    );
    const renamedGroup = groupEvent(
      'group.updated.v1',
      { id: randomUUID(), occurredAt: '2026-12-01T10:01:00.000Z', actor: null },
      { ...group.payload, groupName: 'developers', arn: `arn:aws:iam::${A}:group/developers` },
    );
    const roleTagged = roleEvent(
      'role.tagged.v1',
      { id: randomUUID(), occurredAt: START, actor: null },
      { ...role.payload, tags: [{ key: 'env', value: 'prod' }] },
    );
    const events: EventEnvelope[] = [
      user,
      group,
      role,
      memberAdded(group, user),
      tagged,
      renamedGroup,
      roleTagged,
    ];
    const revisions: bigint[] = [];
    for (const event of events) {
      expect(await h.consumer.deliver(event)).toBe('handled');
      revisions.push((await snapshot()).revision);
    }
    // Creations bump nothing; a membership, tags and a rename do.
    expect(revisions).toEqual([0n, 0n, 0n, 1n, 2n, 3n, 4n]);
    // An older state of the user (a redelivery from before the tags changed) is ignored.
    const older = userEvent(
      'user.updated.v1',
      { id: randomUUID(), occurredAt: '2026-12-01T09:00:00.000Z', actor: null },
      { ...user.payload, userName: 'alice-old', arn: `arn:aws:iam::${A}:user/alice-old`, tags: [] },
    );
    expect(await h.consumer.deliver(older)).toBe('handled');
    const before = await snapshot();
    expect(before.principals).toHaveLength(3);
    expect(JSON.stringify(before.principals)).not.toContain('alice-old');
    expect(before.principals).toContainEqual(
      expect.objectContaining({
        principal_id: user.payload.userId,
        kind: 'user',
        tags: [
          { key: 'team', value: 'red' },
          { key: 'level', value: '3' },
        ],
      }),
    );
    expect(before.principals).toContainEqual(
      expect.objectContaining({ principal_id: group.payload.groupId, name: 'developers' }),
    );
    expect(before.members).toEqual([
      { group_id: group.payload.groupId, user_id: user.payload.userId },
    ]);
    for (const event of events) expect(await h.consumer.deliver(event)).toBe('duplicate');
    expect(await snapshot()).toEqual(before);
    // The same state delivered again under a new event id (a replay) changes nothing either, revision included.
    expect(await h.consumer.deliver({ ...tagged, id: randomUUID() })).toBe('handled');
    expect(await snapshot()).toEqual(before);
  });

  it("removes a deleted principal's policies and memberships, and ignores late events about it", async () => {
    const user = userCreated(A, 'bob');
    const group = groupCreated(A, 'ops');
    await h.consumer.deliver(user);
    await h.consumer.deliver(group);
    await h.consumer.deliver(memberAdded(group, user));
    const id = user.payload.userId;
    await store.inline(A, id, 'own', doc('Allow', 's3:GetObject'));
    await store.attach(A, id, 'arn:aws:iam::aws:policy/IAMReadOnlyAccess');
    await store.boundary(A, id, 'arn:aws:iam::aws:policy/IAMReadOnlyAccess');
    const revisionBefore = (await snapshot()).revision;
    const deleted = userEvent(
      'user.deleted.v1',
      { id: randomUUID(), occurredAt: START, actor: null },
      user.payload,
    );
    expect(await h.consumer.deliver(deleted)).toBe('handled');
    const counts = await h.tenant.run(A as AccountId, (tx) =>
      tx.query<{ n: number }[]>(
        `SELECT (SELECT count(*) FROM policy.inline_policies WHERE principal_id = $1)
              + (SELECT count(*) FROM policy.attachments WHERE principal_id = $1)
              + (SELECT count(*) FROM policy.permissions_boundaries WHERE principal_id = $1)
              + (SELECT count(*) FROM policy.group_members WHERE user_id = $1)
              + (SELECT count(*) FROM policy.principals WHERE principal_id = $1) AS n`,
        [id],
      ),
    );
    expect(Number(counts[0]!.n)).toBe(0);
    expect((await snapshot()).revision).toBe(revisionBefore + 1n);
    // A membership (keyed by the group, another partition) and an update that arrive after the deletion.
    expect(await h.consumer.deliver(memberAdded(group, user))).toBe('handled');
    expect(
      await h.consumer.deliver(
        userEvent(
          'user.updated.v1',
          { id: randomUUID(), occurredAt: START, actor: null },
          user.payload,
        ),
      ),
    ).toBe('handled');
    const after = await snapshot();
    expect(JSON.stringify(after.principals)).not.toContain(id);
    expect(JSON.stringify(after.members)).not.toContain(id);
    expect(after.revision).toBe(revisionBefore + 1n);
  });

  it('a user created again under the name of one whose deletion has not arrived replaces it', async () => {
    const old = userCreated(A, 'carol');
    await h.consumer.deliver(old);
    await store.attach(A, old.payload.userId, ADMINISTRATOR_ACCESS_ARN);
    const again = userCreated(A, 'carol', { at: '2026-12-01T11:00:00.000Z' });
    expect(await h.consumer.deliver(again)).toBe('handled');
    const rows = await h.tenant.run(A as AccountId, (tx) =>
      tx.query<{ principal_id: string }[]>(
        `SELECT principal_id FROM policy.principals WHERE lower(name) = 'carol'
         UNION ALL SELECT principal_id FROM policy.attachments WHERE principal_id = $1`,
        [old.payload.userId],
      ),
    );
    expect(rows).toEqual([{ principal_id: again.payload.userId }]);
  });

  it("attaches AdministratorAccess to the account's first administrator and announces it through the outbox", async () => {
    const B = '444455556666';
    const adminId = 'AIDAFIRSTADMIN0000001';
    const event = accountCreatedV1({
      id: randomUUID(),
      occurredAt: START,
      actor: { type: 'platform-admin', arn: 'arn:aws:iam::platform:admin' },
      account: {
        accountId: B,
        alias: null,
        status: 'active',
        createdAt: START,
        initialAdministrator: {
          userId: adminId,
          userName: 'admin',
          path: '/',
          arn: `arn:aws:iam::${B}:user/admin`,
        },
      },
    });
    expect(await h.consumer.deliver(event)).toBe('handled');
    expect(await h.consumer.deliver(event)).toBe('duplicate');
    const state = await h.tenant.run(B as AccountId, async (tx) => ({
      account: await tx.query(`SELECT account_id, status FROM policy.accounts`),
      principal: await tx.query(`SELECT principal_id, kind, arn FROM policy.principals`),
      attachments: await tx.query(`SELECT principal_id, policy_arn FROM policy.attachments`),
      outbox: await tx.query<{ envelope: { type: string; payload: Record<string, unknown> } }[]>(
        `SELECT envelope FROM policy.outbox`,
      ),
      revision: await new AccountRevisionRepository().current(tx, B),
    }));
    expect(state.account).toEqual([{ account_id: B, status: 'active' }]);
    expect(state.principal).toEqual([
      { principal_id: adminId, kind: 'user', arn: `arn:aws:iam::${B}:user/admin` },
    ]);
    expect(state.attachments).toEqual([
      { principal_id: adminId, policy_arn: ADMINISTRATOR_ACCESS_ARN },
    ]);
    expect(state.outbox).toHaveLength(1);
    expect(state.outbox[0]!.envelope).toMatchObject({
      type: 'principal-policies.changed.v1',
      payload: {
        principalId: adminId,
        change: 'AttachUserPolicy',
        policy: ADMINISTRATOR_ACCESS_ARN,
        attachedPolicyCount: 1,
        revision: '1',
      },
    });
    expect(state.revision).toBe(1n);
    // The administrator can administer: its effective policies allow everything.
    const decision = await h.decisions.authorize(
      {
        requestId: 't',
        principalType: 'user',
        principalArn: `arn:aws:iam::${B}:user/admin`,
        accountId: B as AccountId,
        context: {},
      },
      { principal: `arn:aws:iam::${B}:user/admin`, action: 'iam:CreateUser', resource: '*' },
    );
    expect(decision.decision).toBe('Allow');
  });

  it('follows identity events from the real Kafka broker', async () => {
    const brokers = await getTestKafkaBrokers();
    const namespace = uniqueName('replica');
    const transport = new KafkaEventTransport({ brokers, clientId: namespace, logger: quiet });
    const definition = identityReplicaConsumer({
      outbox: new Outbox('policy'),
      clock: new ManualClock(START),
    });
    const topics = IDENTITY_REPLICA_TOPICS.map((t) => `${namespace}.${t}`);
    const consumer = new IdempotentConsumer({
      dataSource: h.env.dataSource,
      schema: 'policy',
      groupId: `${namespace}-group`,
      topics,
      transport,
      logger: quiet,
      handle: (tx, envelope) => definition.handle(tx, envelope),
    });
    try {
      await consumer.start();
      const C = '777788889999';
      const user = userCreated(C, 'dave');
      const group = groupCreated(C, 'qa');
      for (const event of [user, group, memberAdded(group, user)]) {
        await transport.publish([
          {
            topic: `${namespace}.iam.identity.${event.aggregateType}`,
            key: event.aggregateId,
            value: JSON.stringify(event),
            headers: {},
          },
        ]);
      }
      await expectEventually(
        async () => {
          const rows = await h.tenant.run(C as AccountId, (tx) =>
            tx.query(`SELECT user_id FROM policy.group_members WHERE group_id = $1`, [
              group.payload.groupId,
            ]),
          );
          expect(rows).toEqual([{ user_id: user.payload.userId }]);
        },
        { timeoutMs: 30_000 },
      );
    } finally {
      await consumer.stop();
      await transport.close();
    }
  });
});
