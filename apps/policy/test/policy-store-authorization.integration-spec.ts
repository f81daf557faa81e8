import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccountId, CallerContext } from '@iam/common';
import type { EffectivePolicySource } from '@iam/authorization';
import { compilePolicySet } from '@iam/policy-engine';
import type { PolicyStoreHarness } from './policy-store.support.js';
import {
  A,
  ADMINISTRATOR_ACCESS_ARN,
  allow,
  allowAllInOwnAccount,
  policyStoreHarness,
  rejection,
  userOf,
} from './policy-store.support.js';

/** `scoped` may act only on the paths its policy names; everyone else holds the allow-all policy. */
const SCOPED_POLICY = {
  Version: '2012-10-17',
  Statement: [
    { Effect: 'Allow', Action: 'iam:GetPolicy', Resource: `arn:aws:iam::${A}:policy/team/*` },
    {
      Effect: 'Allow',
      Action: ['iam:PutUserPolicy', 'iam:AttachUserPolicy'],
      Resource: `arn:aws:iam::${A}:user/eng/*`,
    },
    { Effect: 'Allow', Action: 'iam:ListPolicies', Resource: '*' },
  ],
};

const source: EffectivePolicySource = {
  policiesFor(caller: CallerContext, resourceAccount: AccountId | undefined) {
    if (!caller.principalArn.endsWith(':user/scoped')) {
      return allowAllInOwnAccount.policiesFor(caller, resourceAccount);
    }
    return compilePolicySet({
      identityPolicies: [{ id: 'scoped', document: SCOPED_POLICY }],
      resourceAccount,
    });
  },
};

/** Each operation is decided on AWS's action and the resource's real ARN (path included). */
describe('policy store authorization', () => {
  let h: PolicyStoreHarness;
  const alice = userOf(A, 'alice');
  const scoped = userOf(A, 'scoped');
  let teamPolicy = '';
  let otherPolicy = '';
  beforeAll(async () => {
    h = await policyStoreHarness(source);
    await h.principal(A, 'user', 'ann', '/eng/');
    await h.principal(A, 'user', 'bob', '/ops/');
    const m = h.services.managed;
    teamPolicy = (
      await m.createPolicy(alice, {
        policyName: 'T',
        path: '/team/',
        policyDocument: allow('s3:A'),
      })
    ).value.arn;
    otherPolicy = (await m.createPolicy(alice, { policyName: 'O', policyDocument: allow('s3:A') }))
      .value.arn;
  });
  afterAll(async () => {
    await h?.close();
  });

  it('authorizes policy operations on the policy ARN', async () => {
    const m = h.services.managed;
    expect((await m.getPolicy(scoped, { policyArn: teamPolicy })).policyName).toBe('T');
    expect((await rejection(m.getPolicy(scoped, { policyArn: otherPolicy }))).code).toBe(
      'AccessDenied',
    );
    expect(
      (await rejection(m.getPolicyVersion(scoped, { policyArn: teamPolicy, versionId: 'v1' })))
        .code,
    ).toBe('AccessDenied');
    expect((await m.listPolicies(scoped, { scope: 'Local' })).items).toHaveLength(2);
  });

  it('authorizes principal operations on the principal ARN, path included', async () => {
    const s = h.services.inline;
    await s.putPolicy(scoped, 'user', {
      principalName: 'ann',
      policyName: 'p',
      policyDocument: allow('s3:A'),
    });
    const denied = await rejection(
      s.putPolicy(scoped, 'user', {
        principalName: 'bob',
        policyName: 'p',
        policyDocument: allow('s3:A'),
      }),
    );
    expect(denied.code).toBe('AccessDenied');
    // The denial names the user's name ARN with path `/`, not its real path.
    expect(denied.message).toContain(`arn:aws:iam::${A}:user/bob`);
    expect(denied.message).not.toContain('/ops/');
    await h.services.attachments.attachPolicy(scoped, 'user', {
      principalName: 'ann',
      policyArn: ADMINISTRATOR_ACCESS_ARN,
    });
    expect(
      (
        await rejection(
          h.services.attachments.detachPolicy(scoped, 'user', {
            principalName: 'ann',
            policyArn: ADMINISTRATOR_ACCESS_ARN,
          }),
        )
      ).code,
    ).toBe('AccessDenied');
    // A user missing from the replica: denied on its name ARN (no path matches `/eng/*`), never NoSuchEntity.
    expect(
      (await rejection(s.getPolicy(scoped, 'user', { principalName: 'ghost', policyName: 'p' })))
        .code,
    ).toBe('AccessDenied');
  });
});
