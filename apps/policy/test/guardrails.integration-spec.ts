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
  sized,
} from './policy-store.support.js';

const DENY_DELETE_USER = JSON.stringify({
  Version: '2012-10-17',
  Statement: [
    { Effect: 'Allow', Action: '*', Resource: '*' },
    { Effect: 'Deny', Action: 'iam:DeleteUser', Resource: '*' },
  ],
});

describe('account guardrails', () => {
  let h: PolicyStoreHarness;
  const alice = userOf(A, 'alice');
  const inA = { accountId: A };
  beforeAll(async () => {
    h = await policyStoreHarness();
  });
  afterAll(async () => {
    await h?.close();
  });

  it('lets the platform administrator put, replace, read and delete guardrails, evented with revision tokens', async () => {
    const g = h.services.guardrails;
    const put = await g.putAccountGuardrail(PLATFORM_ADMIN, {
      ...inA,
      guardrailName: 'no-delete',
      policyDocument: DENY_DELETE_USER,
    });
    expect(put.value).toMatchObject({ name: 'no-delete', document: DENY_DELETE_USER });
    const replaced = await g.putAccountGuardrail(PLATFORM_ADMIN, {
      ...inA,
      guardrailName: 'no-delete',
      policyDocument: allow('*'),
    });
    expect(replaced.value.createdAt).toEqual(put.value.createdAt);
    expect(replaced.revisionToken).not.toBe(put.revisionToken);
    expect((await g.getAccountGuardrail(alice, { guardrailName: 'no-delete' })).document).toBe(
      allow('*'),
    );
    expect((await g.listAccountGuardrails(alice, {})).map((x) => x.name)).toEqual(['no-delete']);
    await g.deleteAccountGuardrail(PLATFORM_ADMIN, { ...inA, guardrailName: 'no-delete' });
    expect(
      (await rejection(g.getAccountGuardrail(alice, { guardrailName: 'no-delete' }))).code,
    ).toBe('NoSuchEntity');
    expect(
      (
        await rejection(
          g.deleteAccountGuardrail(PLATFORM_ADMIN, { ...inA, guardrailName: 'no-delete' }),
        )
      ).code,
    ).toBe('NoSuchEntity');
    const types = (await h.outbox())
      .filter((e) => e.envelope['aggregateType'] === 'guardrail')
      .map((e) => e.event_type);
    expect(types).toEqual(['guardrail.put.v1', 'guardrail.put.v1', 'guardrail.deleted.v1']);
  });

  it('refuses tenant writes (even with an allow-all policy) and tenant reads without the permission', async () => {
    const g = h.services.guardrails;
    expect(
      (
        await rejection(
          g.putAccountGuardrail(alice, { guardrailName: 'x', policyDocument: allow('*') }),
        )
      ).code,
    ).toBe('AccessDenied');
    expect((await rejection(g.deleteAccountGuardrail(alice, { guardrailName: 'x' }))).code).toBe(
      'AccessDenied',
    );
    const denied = userOf(A, 'denied');
    expect((await rejection(g.listAccountGuardrails(denied, {}))).code).toBe('AccessDenied');
    expect(
      (await rejection(g.getAccountGuardrail(denied, { guardrailName: 'missing' }))).code,
    ).toBe('AccessDenied');
    expect((await rejection(g.listAccountGuardrails(alice, { accountId: B }))).code).toBe(
      'AccessDenied',
    );
  });

  it('allows 5 guardrails per account and refuses a sixth (LimitExceeded); replacing one is not a sixth', async () => {
    const g = h.services.guardrails;
    for (let i = 1; i <= 5; i++) {
      await g.putAccountGuardrail(PLATFORM_ADMIN, {
        accountId: B,
        guardrailName: `g${i}`,
        policyDocument: allow('*'),
      });
    }
    expect(
      (
        await rejection(
          g.putAccountGuardrail(PLATFORM_ADMIN, {
            accountId: B,
            guardrailName: 'g6',
            policyDocument: allow('*'),
          }),
        )
      ).code,
    ).toBe('LimitExceeded');
    await g.putAccountGuardrail(PLATFORM_ADMIN, {
      accountId: B,
      guardrailName: 'g5',
      policyDocument: allow('s3:*'),
    });
    expect(await g.listAccountGuardrails(userOf(A, 'alice'), {})).toEqual([]);
  });

  it('validates documents as guardrails: 5,120 characters with white space, MalformedPolicyDocument, names', async () => {
    const g = h.services.guardrails;
    await g.putAccountGuardrail(PLATFORM_ADMIN, {
      ...inA,
      guardrailName: 'exact',
      policyDocument: sized(5120),
    });
    expect(
      (
        await rejection(
          g.putAccountGuardrail(PLATFORM_ADMIN, {
            ...inA,
            guardrailName: 'over',
            policyDocument: sized(5121),
          }),
        )
      ).code,
    ).toBe('LimitExceeded');
    // White space counts for guardrails: the same 5,120 characters pretty-printed are over the limit.
    const pretty = JSON.stringify(JSON.parse(sized(5100)), null, 2);
    expect(
      (
        await rejection(
          g.putAccountGuardrail(PLATFORM_ADMIN, {
            ...inA,
            guardrailName: 'pretty',
            policyDocument: pretty,
          }),
        )
      ).code,
    ).toBe('LimitExceeded');
    expect(
      (
        await rejection(
          g.putAccountGuardrail(PLATFORM_ADMIN, {
            ...inA,
            guardrailName: 'bad',
            policyDocument: '{"Statement": []}',
          }),
        )
      ).code,
    ).toBe('MalformedPolicyDocument');
    expect(
      (
        await rejection(
          g.putAccountGuardrail(PLATFORM_ADMIN, {
            ...inA,
            guardrailName: 'no spaces',
            policyDocument: allow('*'),
          }),
        )
      ).code,
    ).toBe('InvalidInput');
  });
});
