import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PolicyStoreHarness } from './policy-store.support.js';
import {
  A,
  allow,
  policyStoreHarness,
  rejection,
  userOf,
  revisionOf,
  sized,
} from './policy-store.support.js';

const alice = userOf(A, 'alice');

describe('inline policies', () => {
  let h: PolicyStoreHarness;
  beforeAll(async () => {
    h = await policyStoreHarness();
    await h.principal(A, 'user', 'ann', '/eng/');
    await h.principal(A, 'group', 'devs');
    await h.principal(A, 'role', 'deployer');
  });
  afterAll(async () => {
    await h?.close();
  });

  for (const [kind, name] of [
    ['user', 'ann'],
    ['group', 'devs'],
    ['role', 'deployer'],
  ] as const) {
    it(`puts, replaces, gets, lists and deletes a ${kind}'s inline policies, evented with counts`, async () => {
      const s = h.services.inline;
      const first = await s.putPolicy(alice, kind, {
        principalName: name,
        policyName: 'p1',
        policyDocument: allow('s3:A'),
      });
      const second = await s.putPolicy(alice, kind, {
        principalName: name,
        policyName: 'p2',
        policyDocument: allow('s3:B'),
      });
      expect(revisionOf(second.revisionToken)).toBeGreaterThan(revisionOf(first.revisionToken));
      await s.putPolicy(alice, kind, {
        principalName: name.toUpperCase(),
        policyName: 'p1',
        policyDocument: allow('s3:C'),
      });
      expect(
        (await s.getPolicy(alice, kind, { principalName: name, policyName: 'p1' })).policyDocument,
      ).toBe(allow('s3:C'));
      const page = await s.listPolicies(alice, kind, { principalName: name, maxItems: 1 });
      expect(page.items).toEqual(['p1']);
      expect(page.isTruncated).toBe(true);
      expect(
        (await s.listPolicies(alice, kind, { principalName: name, marker: page.marker })).items,
      ).toEqual(['p2']);
      await s.deletePolicy(alice, kind, { principalName: name, policyName: 'p2' });
      expect(
        (await rejection(s.getPolicy(alice, kind, { principalName: name, policyName: 'p2' }))).code,
      ).toBe('NoSuchEntity');
      expect(
        (await rejection(s.deletePolicy(alice, kind, { principalName: name, policyName: 'p2' })))
          .code,
      ).toBe('NoSuchEntity');
      await s.deletePolicy(alice, kind, { principalName: name, policyName: 'p1' });

      const events = (await h.outbox()).filter(
        (e) =>
          e.event_type === 'principal-policies.changed.v1' &&
          (e.envelope['payload'] as { principalName: string }).principalName === name,
      );
      const payloads = events.map((e) => e.envelope['payload'] as Record<string, unknown>);
      expect(payloads.map((p) => [p['change'], p['inlinePolicyCount']])).toEqual([
        [`Put${kind[0]!.toUpperCase()}${kind.slice(1)}Policy`, 1],
        [`Put${kind[0]!.toUpperCase()}${kind.slice(1)}Policy`, 2],
        [`Put${kind[0]!.toUpperCase()}${kind.slice(1)}Policy`, 2],
        [`Delete${kind[0]!.toUpperCase()}${kind.slice(1)}Policy`, 1],
        [`Delete${kind[0]!.toUpperCase()}${kind.slice(1)}Policy`, 0],
      ]);
      expect(payloads[0]).toMatchObject({
        policyDocument: allow('s3:A'),
        attachedPolicyCount: 0,
        permissionsBoundaryArn: null,
      });
    });
  }

  for (const [kind, name, limit] of [
    ['user', 'ann', 2048],
    ['group', 'devs', 5120],
    ['role', 'deployer', 10240],
  ] as const) {
    it(`holds a ${kind}'s inline policies to ${limit} characters in all, white space not counted (LimitExceeded)`, async () => {
      const s = h.services.inline;
      const half = Math.floor(limit / 2);
      await s.putPolicy(alice, kind, {
        principalName: name,
        policyName: 'a',
        policyDocument: sized(half),
      });
      // Pretty-printed: the white space does not count.
      const pretty = JSON.stringify(JSON.parse(sized(limit - half)), null, 4);
      expect(pretty.length).toBeGreaterThan(limit - half);
      await s.putPolicy(alice, kind, {
        principalName: name,
        policyName: 'b',
        policyDocument: pretty,
      });
      const over = await rejection(
        s.putPolicy(alice, kind, {
          principalName: name,
          policyName: 'c',
          policyDocument: sized(120),
        }),
      );
      expect(over.code).toBe('LimitExceeded');
      // Replacing a policy counts its new size instead of the old one.
      await s.putPolicy(alice, kind, {
        principalName: name,
        policyName: 'b',
        policyDocument: sized(limit - half),
      });
      expect(
        (
          await rejection(
            s.putPolicy(alice, kind, {
              principalName: name,
              policyName: 'b',
              policyDocument: sized(limit - half + 1),
            }),
          )
        ).code,
      ).toBe('LimitExceeded');
      await s.deletePolicy(alice, kind, { principalName: name, policyName: 'a' });
      await s.deletePolicy(alice, kind, { principalName: name, policyName: 'b' });
    });
  }

  it('pages inline policy names in code-point order, names case-sensitive', async () => {
    const s = h.services.inline;
    for (const policyName of ['b', 'B', 'a']) {
      await s.putPolicy(alice, 'group', {
        principalName: 'devs',
        policyName,
        policyDocument: allow('s3:A'),
      });
    }
    const names: string[] = [];
    let marker: string | null = null;
    do {
      const page = await s.listPolicies(alice, 'group', {
        principalName: 'devs',
        maxItems: 1,
        marker,
      });
      names.push(...page.items);
      marker = page.marker;
    } while (marker !== null);
    expect(names).toEqual(['B', 'a', 'b']);
    for (const policyName of names)
      await s.deletePolicy(alice, 'group', { principalName: 'devs', policyName });
  });

  it('validates the document for the kind (MalformedPolicyDocument) and the policy name (InvalidInput)', async () => {
    const s = h.services.inline;
    const malformed = await rejection(
      s.putPolicy(alice, 'user', {
        principalName: 'ann',
        policyName: 'p',
        policyDocument: '{"Statement": [',
      }),
    );
    expect(malformed.code).toBe('MalformedPolicyDocument');
    const withPrincipal = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:*', Resource: '*' }],
    });
    expect(
      (
        await rejection(
          s.putPolicy(alice, 'role', {
            principalName: 'deployer',
            policyName: 'p',
            policyDocument: withPrincipal,
          }),
        )
      ).code,
    ).toBe('MalformedPolicyDocument');
    expect(
      (
        await rejection(
          s.putPolicy(alice, 'user', {
            principalName: 'ann',
            policyName: 'no spaces',
            policyDocument: allow('s3:A'),
          }),
        )
      ).code,
    ).toBe('InvalidInput');
  });

  it('answers NoSuchEntity for a principal missing from the replica, AccessDenied first for a denied caller', async () => {
    const s = h.services.inline;
    expect(
      (
        await rejection(
          s.putPolicy(alice, 'user', {
            principalName: 'ghost',
            policyName: 'p',
            policyDocument: allow('s3:A'),
          }),
        )
      ).code,
    ).toBe('NoSuchEntity');
    expect((await rejection(s.listPolicies(alice, 'group', { principalName: 'ghost' }))).code).toBe(
      'NoSuchEntity',
    );
    const denied = userOf(A, 'denied');
    const existing = await rejection(
      s.getPolicy(denied, 'user', { principalName: 'ann', policyName: 'p' }),
    );
    const missing = await rejection(
      s.getPolicy(denied, 'user', { principalName: 'ghost', policyName: 'p' }),
    );
    expect(existing.code).toBe('AccessDenied');
    expect(missing.code).toBe('AccessDenied');
    // The denial names the name's ARN with path `/`, never the real path of an existing user.
    expect(existing.message).toContain(`arn:aws:iam::${A}:user/ann`);
    expect(existing.message).not.toContain('/eng/');
  });
});
