import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccountId } from '@iam/common';
import type { PrincipalPoliciesPayload } from '@iam/event-contracts';
import { principalPoliciesChanged } from '@iam/event-contracts';
import type { IncomingMessage } from '@iam/messaging';
import { IdempotentConsumer, InProcessEventTransport, KafkaEventTransport } from '@iam/messaging';
import type { ConsumerDefinition, SubgraphHostDeps } from '@iam/service-host';
import { expectEventually, getTestKafkaBrokers, uniqueName } from '@iam/testing';
import type { GroupEntity } from '../../src/groups/index.js';
import { GroupRepository } from '../../src/groups/group.repository.js';
import { GroupsService } from '../../src/groups/groups.service.js';
import { IDENTITY_SERVICE } from '../../src/main.js';
import type { PrincipalServiceDeps } from '../../src/principals/index.js';
import {
  PRINCIPAL_POLICIES_CONSUMER_GROUP,
  PRINCIPAL_POLICIES_TOPIC,
  PrincipalPolicyHoldingsRepository,
  policyAttachments,
} from '../../src/principal-policies/index.js';
import type { RoleEntity } from '../../src/roles/index.js';
import { RoleRepository } from '../../src/roles/role.repository.js';
import { RolesService } from '../../src/roles/roles.service.js';
import type { UserEntity } from '../../src/users/index.js';
import { UserRepository } from '../../src/users/user.repository.js';
import { UsersService } from '../../src/users/users.service.js';
import { useIdentityDatabase } from '../support/identity-suite.js';
import { EC2_TRUST, rootOf } from '../support/principal-services.js';

const quiet = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};

type Kind = PrincipalPoliciesPayload['principalKind'];

/** The identity service's own consumer definition (what the host runs). */
function identityConsumer(): ConsumerDefinition {
  const definitions = IDENTITY_SERVICE.consumers!({ logger: quiet } as unknown as SubgraphHostDeps);
  const found = definitions.find((d) => d.groupId === PRINCIPAL_POLICIES_CONSUMER_GROUP);
  if (!found) throw new Error('identity has no principal-policies consumer');
  return found;
}

/** A `principal-policies.changed.v1` as the policy service publishes it. */
function changed(
  accountId: string,
  principal: { kind: Kind; id: string; name: string },
  counts: { inline: number; attached: number; revision: number },
  overrides: Partial<PrincipalPoliciesPayload> = {},
) {
  return principalPoliciesChanged(
    { id: randomUUID(), occurredAt: '2026-11-28T12:00:00.000Z', actor: null },
    {
      accountId,
      principalId: principal.id,
      principalKind: principal.kind,
      principalName: principal.name,
      principalArn: `arn:aws:iam::${accountId}:${principal.kind}/${principal.name}`,
      change: 'PutUserPolicy',
      policy: 'p',
      policyDocument: null,
      inlinePolicyCount: counts.inline,
      attachedPolicyCount: counts.attached,
      permissionsBoundaryArn: null,
      revision: String(counts.revision),
      ...overrides,
    },
  );
}

function record(envelope: { id: string; aggregateId: string }): IncomingMessage {
  return {
    topic: PRINCIPAL_POLICIES_TOPIC,
    partition: 0,
    offset: '0',
    key: envelope.aggregateId,
    value: JSON.stringify(envelope),
    headers: {},
  };
}

describe('what principals hold in the policy service (principal-policies.changed.v1)', () => {
  const { env, s } = useIdentityDatabase();
  let consumer: IdempotentConsumer;
  let users: UsersService;
  let groups: GroupsService;
  let roles: RolesService;
  let revision = 0;

  beforeAll(() => {
    const deps: PrincipalServiceDeps = {
      ...s.deps,
      userAttachments: policyAttachments((u: UserEntity) => u.userId),
      groupAttachments: policyAttachments((g: GroupEntity) => g.groupId),
      roleAttachments: policyAttachments((r: RoleEntity) => r.roleId),
    };
    users = new UsersService(deps, new UserRepository());
    groups = new GroupsService(deps, new GroupRepository(), new UserRepository());
    roles = new RolesService(deps, new RoleRepository());
    const definition = identityConsumer();
    consumer = new IdempotentConsumer({
      dataSource: env.dataSource,
      schema: 'identity',
      groupId: definition.groupId,
      topics: definition.topics,
      transport: new InProcessEventTransport(),
      logger: quiet,
      handle: (tx, envelope) => definition.handle(tx, envelope),
    });
  });

  /** Delivers a change of the principal's counts (a new, higher revision each time). */
  async function hold(
    accountId: string,
    principal: { kind: Kind; id: string; name: string },
    inline: number,
    attached: number,
  ) {
    return consumer.consume(
      record(changed(accountId, principal, { inline, attached, revision: ++revision })),
    );
  }

  function stored(accountId: string) {
    return s.deps.tenantTx.run(accountId as AccountId, (tx) =>
      tx.query<
        {
          principal_id: string;
          inline_policy_count: number;
          attached_policy_count: number;
          revision: string;
        }[]
      >(
        `SELECT principal_id, inline_policy_count, attached_policy_count, revision
         FROM identity.principal_policy_holdings ORDER BY principal_id`,
      ),
    );
  }

  it('subscribes to the policy service topic', () => {
    expect(identityConsumer().topics).toEqual(['iam.policy.principal-policies']);
  });

  it('applies each event once and never goes back to an older revision', async () => {
    const accountId = await s.newAccount();
    const user = await users.createUser(rootOf(accountId), { userName: 'holder' });
    const principal = { kind: 'user' as const, id: user.userId, name: 'holder' };
    const first = record(changed(accountId, principal, { inline: 2, attached: 1, revision: 10 }));
    expect(await consumer.consume(first)).toBe('handled');
    expect(await consumer.consume(first)).toBe('duplicate');
    expect(await stored(accountId)).toEqual([
      {
        principal_id: user.userId,
        inline_policy_count: 2,
        attached_policy_count: 1,
        revision: '10',
      },
    ]);
    // An older change delivered late (another event id) does not overwrite the later one.
    await consumer.consume(
      record(changed(accountId, principal, { inline: 0, attached: 0, revision: 9 })),
    );
    expect((await stored(accountId))[0]).toMatchObject({ inline_policy_count: 2, revision: '10' });
    await consumer.consume(
      record(changed(accountId, principal, { inline: 1, attached: 3, revision: 11 })),
    );
    expect((await stored(accountId))[0]).toMatchObject({
      inline_policy_count: 1,
      attached_policy_count: 3,
      revision: '11',
    });
  });

  it('skips what it cannot use: unknown principals, malformed payloads, another account', async () => {
    const accountId = await s.newAccount();
    const other = await s.newAccount();
    const user = await users.createUser(rootOf(accountId), { userName: 'someone' });
    const unknown = { kind: 'role' as const, id: 'AROAUNKNOWN0000000000', name: 'gone' };
    expect(await hold(accountId, unknown, 1, 1)).toBe('handled');
    const bad = changed(
      accountId,
      { kind: 'user', id: user.userId, name: 'someone' },
      { inline: 1, attached: 0, revision: ++revision },
      { inlinePolicyCount: -1 },
    );
    expect(await consumer.consume(record(bad))).toBe('handled');
    // A payload naming another account than its envelope is not applied (the envelope decides the tenant scope).
    const foreign = changed(
      accountId,
      { kind: 'user', id: user.userId, name: 'someone' },
      { inline: 1, attached: 0, revision: ++revision },
    );
    const forged = { ...foreign, accountId: other };
    expect(await consumer.consume(record(forged))).toBe('handled');
    expect(await stored(accountId)).toEqual([]);
    expect(await stored(other)).toEqual([]);
  });

  it("keeps an account's counts to itself (row-level security, even without an account filter)", async () => {
    const accountId = await s.newAccount();
    const other = await s.newAccount();
    const user = await users.createUser(rootOf(accountId), { userName: 'private' });
    await hold(accountId, { kind: 'user', id: user.userId, name: 'private' }, 1, 1);
    expect(await stored(accountId)).toHaveLength(1);
    const seen = await s.deps.tenantTx.run(other as AccountId, (tx) =>
      tx.query<unknown[]>(`SELECT * FROM identity.principal_policy_holdings`),
    );
    expect(seen).toEqual([]);
    const counts = await s.deps.tenantTx.run(other as AccountId, (tx) =>
      new PrincipalPolicyHoldingsRepository().counts(tx, accountId, user.userId),
    );
    expect(counts).toEqual({ inline: 0, attached: 0 });
  });

  it('refuses deleteUser with DeleteConflict while the user holds policies, unless forced', async () => {
    const accountId = await s.newAccount();
    const root = rootOf(accountId);
    const bob = await users.createUser(root, { userName: 'bob' });
    const principal = { kind: 'user' as const, id: bob.userId, name: 'bob' };
    await hold(accountId, principal, 1, 0);
    await expect(users.deleteUser(root, { userName: 'bob' })).rejects.toMatchObject({
      code: 'DeleteConflict',
      message: expect.stringContaining('Cannot delete entity, must delete policies first.'),
    });
    await hold(accountId, principal, 0, 2);
    await expect(users.deleteUser(root, { userName: 'bob' })).rejects.toMatchObject({
      code: 'DeleteConflict',
      message: expect.stringContaining('Cannot delete entity, must detach all policies first.'),
    });
    await hold(accountId, principal, 0, 0);
    await expect(users.deleteUser(root, { userName: 'bob' })).resolves.toMatchObject({
      entity: { userName: 'bob' },
    });
    expect(await stored(accountId)).toEqual([]);

    // Forced: the deletion goes on (the policy service removes the user's policies on user.deleted.v1).
    const eve = await users.createUser(root, { userName: 'eve' });
    await hold(accountId, { kind: 'user', id: eve.userId, name: 'eve' }, 2, 3);
    const forced = await users.deleteUser(root, { userName: 'eve', force: true });
    expect(forced.entity.userId).toBe(eve.userId);
    expect(await stored(accountId)).toEqual([]);
    const events = await s.events(accountId);
    expect(events.at(-1)).toMatchObject({
      event_type: 'user.deleted.v1',
      aggregate_id: eve.userId,
    });
    // A late event about the deleted user is skipped.
    expect(await hold(accountId, { kind: 'user', id: eve.userId, name: 'eve' }, 0, 0)).toBe(
      'handled',
    );
    expect(await stored(accountId)).toEqual([]);
  });

  it('refuses deleteGroup and deleteRole while they hold policies, and allows them once they hold none', async () => {
    const accountId = await s.newAccount();
    const root = rootOf(accountId);
    const group = await groups.createGroup(root, { groupName: 'ops' });
    const role = await roles.createRole(root, {
      roleName: 'app',
      assumeRolePolicyDocument: EC2_TRUST,
    });
    const g = { kind: 'group' as const, id: group.groupId, name: 'ops' };
    const r = { kind: 'role' as const, id: role.roleId, name: 'app' };
    await hold(accountId, g, 0, 1);
    await hold(accountId, r, 1, 0);
    await expect(groups.deleteGroup(root, { groupName: 'ops' })).rejects.toMatchObject({
      code: 'DeleteConflict',
      message: expect.stringMatching(
        /^Cannot delete entity, must detach all policies first\. group `ops` still has attached managed policies \(1\); detach them first$/,
      ),
    });
    await expect(roles.deleteRole(root, { roleName: 'app' })).rejects.toMatchObject({
      code: 'DeleteConflict',
      message: expect.stringMatching(/^Cannot delete entity, must delete policies first\./),
    });
    await hold(accountId, g, 0, 0);
    await hold(accountId, r, 0, 0);
    await expect(groups.deleteGroup(root, { groupName: 'ops' })).resolves.toMatchObject({
      entity: { groupId: group.groupId },
    });
    await expect(roles.deleteRole(root, { roleName: 'app' })).resolves.toMatchObject({
      entity: { roleId: role.roleId },
    });
    expect(await stored(accountId)).toEqual([]);
  });

  describe('over Kafka', () => {
    let transport: KafkaEventTransport;
    let kafkaConsumer: IdempotentConsumer;
    let namespace: string;

    beforeAll(async () => {
      namespace = uniqueName('identity-pp');
      transport = new KafkaEventTransport({
        brokers: await getTestKafkaBrokers(),
        clientId: namespace,
        logger: quiet,
      });
      const definition = identityConsumer();
      kafkaConsumer = new IdempotentConsumer({
        dataSource: env.dataSource,
        schema: 'identity',
        groupId: `${namespace}.${definition.groupId}`,
        topics: definition.topics.map((t) => `${namespace}.${t}`),
        transport,
        logger: quiet,
        handle: (tx, envelope) => definition.handle(tx, envelope),
      });
      await kafkaConsumer.start();
    });

    afterAll(async () => {
      await kafkaConsumer?.stop();
      await transport?.close();
    });

    it('learns from the policy service topic what blocks deleteRole, in order per principal', async () => {
      const accountId = await s.newAccount();
      const root = rootOf(accountId);
      const role = await roles.createRole(root, {
        roleName: 'kafka-role',
        assumeRolePolicyDocument: EC2_TRUST,
      });
      const principal = { kind: 'role' as const, id: role.roleId, name: 'kafka-role' };
      const publish = (inline: number, attached: number) => {
        const envelope = changed(accountId, principal, {
          inline,
          attached,
          revision: ++revision,
        });
        return transport.publish([
          {
            topic: `${namespace}.${PRINCIPAL_POLICIES_TOPIC}`,
            key: envelope.aggregateId,
            value: JSON.stringify(envelope),
            headers: {},
          },
        ]);
      };
      await publish(1, 0);
      await publish(1, 1);
      await expectEventually(
        async () => {
          expect((await stored(accountId))[0]).toMatchObject({
            inline_policy_count: 1,
            attached_policy_count: 1,
          });
        },
        { timeoutMs: 30_000 },
      );
      await expect(roles.deleteRole(root, { roleName: 'kafka-role' })).rejects.toMatchObject({
        code: 'DeleteConflict',
      });
      await publish(0, 0);
      await expectEventually(
        async () => {
          await expect(roles.deleteRole(root, { roleName: 'kafka-role' })).resolves.toMatchObject({
            entity: { roleId: role.roleId },
          });
        },
        { timeoutMs: 30_000 },
      );
    });
  });
});
