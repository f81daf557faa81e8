import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { Module } from '@nestjs/common';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EffectivePolicies } from '@iam/authorization';
import { CONSISTENCY_HEADER, EFFECTIVE_POLICIES_PATH } from '@iam/authorization';
import { userEvent } from '@iam/event-contracts';
import type { AccountId, CallerContext } from '@iam/common';
import { CLOCK, eventRevisionToken, parseRevisionToken, revisionToken } from '@iam/common';
import {
  CALLER_HEADER,
  generateCallerKeyPair,
  parseCallerSigningKey,
  parseCallerVerifyKey,
  signGatewayToken,
} from '@iam/service-kit';
import { AccountRevisionRepository } from '../src/revisions/account-revision.repository.js';
import {
  CALLER_VERIFY_KEY,
  ConsistencyTimeoutError,
  EffectivePoliciesController,
  EffectivePolicyService,
  principalRef,
} from '../src/effective-policies/index.js';
import type { DecisionsHarness } from './support/decisions-support.js';
import {
  START,
  StoreRows,
  callerOf,
  decisionsHarness,
  doc,
  groupCreated,
  memberAdded,
  roleCreated,
  userCreated,
} from './support/decisions-support.js';

const A = '210987654321';

describe('effective policies', () => {
  let h: DecisionsHarness;
  let store: StoreRows;
  const alice = userCreated(A, 'alice', { tags: [{ key: 'team', value: 'red' }] });
  const devs = groupCreated(A, 'devs');
  const deployer = roleCreated(A, 'deployer', { tags: [{ key: 'env', value: 'prod' }] });
  let deployArn: string;

  beforeAll(async () => {
    h = await decisionsHarness();
    store = new StoreRows(h.tenant);
    for (const e of [alice, devs, deployer, memberAdded(devs, alice)]) await h.consumer.deliver(e);
    deployArn = await store.managedPolicy(
      A,
      'Deploy',
      doc('Allow', 'old:Action'),
      doc('Allow', 'codedeploy:*'),
    );
    await store.inline(A, alice.payload.userId, 'own', doc('Allow', 's3:GetObject'));
    await store.attach(A, alice.payload.userId, deployArn);
    await store.inline(A, devs.payload.groupId, 'team', doc('Allow', 'ec2:Describe*'));
    await store.attach(A, devs.payload.groupId, 'arn:aws:iam::aws:policy/IAMReadOnlyAccess');
    // Attached to the user and to its group: one policy.
    await store.attach(A, devs.payload.groupId, deployArn);
    await store.boundary(A, alice.payload.userId, 'arn:aws:iam::aws:policy/IAMFullAccess');
    await store.guardrail(A, 'no-leave', doc('Deny', 'organizations:LeaveOrganization'));
    await store.guardrail(A, 'allow-all', doc('Allow', '*'));
    await store.inline(A, deployer.payload.roleId, 'deploy', doc('Allow', 'codedeploy:*'));
  });
  afterAll(async () => {
    await h?.close();
  });

  it("assembles a user's own and its groups' inline and attached policies, its boundary, guardrails and tags", async () => {
    const { effective, known } = await h.effective.policiesOf(principalRef(alice.payload.arn));
    expect(known).toBe(true);
    expect(effective.principalId).toBe(alice.payload.userId);
    expect(effective.identityPolicies.map((p) => p.id)).toEqual([
      `${alice.payload.arn}#inline/own`,
      `${devs.payload.arn}#inline/team`,
      deployArn,
      'arn:aws:iam::aws:policy/IAMReadOnlyAccess',
    ]);
    // A customer managed policy counts with its default version.
    expect(effective.identityPolicies.find((p) => p.id === deployArn)?.document).toContain(
      'codedeploy',
    );
    expect(effective.permissionsBoundary?.id).toBe('arn:aws:iam::aws:policy/IAMFullAccess');
    expect(effective.permissionsBoundary?.document).toContain('iam:*');
    expect(effective.guardrails.map((g) => g.id)).toEqual([
      `arn:aws:iam::${A}:guardrail/allow-all`,
      `arn:aws:iam::${A}:guardrail/no-leave`,
    ]);
    expect(effective.principalTags).toEqual({ team: 'red' });
    expect(BigInt(effective.revision)).toBeGreaterThan(0n);
  });

  it('gives the root the administrator policy capped by the guardrails, and a role session its role', async () => {
    const root = await h.effective.policiesOf(principalRef(`arn:aws:iam::${A}:root`));
    expect(root.effective.principalId).toBeNull();
    expect(JSON.parse(root.effective.identityPolicies[0]!.document)).toMatchObject({
      Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }],
    });
    expect(root.effective.guardrails).toHaveLength(2);
    const session = await h.effective.policiesOf(
      principalRef(`arn:aws:sts::${A}:assumed-role/deployer/build-42`),
    );
    expect(session.effective.principalId).toBe(deployer.payload.roleId);
    expect(session.effective.identityPolicies.map((p) => p.id)).toEqual([
      `${deployer.payload.arn}#inline/deploy`,
    ]);
    expect(session.effective.principalTags).toEqual({ env: 'prod' });
  });

  it('answers from the cache at the same revision and assembles again after any change of the account', async () => {
    const ref = principalRef(alice.payload.arn);
    const first = await h.effective.policiesOf(ref);
    const again = await h.effective.policiesOf(ref);
    expect(again).toBe(first);
    await store.inline(A, devs.payload.groupId, 'more', doc('Allow', 'sqs:*'));
    const after = await h.effective.policiesOf(ref);
    expect(after).not.toBe(first);
    expect(after.effective.identityPolicies.map((p) => p.id)).toContain(
      `${devs.payload.arn}#inline/more`,
    );
  });

  it('assembles once for concurrent misses of one principal at one revision', async () => {
    // Warm connections, so that the reads below really run side by side.
    await Promise.all(
      Array.from({ length: 4 }, () =>
        h.tenant.run(A as AccountId, (tx) => tx.query('SELECT pg_sleep(0.05)')),
      ),
    );
    await store.inline(A, alice.payload.userId, 'burst', doc('Allow', 'logs:*'));
    const before = h.effective.cacheStats.assemblies;
    const answers = await Promise.all(
      Array.from({ length: 8 }, () => h.effective.policiesOf(principalRef(alice.payload.arn))),
    );
    expect(h.effective.cacheStats.assemblies - before).toBe(1);
    expect(new Set(answers).size).toBe(1);
    expect(answers[0]!.effective.identityPolicies.map((p) => p.id)).toContain(
      `${alice.payload.arn}#inline/burst`,
    );
  });

  it('waits (bounded, on the injected clock) for a revision token, then fails with ConsistencyTimeout', async () => {
    const current = await h.tenant.run(A as AccountId, (tx) =>
      new AccountRevisionRepository().current(tx, A),
    );
    const ahead = parseRevisionToken(revisionToken(A as AccountId, current + 1n));
    const started = h.clock.now().getTime();
    const failed = await h.effective
      .policiesOf(principalRef(alice.payload.arn), { consistency: ahead })
      .catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(ConsistencyTimeoutError);
    expect(failed).toMatchObject({ code: 'ConsistencyTimeout' });
    expect(h.clock.now().getTime() - started).toBe(5_000);
    // The change lands while the read waits: answered with it.
    let landed = false;
    const waiting = decisionsHarnessSharing(h, async () => {
      if (!landed) {
        landed = true;
        await store.inline(A, alice.payload.userId, 'late', doc('Allow', 'sns:*'));
      }
    });
    const found = await waiting.policiesOf(principalRef(alice.payload.arn), { consistency: ahead });
    expect(BigInt(found.effective.revision)).toBeGreaterThanOrEqual(
      ahead.kind === 'revision' ? ahead.revision : 0n,
    );
    expect(found.effective.identityPolicies.map((p) => p.id)).toContain(
      `${alice.payload.arn}#inline/late`,
    );
  });

  it('waits for an identity event named by an event token, and for a principal just created', async () => {
    const bob = userCreated(A, 'bob');
    const token = parseRevisionToken(eventRevisionToken(A as AccountId, bob.id));
    const waiting = decisionsHarnessSharing(h, async () => {
      await h.consumer.deliver(bob);
    });
    const found = await waiting.policiesOf(principalRef(bob.payload.arn), { consistency: token });
    expect(found.known).toBe(true);
    const carol = userCreated(A, 'carol');
    const waitingForCarol = decisionsHarnessSharing(h, async () => {
      await h.consumer.deliver(carol);
    });
    const carols = await waitingForCarol.policiesOf(principalRef(carol.payload.arn), {
      waitForPrincipal: true,
    });
    expect(carols).toMatchObject({ known: true, effective: { principalId: carol.payload.userId } });
    // Never created: no policies after the bound.
    const ghost = await h.effective.policiesOf(principalRef(`arn:aws:iam::${A}:user/ghost`), {
      waitForPrincipal: true,
    });
    expect(ghost).toMatchObject({
      known: false,
      effective: { identityPolicies: [], principalId: null },
    });
  });

  it("waits for the account's creation before answering for a principal of an account the replica does not know", async () => {
    // identity's events travel on separate topics: the first administrator's `user.created.v1` may be applied before
    // the `account.created.v1` that attaches its AdministratorAccess.
    const C = '310987654321';
    const adminArn = `arn:aws:iam::${C}:user/admin`;
    const adminId = 'AIDAWAITSFORACCOUNT1';
    await h.tenant.run(C as AccountId, (tx) =>
      tx.query(
        `INSERT INTO policy.principals (principal_id, account_id, kind, name, path, arn, updated_at)
         VALUES ($1, $2, 'user', 'admin', '/', $3, now())`,
        [adminId, C, adminArn],
      ),
    );
    let polls = 0;
    const waiting = decisionsHarnessSharing(h, async () => {
      if (++polls !== 3) return;
      // The account's creation arrives (what the replica does for `initialAdministrator`).
      await h.tenant.run(C as AccountId, async (tx) => {
        await tx.query(
          `INSERT INTO policy.accounts (account_id, status, created_at) VALUES ($1, 'active', now())`,
          [C],
        );
        await tx.query(
          `INSERT INTO policy.attachments (principal_id, policy_arn, account_id, attached_at)
           VALUES ($1, 'arn:aws:iam::aws:policy/AdministratorAccess', $2, now())`,
          [adminId, C],
        );
        await new AccountRevisionRepository().bump(tx, C);
      });
    });
    const found = await waiting.policiesOf(principalRef(adminArn), { waitForPrincipal: true });
    expect(polls).toBe(3);
    expect(found.effective.identityPolicies.map((p) => p.id)).toEqual([
      'arn:aws:iam::aws:policy/AdministratorAccess',
    ]);
  });

  it('answers a deleted principal at once with no policies (its sessions end at the gateway, without waiting here)', async () => {
    const dave = userCreated(A, 'dave');
    await h.consumer.deliver(dave);
    await store.attach(A, dave.payload.userId, 'arn:aws:iam::aws:policy/IAMReadOnlyAccess');
    await h.consumer.deliver(
      userEvent(
        'user.deleted.v1',
        { id: randomUUID(), occurredAt: START, actor: null },
        dave.payload,
      ),
    );
    let polls = 0;
    const counting = decisionsHarnessSharing(h, () => {
      polls++;
      return Promise.resolve();
    });
    const found = await counting.policiesOf(principalRef(dave.payload.arn), {
      waitForPrincipal: true,
    });
    expect(polls).toBe(0);
    expect(found).toMatchObject({ known: false, effective: { identityPolicies: [] } });
  });

  describe(`GET ${EFFECTIVE_POLICIES_PATH}`, () => {
    let app: INestApplication;
    let url: string;
    const keys = generateCallerKeyPair();
    const other = generateCallerKeyPair();
    const nowSeconds = () => Math.floor(h.clock.now().getTime() / 1000);
    const token = (
      caller: CallerContext,
      options: {
        kind?: 'caller' | 'anonymous' | 'internal';
        audience?: string;
        key?: string;
        at?: number;
      } = {},
    ) =>
      signGatewayToken(
        options.kind ?? 'caller',
        caller,
        options.audience ?? 'identity',
        parseCallerSigningKey(options.key ?? keys.privateKey),
        options.at ?? nowSeconds(),
      );
    const get = async (headers: Record<string, string>) => {
      const res = await fetch(`${url}${EFFECTIVE_POLICIES_PATH}`, { headers });
      return { status: res.status, body: (await res.json()) as Record<string, unknown> };
    };

    beforeAll(async () => {
      @Module({
        controllers: [EffectivePoliciesController],
        providers: [
          { provide: EffectivePolicyService, useValue: h.effective },
          { provide: CALLER_VERIFY_KEY, useValue: parseCallerVerifyKey(keys.publicKey) },
          { provide: CLOCK, useValue: h.clock },
        ],
      })
      class EndpointModule {}
      app = await NestFactory.create(EndpointModule, { logger: false });
      await app.listen(0, '127.0.0.1');
      const server = app.getHttpServer() as { address(): AddressInfo };
      url = `http://127.0.0.1:${server.address().port}`;
    });
    afterAll(async () => {
      await app?.close();
    });

    it("answers a valid caller token with that caller's own effective policies, for any subgraph audience", async () => {
      for (const audience of ['identity', 'audit', 'policy']) {
        const { status, body } = await get({
          [CALLER_HEADER]: token(callerOf(alice.payload.arn), { audience }),
        });
        expect(status).toBe(200);
        const effective = body as unknown as EffectivePolicies;
        expect(effective.principalArn).toBe(alice.payload.arn);
        expect(effective.accountId).toBe(A);
        expect(effective.identityPolicies.length).toBeGreaterThan(2);
      }
    });

    it('refuses a missing, forged, expired, other-kind or non-subgraph token with 401', async () => {
      const caller = callerOf(alice.payload.arn);
      const refused: Record<string, string>[] = [
        {},
        { [CALLER_HEADER]: token(caller, { key: other.privateKey }) },
        { [CALLER_HEADER]: token(caller, { at: nowSeconds() - 120 }) },
        { [CALLER_HEADER]: token(caller, { kind: 'anonymous' }) },
        { [CALLER_HEADER]: token(caller, { kind: 'internal' }) },
        { [CALLER_HEADER]: token(caller, { audience: 'gateway' }) },
        {
          [CALLER_HEADER]: `${token(caller).split('.')[0]!.slice(0, -2)}xx.${token(caller).split('.')[1]!}`,
        },
      ];
      for (const headers of refused) {
        const { status, body } = await get(headers);
        expect(status).toBe(401);
        expect(body).toMatchObject({ code: 'Unauthenticated' });
        expect(JSON.stringify(body)).not.toContain('identityPolicies');
      }
    });

    it('honours x-iam-consistency: 503 ConsistencyTimeout when the revision is not reached', async () => {
      const ahead = revisionToken(A as AccountId, 10_000n);
      const { status, body } = await get({
        [CALLER_HEADER]: token(callerOf(alice.payload.arn)),
        [CONSISTENCY_HEADER]: ahead,
      });
      expect(status).toBe(503);
      expect(body).toMatchObject({ code: 'ConsistencyTimeout' });
      const bad = await get({
        [CALLER_HEADER]: token(callerOf(alice.payload.arn)),
        [CONSISTENCY_HEADER]: 'not-a-token',
      });
      expect(bad).toMatchObject({ status: 400, body: { code: 'InvalidInput' } });
      const ok = await get({
        [CALLER_HEADER]: token(callerOf(alice.payload.arn)),
        [CONSISTENCY_HEADER]: revisionToken(A as AccountId, 1n),
      });
      expect(ok.status).toBe(200);
    });
  });
});

/** A service on the same database and clock whose every poll first runs `beforePoll` (the change that lands). */
function decisionsHarnessSharing(
  h: DecisionsHarness,
  beforePoll: () => Promise<void>,
): EffectivePolicyService {
  return new EffectivePolicyService({
    tenant: h.tenant,
    clock: h.clock,
    pollMs: 100,
    sleep: async (ms) => {
      h.clock.advance(ms);
      await beforePoll();
    },
  });
}
