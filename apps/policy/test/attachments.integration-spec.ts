import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PolicyStoreHarness } from './policy-store.support.js';
import {
  A,
  PLATFORM_ADMIN,
  allow,
  policyStoreHarness,
  rejection,
  userOf,
  revisionOf,
  ADMINISTRATOR_ACCESS_ARN,
} from './policy-store.support.js';

const alice = userOf(A, 'alice');
const ADMIN_ARN = ADMINISTRATOR_ACCESS_ARN;
const READ_ONLY_ARN = 'arn:aws:iam::aws:policy/IAMReadOnlyAccess';

describe('attachments and permissions boundaries', () => {
  let h: PolicyStoreHarness;
  const local: string[] = [];
  beforeAll(async () => {
    h = await policyStoreHarness();
    await h.principal(A, 'user', 'ann', '/eng/');
    await h.principal(A, 'group', 'devs', '/eng/');
    await h.principal(A, 'role', 'deployer');
    for (let i = 0; i < 12; i++) {
      const { value } = await h.services.managed.createPolicy(alice, {
        policyName: `P${String(i).padStart(2, '0')}`,
        path: i % 2 === 0 ? '/even/' : '/',
        policyDocument: allow(`s3:Action${i}`),
      });
      local.push(value.arn);
    }
  });
  afterAll(async () => {
    await h?.close();
  });

  for (const [kind, name] of [
    ['user', 'ann'],
    ['group', 'devs'],
    ['role', 'deployer'],
  ] as const) {
    it(`attaches to and detaches from a ${kind}: NoSuchEntity for a missing policy, twice is a no-op`, async () => {
      const s = h.services.attachments;
      const first = await s.attachPolicy(alice, kind, {
        principalName: name,
        policyArn: ADMIN_ARN,
      });
      const eventsBefore = (await h.outbox()).length;
      const again = await s.attachPolicy(alice, kind, {
        principalName: name,
        policyArn: ADMIN_ARN,
      });
      expect(revisionOf(again.revisionToken)).toBe(revisionOf(first.revisionToken));
      expect((await h.outbox()).length).toBe(eventsBefore);
      await s.attachPolicy(alice, kind, { principalName: name, policyArn: local[0]! });
      const listed = await s.listAttachedPolicies(alice, kind, { principalName: name });
      expect(listed.items).toEqual([
        { policyName: 'AdministratorAccess', policyArn: ADMIN_ARN },
        { policyName: 'P00', policyArn: local[0] },
      ]);
      expect(
        (await s.listAttachedPolicies(alice, kind, { principalName: name, pathPrefix: '/even/' }))
          .items,
      ).toEqual([{ policyName: 'P00', policyArn: local[0] }]);
      const paged = await s.listAttachedPolicies(alice, kind, { principalName: name, maxItems: 1 });
      expect(paged.isTruncated).toBe(true);
      expect(
        (await s.listAttachedPolicies(alice, kind, { principalName: name, marker: paged.marker }))
          .items,
      ).toHaveLength(1);

      const missing = `arn:aws:iam::${A}:policy/Missing`;
      expect(
        (await rejection(s.attachPolicy(alice, kind, { principalName: name, policyArn: missing })))
          .code,
      ).toBe('NoSuchEntity');
      expect(
        (
          await rejection(
            s.attachPolicy(alice, kind, {
              principalName: name,
              policyArn: 'arn:aws:iam::aws:policy/NoSuchAwsPolicy',
            }),
          )
        ).code,
      ).toBe('NoSuchEntity');
      expect(
        (
          await rejection(
            s.attachPolicy(alice, kind, { principalName: 'ghost', policyArn: ADMIN_ARN }),
          )
        ).code,
      ).toBe('NoSuchEntity');
      expect(
        (
          await rejection(
            s.detachPolicy(alice, kind, { principalName: name, policyArn: READ_ONLY_ARN }),
          )
        ).code,
      ).toBe('NoSuchEntity');
      const detached = await s.detachPolicy(alice, kind, {
        principalName: name,
        policyArn: local[0]!,
      });
      expect(revisionOf(detached.revisionToken)).toBeGreaterThan(revisionOf(first.revisionToken));
      const last = (await h.outbox()).at(-1)!;
      expect(last.event_type).toBe('principal-policies.changed.v1');
      expect(last.envelope['payload']).toMatchObject({
        policy: local[0],
        attachedPolicyCount: 1,
        inlinePolicyCount: 0,
      });
      await s.detachPolicy(alice, kind, { principalName: name, policyArn: ADMIN_ARN });
    });
  }

  it('allows 10 managed policies per entity and refuses the 11th (LimitExceeded); the account quota can be raised', async () => {
    const s = h.services.attachments;
    for (const arn of local.slice(0, 10))
      await s.attachPolicy(alice, 'role', { principalName: 'deployer', policyArn: arn });
    const eleventh = await rejection(
      s.attachPolicy(alice, 'role', { principalName: 'deployer', policyArn: local[10]! }),
    );
    expect(eleventh.code).toBe('LimitExceeded');
    expect(eleventh.message).toContain('PoliciesPerRole: 10');
    // Re-attaching one already attached is still a no-op at the limit.
    await s.attachPolicy(alice, 'role', { principalName: 'deployer', policyArn: local[0]! });

    expect(
      (
        await rejection(
          h.services.quotas.updateAccountPolicyQuotas(alice, {
            accountId: A,
            maxManagedPoliciesPerPrincipal: 20,
          }),
        )
      ).code,
    ).toBe('AccessDenied');
    expect(
      (
        await rejection(
          h.services.quotas.updateAccountPolicyQuotas(PLATFORM_ADMIN, {
            accountId: A,
            maxManagedPoliciesPerPrincipal: 21,
          }),
        )
      ).code,
    ).toBe('InvalidInput');
    const raised = await h.services.quotas.updateAccountPolicyQuotas(PLATFORM_ADMIN, {
      accountId: A,
      maxManagedPoliciesPerPrincipal: 11,
    });
    expect(raised.maxManagedPoliciesPerPrincipal).toBe(11);
    await s.attachPolicy(alice, 'role', { principalName: 'deployer', policyArn: local[10]! });
    expect(
      (
        await rejection(
          s.attachPolicy(alice, 'role', { principalName: 'deployer', policyArn: local[11]! }),
        )
      ).code,
    ).toBe('LimitExceeded');
    await h.services.quotas.updateAccountPolicyQuotas(PLATFORM_ADMIN, { accountId: A });
    for (const arn of local.slice(0, 11))
      await s.detachPolicy(alice, 'role', { principalName: 'deployer', policyArn: arn });
  });

  it('sets and removes permissions boundaries of users and roles (the boundary must exist)', async () => {
    const s = h.services.attachments;
    expect(
      (
        await rejection(
          s.putPermissionsBoundary(alice, 'user', {
            principalName: 'ann',
            permissionsBoundary: `arn:aws:iam::${A}:policy/Missing`,
          }),
        )
      ).code,
    ).toBe('NoSuchEntity');
    expect(
      (
        await rejection(
          s.putPermissionsBoundary(alice, 'role', {
            principalName: 'ghost',
            permissionsBoundary: READ_ONLY_ARN,
          }),
        )
      ).code,
    ).toBe('NoSuchEntity');
    const put = await s.putPermissionsBoundary(alice, 'user', {
      principalName: 'ann',
      permissionsBoundary: READ_ONLY_ARN,
    });
    let last = (await h.outbox()).at(-1)!;
    expect(last.envelope['payload']).toMatchObject({
      change: 'PutUserPermissionsBoundary',
      permissionsBoundaryArn: READ_ONLY_ARN,
    });
    await s.putPermissionsBoundary(alice, 'role', {
      principalName: 'deployer',
      permissionsBoundary: local[1]!,
    });
    expect(
      (await h.services.managed.getPolicy(alice, { policyArn: READ_ONLY_ARN }))
        .permissionsBoundaryUsageCount,
    ).toBe(1);
    const removed = await s.deletePermissionsBoundary(alice, 'user', { principalName: 'ann' });
    expect(revisionOf(removed.revisionToken)).toBeGreaterThan(revisionOf(put.revisionToken));
    last = (await h.outbox()).at(-1)!;
    expect(last.envelope['payload']).toMatchObject({
      change: 'DeleteUserPermissionsBoundary',
      permissionsBoundaryArn: null,
      policy: null,
    });
    expect(
      (await h.services.managed.getPolicy(alice, { policyArn: READ_ONLY_ARN }))
        .permissionsBoundaryUsageCount,
    ).toBe(0);
  });

  it('lists the entities that use a policy, by kind, path prefix and usage', async () => {
    const s = h.services.attachments;
    const arn = local[2]!;
    await s.attachPolicy(alice, 'user', { principalName: 'ann', policyArn: arn });
    await s.attachPolicy(alice, 'group', { principalName: 'devs', policyArn: arn });
    await s.putPermissionsBoundary(alice, 'role', {
      principalName: 'deployer',
      permissionsBoundary: arn,
    });
    const all = await s.listEntitiesForPolicy(alice, { policyArn: arn });
    expect(all.items.map((e) => `${e.kind}:${e.name}`)).toEqual([
      'group:devs',
      'role:deployer',
      'user:ann',
    ]);
    expect(all.items.every((e) => /^A(IDA|GPA|ROA)/.test(e.id))).toBe(true);
    const permissions = await s.listEntitiesForPolicy(alice, {
      policyArn: arn,
      policyUsageFilter: 'PermissionsPolicy',
    });
    expect(permissions.items.map((e) => e.name)).toEqual(['devs', 'ann']);
    const boundary = await s.listEntitiesForPolicy(alice, {
      policyArn: arn,
      policyUsageFilter: 'PermissionsBoundary',
    });
    expect(boundary.items.map((e) => e.name)).toEqual(['deployer']);
    expect(
      (await s.listEntitiesForPolicy(alice, { policyArn: arn, entityFilter: 'User' })).items.map(
        (e) => e.name,
      ),
    ).toEqual(['ann']);
    expect(
      (await s.listEntitiesForPolicy(alice, { policyArn: arn, pathPrefix: '/eng/' })).items.map(
        (e) => e.name,
      ),
    ).toEqual(['devs', 'ann']);
    expect(
      (await s.listEntitiesForPolicy(alice, { policyArn: arn, entityFilter: 'AWSManagedPolicy' }))
        .items,
    ).toEqual([]);
    const page = await s.listEntitiesForPolicy(alice, { policyArn: arn, maxItems: 2 });
    expect(page.isTruncated).toBe(true);
    expect(
      (await s.listEntitiesForPolicy(alice, { policyArn: arn, marker: page.marker })).items.map(
        (e) => e.name,
      ),
    ).toEqual(['ann']);
    expect(
      (
        await rejection(
          s.listEntitiesForPolicy(alice, { policyArn: `arn:aws:iam::${A}:policy/Missing` }),
        )
      ).code,
    ).toBe('NoSuchEntity');
  });
});

describe('attachment quota under concurrency', () => {
  it('never lets concurrent attachments exceed the quota (exactly 10 of 12 succeed)', async () => {
    const h = await policyStoreHarness();
    try {
      const alice = userOf(A, 'alice');
      await h.principal(A, 'user', 'busy');
      const arns: string[] = [];
      for (let i = 0; i < 12; i++) {
        const { value } = await h.services.managed.createPolicy(alice, {
          policyName: `C${i}`,
          policyDocument: allow(`s3:A${i}`),
        });
        arns.push(value.arn);
      }
      const results = await Promise.allSettled(
        arns.map((policyArn) =>
          h.services.attachments.attachPolicy(alice, 'user', { principalName: 'busy', policyArn }),
        ),
      );
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(10);
      const refused = results.flatMap((r) =>
        r.status === 'rejected' ? [r.reason as { code: string }] : [],
      );
      expect(refused.map((e) => e.code)).toEqual(['LimitExceeded', 'LimitExceeded']);
      const listed = await h.services.attachments.listAttachedPolicies(alice, 'user', {
        principalName: 'busy',
      });
      expect(listed.items).toHaveLength(10);
    } finally {
      await h.close();
    }
  });
});
