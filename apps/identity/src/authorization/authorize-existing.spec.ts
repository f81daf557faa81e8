import { describe, expect, it } from 'vitest';
import type { AccountId, CallerContext } from '@iam/common';
import { compilePolicySet } from '@iam/policy-engine';
import { authorizeExisting } from './authorize-existing.js';
import { Authorizer } from '@iam/authorization';

const A = '111122223333' as AccountId;
const ops: CallerContext = {
  requestId: 't',
  principalType: 'user',
  principalArn: `arn:aws:iam::${A}:user/ops`,
  accountId: A,
  context: {},
};
const authorizer = new Authorizer({
  policiesFor: (_caller, resourceAccount) =>
    compilePolicySet({
      identityPolicies: [
        {
          id: 'eng',
          document: {
            Version: '2012-10-17',
            Statement: [
              { Effect: 'Allow', Action: 'iam:GetUser', Resource: `arn:aws:iam::*:user/eng/*` },
            ],
          },
        },
      ],
      resourceAccount,
    }),
});
const arnOf = (u: { path: string; name: string }) => `arn:aws:iam::${A}:user${u.path}${u.name}`;
const check = (entity: { path: string; name: string } | null, name: string) =>
  authorizeExisting(authorizer, ops, 'iam:GetUser', A, entity, arnOf, arnOf({ path: '/', name }));

describe(authorizeExisting.name, () => {
  it('authorizes an existing entity on its real ARN, path included', async () => {
    await expect(check({ path: '/eng/', name: 'alice' }, 'alice')).resolves.toBeUndefined();
  });

  it('authorizes a missing entity on the name ARN (path `/`)', async () => {
    await expect(check(null, 'alice')).rejects.toThrow(
      expect.objectContaining({ code: 'AccessDenied' }),
    );
  });

  it('names the name ARN in a denial whether or not the entity exists (its path is not revealed)', async () => {
    const resource = `arn:aws:iam::${A}:user/bob`;
    const details = { action: 'iam:GetUser', resource };
    await expect(check({ path: '/ops/', name: 'bob' }, 'bob')).rejects.toThrow(
      expect.objectContaining({ code: 'AccessDenied', details }),
    );
    await expect(check(null, 'bob')).rejects.toThrow(
      expect.objectContaining({ code: 'AccessDenied', details }),
    );
  });

  it('lets any other error through unchanged', async () => {
    const boom = new Error('boom');
    await expect(
      authorizeExisting(
        authorizer,
        ops,
        'iam:GetUser',
        A,
        {},
        () => {
          throw boom;
        },
        'x',
      ),
    ).rejects.toThrow(boom);
  });
});
