import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PolicyStoreHarness } from './policy-store.support.js';
import {
  A,
  B,
  PLATFORM_ADMIN,
  allow,
  policyStoreHarness,
  rejection,
  userOf,
} from './policy-store.support.js';

/**
 * A caller of account A that holds an allow-all policy in its own account reaches nothing of account B: neither by
 * naming B, nor by B's policy ARNs, nor by the names of B's users, groups and roles.
 */
describe('policy store tenant isolation', () => {
  let h: PolicyStoreHarness;
  const alice = userOf(A, 'alice');
  const bob = userOf(B, 'bob');
  let bPolicy = '';
  let snapshot = '';

  async function stateOfB(): Promise<string> {
    return JSON.stringify(
      await h.inAccount(B, async (tx) => ({
        policies: await tx.query(
          `SELECT policy_name, default_version_id, tags FROM policy.managed_policies ORDER BY 1`,
        ),
        versions: await tx.query(
          `SELECT policy_id, version_id, document FROM policy.policy_versions ORDER BY 1, 2`,
        ),
        inline: await tx.query(
          `SELECT principal_id, policy_name, document FROM policy.inline_policies ORDER BY 1, 2`,
        ),
        attachments: await tx.query(
          `SELECT principal_id, policy_arn FROM policy.attachments ORDER BY 1, 2`,
        ),
        boundaries: await tx.query(
          `SELECT principal_id, policy_arn FROM policy.permissions_boundaries ORDER BY 1`,
        ),
        settings: await tx.query(`SELECT * FROM policy.account_settings`),
        guardrails: await tx.query(
          `SELECT guardrail_name, document FROM policy.guardrails ORDER BY 1`,
        ),
      })),
    );
  }

  beforeAll(async () => {
    h = await policyStoreHarness();
    // Same names in both accounts: A's caller must act on A's entities only.
    for (const account of [B]) {
      await h.principal(account, 'user', 'shared');
      await h.principal(account, 'group', 'shared');
      await h.principal(account, 'role', 'shared');
    }
    bPolicy = (
      await h.services.managed.createPolicy(bob, {
        policyName: 'BPolicy',
        policyDocument: allow('s3:A'),
      })
    ).value.arn;
    await h.services.managed.createPolicyVersion(bob, {
      policyArn: bPolicy,
      policyDocument: allow('s3:B'),
    });
    await h.services.managed.tagPolicy(bob, {
      policyArn: bPolicy,
      tags: [{ key: 'k', value: 'v' }],
    });
    for (const kind of ['user', 'group', 'role'] as const) {
      await h.services.inline.putPolicy(bob, kind, {
        principalName: 'shared',
        policyName: 'inline',
        policyDocument: allow('s3:A'),
      });
      await h.services.attachments.attachPolicy(bob, kind, {
        principalName: 'shared',
        policyArn: bPolicy,
      });
    }
    await h.services.attachments.putPermissionsBoundary(bob, 'user', {
      principalName: 'shared',
      permissionsBoundary: bPolicy,
    });
    await h.services.guardrails.putAccountGuardrail(PLATFORM_ADMIN, {
      accountId: B,
      guardrailName: 'b-guardrail',
      policyDocument: allow('*'),
    });
    snapshot = await stateOfB();
  });
  afterAll(async () => {
    await h?.close();
  });

  it('refuses every operation that names account B (AccessDenied) and reaches nothing of B by ARN or by name', async () => {
    const { managed, inline, attachments, quotas, guardrails } = h.services;
    const arn = { policyArn: bPolicy };
    const byArn: (() => Promise<unknown>)[] = [
      () => managed.getPolicy(alice, arn),
      () => managed.deletePolicy(alice, arn),
      () =>
        managed.createPolicyVersion(alice, {
          ...arn,
          policyDocument: allow('s3:X'),
          setAsDefault: true,
        }),
      () => managed.getPolicyVersion(alice, { ...arn, versionId: 'v1' }),
      () => managed.listPolicyVersions(alice, arn),
      () => managed.setDefaultPolicyVersion(alice, { ...arn, versionId: 'v2' }),
      () => managed.deletePolicyVersion(alice, { ...arn, versionId: 'v2' }),
      () => managed.tagPolicy(alice, { ...arn, tags: [{ key: 'x', value: 'y' }] }),
      () => managed.untagPolicy(alice, { ...arn, tagKeys: ['k'] }),
      () => managed.listPolicyTags(alice, arn),
      () => attachments.listEntitiesForPolicy(alice, arn),
    ];
    const byName: (() => Promise<unknown>)[] = [];
    for (const kind of ['user', 'group', 'role'] as const) {
      const who = { principalName: 'shared' };
      byName.push(
        () =>
          inline.putPolicy(alice, kind, {
            ...who,
            policyName: 'inline',
            policyDocument: allow('s3:X'),
          }),
        () => inline.getPolicy(alice, kind, { ...who, policyName: 'inline' }),
        () => inline.listPolicies(alice, kind, who),
        () => inline.deletePolicy(alice, kind, { ...who, policyName: 'inline' }),
        () =>
          attachments.attachPolicy(alice, kind, {
            ...who,
            policyArn: 'arn:aws:iam::aws:policy/AdministratorAccess',
          }),
        () => attachments.detachPolicy(alice, kind, { ...who, policyArn: bPolicy }),
        () => attachments.listAttachedPolicies(alice, kind, who),
      );
    }
    for (const kind of ['user', 'role'] as const) {
      byName.push(
        () =>
          attachments.putPermissionsBoundary(alice, kind, {
            principalName: 'shared',
            permissionsBoundary: 'arn:aws:iam::aws:policy/AdministratorAccess',
          }),
        () => attachments.deletePermissionsBoundary(alice, kind, { principalName: 'shared' }),
      );
    }
    for (const attempt of [...byArn, ...byName]) {
      const error = await rejection(attempt());
      expect(['AccessDenied', 'NoSuchEntity']).toContain(error.code);
    }
    // Attaching B's policy to A's own user: B's policy does not exist for A.
    await h.principal(A, 'user', 'mine');
    expect(
      (
        await rejection(
          attachments.attachPolicy(alice, 'user', { principalName: 'mine', policyArn: bPolicy }),
        )
      ).code,
    ).toBe('NoSuchEntity');
    expect(
      (
        await rejection(
          attachments.putPermissionsBoundary(alice, 'user', {
            principalName: 'mine',
            permissionsBoundary: bPolicy,
          }),
        )
      ).code,
    ).toBe('NoSuchEntity');

    // Naming account B is refused before anything is read.
    const inB = { accountId: B };
    const namingB: (() => Promise<unknown>)[] = [
      () =>
        managed.createPolicy(alice, {
          ...inB,
          policyName: 'Intruder',
          policyDocument: allow('s3:A'),
        }),
      () => managed.listPolicies(alice, inB),
      () => managed.getPolicy(alice, { ...inB, ...arn }),
      () => managed.deletePolicy(alice, { ...inB, ...arn }),
      () =>
        inline.putPolicy(alice, 'user', {
          ...inB,
          principalName: 'shared',
          policyName: 'x',
          policyDocument: allow('s3:A'),
        }),
      () => inline.listPolicies(alice, 'role', { ...inB, principalName: 'shared' }),
      () =>
        attachments.attachPolicy(alice, 'group', {
          ...inB,
          principalName: 'shared',
          policyArn: bPolicy,
        }),
      () => attachments.listEntitiesForPolicy(alice, { ...inB, ...arn }),
      () =>
        attachments.deletePermissionsBoundary(alice, 'user', { ...inB, principalName: 'shared' }),
      () => quotas.updateAccountPolicyQuotas(alice, { ...inB, maxManagedPoliciesPerPrincipal: 20 }),
      () => guardrails.listAccountGuardrails(alice, inB),
      () => guardrails.getAccountGuardrail(alice, { ...inB, guardrailName: 'b-guardrail' }),
      () =>
        guardrails.putAccountGuardrail(alice, {
          ...inB,
          guardrailName: 'b-guardrail',
          policyDocument: allow('*'),
        }),
      () => guardrails.deleteAccountGuardrail(alice, { ...inB, guardrailName: 'b-guardrail' }),
    ];
    for (const attempt of namingB) expect((await rejection(attempt())).code).toBe('AccessDenied');

    // A's lists show nothing of B.
    const listed = await managed.listPolicies(alice, { scope: 'Local' });
    expect(listed.items).toEqual([]);
    expect(await guardrails.listAccountGuardrails(alice, {})).toEqual([]);
    expect(
      (await rejection(guardrails.getAccountGuardrail(alice, { guardrailName: 'b-guardrail' })))
        .code,
    ).toBe('NoSuchEntity');
    expect(await stateOfB()).toBe(snapshot);
    const events = await h.outbox();
    expect(
      events.filter(
        (e) =>
          e.envelope['accountId'] === B &&
          (e.envelope['actor'] as { arn: string }).arn === alice.principalArn,
      ),
    ).toEqual([]);
  });

  it('writes no secret into events and names only the account changed', async () => {
    const events = await h.outbox();
    expect(events.length).toBeGreaterThan(0);
    for (const event of events) {
      expect(event.envelope['accountId']).toBe(
        (event.envelope['payload'] as { accountId: string }).accountId,
      );
      expect(JSON.stringify(event.envelope)).not.toMatch(/password|secret|rv1\./i);
    }
  });
});
