import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AWS_MANAGED_POLICIES } from '../src/aws-managed/aws-managed-policies.js';
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

describe('managed policies', () => {
  let h: PolicyStoreHarness;
  beforeAll(async () => {
    h = await policyStoreHarness();
  });
  afterAll(async () => {
    await h?.close();
  });

  it('creates a policy with an ANPA id, its ARN, version v1, tags, and a revision token; gets it back', async () => {
    const created = await h.services.managed.createPolicy(alice, {
      policyName: 'ReadThings',
      path: '/team/',
      description: 'reads',
      policyDocument: allow('s3:GetObject'),
      tags: [{ key: 'team', value: 'blue' }],
    });
    expect(created.value.policyId).toMatch(/^ANPA[A-Z2-7]{17}$/);
    expect(created.value.arn).toBe(`arn:aws:iam::${A}:policy/team/ReadThings`);
    expect(created.value.defaultVersionId).toBe('v1');
    expect(created.value.attachmentCount).toBe(0);
    const got = await h.services.managed.getPolicy(alice, { policyArn: created.value.arn });
    expect(got).toMatchObject({ policyName: 'ReadThings', path: '/team/', description: 'reads' });
    expect(got.tags).toEqual([{ key: 'team', value: 'blue' }]);
    const version = await h.services.managed.getPolicyVersion(alice, {
      policyArn: created.value.arn,
      versionId: 'v1',
    });
    expect(version).toMatchObject({ isDefaultVersion: true, document: allow('s3:GetObject') });
    const events = await h.outbox();
    const event = events.find((e) => e.event_type === 'policy.created.v1');
    expect(event?.envelope).toMatchObject({
      aggregateType: 'policy',
      payload: { policyName: 'ReadThings', document: allow('s3:GetObject'), accountId: A },
    });
    expect(revisionOf(created.revisionToken)).toBeGreaterThan(0n);
  });

  it('refuses a second policy of the same name regardless of case (EntityAlreadyExists)', async () => {
    const error = await rejection(
      h.services.managed.createPolicy(alice, {
        policyName: 'readthings',
        policyDocument: allow('s3:*'),
      }),
    );
    expect(error.code).toBe('EntityAlreadyExists');
  });

  it('lists every error finding with pointer, line and column (MalformedPolicyDocument)', async () => {
    const text =
      '{\n  "Version": "2012-10-17",\n  "Statement": [{"Effect": "Maybe", "Action": "s3:Get", "Resource": "nope"}]\n}';
    const error = await rejection(
      h.services.managed.createPolicy(alice, { policyName: 'Bad', policyDocument: text }),
    );
    expect(error.code).toBe('MalformedPolicyDocument');
    const issues = JSON.parse(String(error.details?.['issues'])) as {
      code: string;
      pointer: string;
      line: number;
      column: number;
    }[];
    expect(issues.map((i) => i.code).sort()).toEqual(['INVALID_ARN_PREFIX', 'INVALID_EFFECT']);
    expect(issues.find((i) => i.code === 'INVALID_EFFECT')).toMatchObject({
      pointer: '/Statement/0/Effect',
      line: 3,
    });
    expect(error.details?.['issueCount']).toBe(2);
  });

  it('answers LimitExceeded for a document over 6,144 characters (white space not counted) and accepts 6,144', async () => {
    const document = (n: number) => {
      const base = allow('s3:GetObject', 'arn:aws:s3:::x');
      const pad = n - base.length;
      return allow('s3:GetObject', `arn:aws:s3:::x${'a'.repeat(pad)}`);
    };
    expect(document(6144).length).toBe(6144);
    await h.services.managed.createPolicy(alice, {
      policyName: 'Exactly6144',
      policyDocument: document(6144),
    });
    const error = await rejection(
      h.services.managed.createPolicy(alice, {
        policyName: 'Over6144',
        policyDocument: document(6145),
      }),
    );
    expect(error.code).toBe('LimitExceeded');
  });

  it('checks names, paths, version ids and ARNs (InvalidInput)', async () => {
    const m = h.services.managed;
    expect(
      (
        await rejection(
          m.createPolicy(alice, { policyName: 'bad name', policyDocument: allow('s3:*') }),
        )
      ).code,
    ).toBe('InvalidInput');
    expect(
      (
        await rejection(
          m.createPolicy(alice, { policyName: 'P', path: 'nope', policyDocument: allow('s3:*') }),
        )
      ).code,
    ).toBe('InvalidInput');
    expect(
      (await rejection(m.getPolicy(alice, { policyArn: 'arn:aws:iam::111111111111:user/x' }))).code,
    ).toBe('InvalidInput');
    expect(
      (await rejection(m.getPolicyVersion(alice, { policyArn: ADMIN_ARN, versionId: 'version1' })))
        .code,
    ).toBe('InvalidInput');
  });

  it('keeps at most 5 versions (LimitExceeded on the sixth), sets defaults, refuses to delete the default', async () => {
    const m = h.services.managed;
    const { value: policy } = await m.createPolicy(alice, {
      policyName: 'Versioned',
      policyDocument: allow('s3:A'),
    });
    let last = '';
    for (let i = 2; i <= 5; i++) {
      const v = await m.createPolicyVersion(alice, {
        policyArn: policy.arn,
        policyDocument: allow(`s3:V${i}`),
        setAsDefault: i === 3,
      });
      expect(v.value.versionId).toBe(`v${i}`);
      if (last !== '') expect(revisionOf(v.revisionToken)).toBeGreaterThan(revisionOf(last));
      last = v.revisionToken;
    }
    const sixth = await rejection(
      m.createPolicyVersion(alice, { policyArn: policy.arn, policyDocument: allow('s3:V6') }),
    );
    expect(sixth.code).toBe('LimitExceeded');
    expect((await m.getPolicy(alice, { policyArn: policy.arn })).defaultVersionId).toBe('v3');
    const versions = await m.listPolicyVersions(alice, { policyArn: policy.arn, maxItems: 2 });
    expect(versions.items.map((v) => v.versionId)).toEqual(['v5', 'v4']);
    expect(versions.isTruncated).toBe(true);
    const next = await m.listPolicyVersions(alice, {
      policyArn: policy.arn,
      marker: versions.marker,
    });
    expect(next.items.map((v) => v.versionId)).toEqual(['v3', 'v2', 'v1']);
    expect(next.items.find((v) => v.versionId === 'v3')?.isDefaultVersion).toBe(true);

    const deleteDefault = await rejection(
      m.deletePolicyVersion(alice, { policyArn: policy.arn, versionId: 'v3' }),
    );
    expect(deleteDefault.code).toBe('DeleteConflict');
    expect(
      (await rejection(m.deletePolicyVersion(alice, { policyArn: policy.arn, versionId: 'v9' })))
        .code,
    ).toBe('NoSuchEntity');
    expect(
      (
        await rejection(
          m.setDefaultPolicyVersion(alice, { policyArn: policy.arn, versionId: 'v9' }),
        )
      ).code,
    ).toBe('NoSuchEntity');
    await m.setDefaultPolicyVersion(alice, { policyArn: policy.arn, versionId: 'v5' });
    expect(
      (await m.getPolicyVersion(alice, { policyArn: policy.arn, versionId: 'v5' }))
        .isDefaultVersion,
    ).toBe(true);

    // DeletePolicy: DeleteConflict while non-default versions remain.
    expect((await rejection(m.deletePolicy(alice, { policyArn: policy.arn }))).code).toBe(
      'DeleteConflict',
    );
    for (const versionId of ['v1', 'v2', 'v3', 'v4']) {
      await m.deletePolicyVersion(alice, { policyArn: policy.arn, versionId });
    }
    // After deletions the numbering goes on (AWS never reuses a version id).
    const v6 = await m.createPolicyVersion(alice, {
      policyArn: policy.arn,
      policyDocument: allow('s3:V6'),
    });
    expect(v6.value.versionId).toBe('v6');
    await m.deletePolicyVersion(alice, { policyArn: policy.arn, versionId: 'v6' });
    await m.deletePolicy(alice, { policyArn: policy.arn });
    expect((await rejection(m.getPolicy(alice, { policyArn: policy.arn }))).code).toBe(
      'NoSuchEntity',
    );
    const types = (await h.outbox()).map((e) => e.event_type);
    for (const type of [
      'policy.version-created.v1',
      'policy.default-version-set.v1',
      'policy.version-deleted.v1',
      'policy.deleted.v1',
    ]) {
      expect(types).toContain(type);
    }
  });

  it('tags and untags (keys regardless of case, at most 50, no aws: prefix)', async () => {
    const m = h.services.managed;
    const { value: policy } = await m.createPolicy(alice, {
      policyName: 'Tagged',
      policyDocument: allow('s3:A'),
    });
    await m.tagPolicy(alice, {
      policyArn: policy.arn,
      tags: [
        { key: 'Env', value: 'dev' },
        { key: 'Team', value: 'a' },
      ],
    });
    const retagged = await m.tagPolicy(alice, {
      policyArn: policy.arn,
      tags: [{ key: 'ENV', value: 'prod' }],
    });
    expect(retagged.value.tags).toEqual([
      { key: 'Env', value: 'prod' },
      { key: 'Team', value: 'a' },
    ]);
    expect(
      (
        await rejection(
          m.tagPolicy(alice, { policyArn: policy.arn, tags: [{ key: 'aws:x', value: '1' }] }),
        )
      ).code,
    ).toBe('InvalidInput');
    const many = Array.from({ length: 48 }, (_, i) => ({ key: `k${i}`, value: 'v' }));
    await m.tagPolicy(alice, { policyArn: policy.arn, tags: many });
    expect((await m.listPolicyTags(alice, { policyArn: policy.arn })).items).toHaveLength(50);
    const over = await rejection(
      m.tagPolicy(alice, { policyArn: policy.arn, tags: [{ key: 'one-more', value: 'v' }] }),
    );
    expect(over.code).toBe('LimitExceeded');
    await m.untagPolicy(alice, { policyArn: policy.arn, tagKeys: ['env', 'missing'] });
    const page = await m.listPolicyTags(alice, { policyArn: policy.arn, maxItems: 10 });
    expect(page.items).toHaveLength(10);
    expect(page.isTruncated).toBe(true);
    expect(page.items.some((t) => t.key === 'Env')).toBe(false);
    const types = (await h.outbox()).map((e) => e.event_type);
    expect(types).toContain('policy.tagged.v1');
    expect(types).toContain('policy.untagged.v1');
  });

  it('serves the AWS managed policies read-only: listed, readable, every change AccessDenied', async () => {
    const m = h.services.managed;
    const got = await m.getPolicy(alice, { policyArn: ADMIN_ARN });
    expect(got).toMatchObject({
      policyName: 'AdministratorAccess',
      awsManaged: true,
      defaultVersionId: 'v1',
    });
    const version = await m.getPolicyVersion(alice, { policyArn: ADMIN_ARN, versionId: 'v1' });
    expect(JSON.parse(version.document)).toEqual({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }],
    });
    expect(
      (await rejection(m.getPolicyVersion(alice, { policyArn: ADMIN_ARN, versionId: 'v2' }))).code,
    ).toBe('NoSuchEntity');
    const aws = await m.listPolicies(alice, { scope: 'AWS' });
    expect(aws.items.map((p) => p.policyName)).toEqual(
      AWS_MANAGED_POLICIES.map((p) => p.policyName).sort((x, y) =>
        x.toLowerCase() < y.toLowerCase() ? -1 : 1,
      ),
    );
    for (const attempt of [
      () => m.deletePolicy(alice, { policyArn: ADMIN_ARN }),
      () => m.createPolicyVersion(alice, { policyArn: ADMIN_ARN, policyDocument: allow('s3:*') }),
      () => m.setDefaultPolicyVersion(alice, { policyArn: ADMIN_ARN, versionId: 'v1' }),
      () => m.deletePolicyVersion(alice, { policyArn: ADMIN_ARN, versionId: 'v1' }),
      () => m.tagPolicy(alice, { policyArn: ADMIN_ARN, tags: [{ key: 'a', value: 'b' }] }),
      () => m.untagPolicy(alice, { policyArn: ADMIN_ARN, tagKeys: ['a'] }),
    ]) {
      expect((await rejection(attempt())).code).toBe('AccessDenied');
    }
    expect((await m.listPolicyTags(alice, { policyArn: ADMIN_ARN })).items).toEqual([]);
  });

  it('lists with scope, path prefix, only-attached and usage filters, paging with markers', async () => {
    const m = h.services.managed;
    const local = await m.listPolicies(alice, { scope: 'Local' });
    expect(local.items.every((p) => !p.awsManaged)).toBe(true);
    expect(local.items.map((p) => p.policyName)).toContain('ReadThings');
    const team = await m.listPolicies(alice, { pathPrefix: '/team/' });
    expect(team.items.map((p) => p.policyName)).toEqual(['ReadThings']);
    const all: string[] = [];
    let marker: string | null = null;
    do {
      const page = await m.listPolicies(alice, { maxItems: 2, marker });
      all.push(...page.items.map((p) => p.policyName));
      marker = page.marker;
    } while (marker !== null);
    const once = await m.listPolicies(alice, {});
    expect(all).toEqual(once.items.map((p) => p.policyName));
    expect(all.length).toBe(local.items.length + AWS_MANAGED_POLICIES.length);

    const userId = await h.principal(A, 'user', 'lister');
    await h.services.attachments.attachPolicy(alice, 'user', {
      principalName: 'lister',
      policyArn: ADMIN_ARN,
    });
    await h.services.attachments.putPermissionsBoundary(alice, 'user', {
      principalName: 'lister',
      permissionsBoundary: `arn:aws:iam::${A}:policy/team/ReadThings`,
    });
    expect(userId).toMatch(/^AIDA/);
    const attached = await m.listPolicies(alice, { onlyAttached: true });
    expect(attached.items.map((p) => p.policyName)).toEqual(['AdministratorAccess']);
    expect(attached.items[0]?.attachmentCount).toBe(1);
    const boundaries = await m.listPolicies(alice, { policyUsageFilter: 'PermissionsBoundary' });
    expect(boundaries.items.map((p) => p.policyName)).toEqual(['ReadThings']);
    expect(boundaries.items[0]?.permissionsBoundaryUsageCount).toBe(1);
    const permissions = await m.listPolicies(alice, { policyUsageFilter: 'PermissionsPolicy' });
    expect(permissions.items.map((p) => p.policyName)).toEqual(['AdministratorAccess']);
    expect((await rejection(m.listPolicies(alice, { marker: 'forged' }))).code).toBe(
      'InvalidInput',
    );
    expect((await rejection(m.listPolicies(alice, { maxItems: 0 }))).code).toBe('InvalidInput');
  });

  it('refuses to delete a policy while attached or used as a boundary (DeleteConflict)', async () => {
    const m = h.services.managed;
    const { value: policy } = await m.createPolicy(alice, {
      policyName: 'InUse',
      policyDocument: allow('s3:A'),
    });
    await h.principal(A, 'role', 'worker');
    await h.services.attachments.attachPolicy(alice, 'role', {
      principalName: 'worker',
      policyArn: policy.arn,
    });
    expect((await rejection(m.deletePolicy(alice, { policyArn: policy.arn }))).code).toBe(
      'DeleteConflict',
    );
    await h.services.attachments.detachPolicy(alice, 'role', {
      principalName: 'worker',
      policyArn: policy.arn,
    });
    await h.services.attachments.putPermissionsBoundary(alice, 'role', {
      principalName: 'worker',
      permissionsBoundary: policy.arn,
    });
    expect((await rejection(m.deletePolicy(alice, { policyArn: policy.arn }))).code).toBe(
      'DeleteConflict',
    );
    await h.services.attachments.deletePermissionsBoundary(alice, 'role', {
      principalName: 'worker',
    });
    await m.deletePolicy(alice, { policyArn: policy.arn });
  });

  it('authorizes before looking anything up: a caller without permissions gets AccessDenied, never NoSuchEntity', async () => {
    const denied = userOf(A, 'denied');
    const m = h.services.managed;
    const missing = `arn:aws:iam::${A}:policy/Missing`;
    for (const attempt of [
      () => m.getPolicy(denied, { policyArn: missing }),
      () => m.deletePolicy(denied, { policyArn: missing }),
      () => m.listPolicies(denied, {}),
      () => m.createPolicy(denied, { policyName: 'X', policyDocument: allow('s3:*') }),
      () => m.listPolicyVersions(denied, { policyArn: missing }),
    ]) {
      expect((await rejection(attempt())).code).toBe('AccessDenied');
    }
  });

  it('lets the platform administrator act in an account it names, and requires the name', async () => {
    const m = h.services.managed;
    const created = await m.createPolicy(PLATFORM_ADMIN, {
      accountId: A,
      policyName: 'ByAdmin',
      policyDocument: allow('s3:A'),
    });
    expect(created.value.arn).toBe(`arn:aws:iam::${A}:policy/ByAdmin`);
    expect((await rejection(m.listPolicies(PLATFORM_ADMIN, {}))).code).toBe('InvalidInput');
  });

  it('caps the customer managed policies of an account at its quota (LimitExceeded)', async () => {
    const m = h.services.managed;
    const { B } = await import('./policy-store.support.js');
    const bob = userOf(B, 'bob');
    await h.services.quotas.updateAccountPolicyQuotas(PLATFORM_ADMIN, {
      accountId: B,
      maxCustomerManagedPolicies: 2,
    });
    await m.createPolicy(bob, { policyName: 'One', policyDocument: allow('s3:A') });
    await m.createPolicy(bob, { policyName: 'Two', policyDocument: allow('s3:A') });
    expect(
      (await rejection(m.createPolicy(bob, { policyName: 'Three', policyDocument: allow('s3:A') })))
        .code,
    ).toBe('LimitExceeded');
  });
});
