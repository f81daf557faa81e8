import { describe, expect, it } from 'vitest';
import type { AccountId, CallerContext } from '@iam/common';
import { PASSWORD_RESET_CONTEXT_KEY } from '@iam/common';
import { compilePolicySet } from '@iam/policy-engine';
import { Authorizer, targetAccount } from './authorizer.js';
import { TestAdministratorsPolicySource } from './testing/test-policy-sources.js';

const A = '111122223333' as AccountId;
const B = '444455556666' as AccountId;

function caller(
  principalType: CallerContext['principalType'],
  arn: string,
  accountId: AccountId | null,
) {
  return {
    requestId: 't',
    principalType,
    principalArn: arn,
    accountId,
    context: {},
  } as CallerContext;
}

const rootA = caller('root', `arn:aws:iam::${A}:root`, A);
const rootB = caller('root', `arn:aws:iam::${B}:root`, B);
const aliceA = caller('user', `arn:aws:iam::${A}:user/eng/alice`, A);
const admin = caller('platform-admin', 'arn:aws:iam::platform:admin', null);
const target = `arn:aws:iam::${A}:user/bob`;

describe(Authorizer.name, () => {
  const authorizer = new Authorizer(new TestAdministratorsPolicySource());

  it('allows the account root and the platform administrator (stand-in administrator policy)', async () => {
    await expect(authorizer.require(rootA, 'iam:CreateUser', target, A)).resolves.toBeUndefined();
    await expect(authorizer.require(admin, 'iam:DeleteRole', target, A)).resolves.toBeUndefined();
  });

  it('denies any other principal (no policies: ImplicitDeny) with AccessDenied naming action and resource', async () => {
    await expect(authorizer.require(aliceA, 'iam:GetUser', target, A)).rejects.toThrow(
      expect.objectContaining({
        code: 'AccessDenied',
        details: { action: 'iam:GetUser', resource: target },
      }),
    );
  });

  it("denies another account's root (cross-account without a resource policy)", async () => {
    await expect(authorizer.require(rootB, 'iam:GetUser', target, A)).rejects.toThrow(
      expect.objectContaining({ code: 'AccessDenied' }),
    );
  });

  it('lets a session whose password must be reset do nothing but change it', async () => {
    const restricted = { ...rootA, context: { 'iam:PasswordResetRequired': 'true' } };
    await expect(authorizer.require(restricted, 'iam:GetUser', target, A)).rejects.toThrow(
      expect.objectContaining({ code: 'AccessDenied' }),
    );
    await expect(
      authorizer.require(restricted, 'iam:ChangePassword', rootA.principalArn, A),
    ).resolves.toBeUndefined();
    await expect(authorizer.require(rootA, 'iam:GetUser', target, A)).resolves.toBeUndefined();
  });

  it('decides audit reads (cloudtrail:LookupEvents on `*`) on the same path as every other action', async () => {
    // The account root and the platform administrator read the trail; a user without a policy does not, nor does a
    // session that must reset its password, even the root's.
    await expect(
      authorizer.require(rootA, 'cloudtrail:LookupEvents', '*', A),
    ).resolves.toBeUndefined();
    await expect(
      authorizer.require(admin, 'cloudtrail:LookupEvents', '*', A),
    ).resolves.toBeUndefined();
    await expect(authorizer.require(aliceA, 'cloudtrail:LookupEvents', '*', A)).rejects.toThrow(
      expect.objectContaining({
        code: 'AccessDenied',
        details: { action: 'cloudtrail:LookupEvents', resource: '*' },
      }),
    );
    const restricted = { ...rootA, context: { [PASSWORD_RESET_CONTEXT_KEY]: 'true' } };
    await expect(authorizer.require(restricted, 'cloudtrail:LookupEvents', '*', A)).rejects.toThrow(
      expect.objectContaining({ code: 'AccessDenied' }),
    );
  });

  it("decides an action on no account's resource in the caller's own account (none for the administrator)", async () => {
    const action = 'access-analyzer:ValidatePolicy';
    await expect(authorizer.require(admin, action, '*', undefined)).resolves.toBeUndefined();
    await expect(authorizer.require(rootA, action, '*', A)).resolves.toBeUndefined();
    await expect(authorizer.require(aliceA, action, '*', A)).rejects.toThrow(
      expect.objectContaining({ code: 'AccessDenied' }),
    );
    const restricted = { ...rootA, context: { [PASSWORD_RESET_CONTEXT_KEY]: 'true' } };
    await expect(authorizer.require(restricted, action, '*', A)).rejects.toThrow(
      expect.objectContaining({ code: 'AccessDenied' }),
    );
  });

  it('consults the policy source it was given, for the resource account asked', async () => {
    const asked: (AccountId | undefined)[] = [];
    const custom = new Authorizer({
      policiesFor: (_caller, resourceAccount) => {
        asked.push(resourceAccount);
        return compilePolicySet({
          identityPolicies: [
            {
              id: 'audit-reader',
              document: {
                Version: '2012-10-17',
                Statement: [{ Effect: 'Allow', Action: 'cloudtrail:LookupEvents', Resource: '*' }],
              },
            },
          ],
          resourceAccount,
        });
      },
    });
    await expect(
      custom.require(aliceA, 'cloudtrail:LookupEvents', '*', A),
    ).resolves.toBeUndefined();
    await expect(custom.require(aliceA, 'iam:GetUser', target, A)).rejects.toThrow(
      expect.objectContaining({ code: 'AccessDenied' }),
    );
    expect(asked).toEqual([A, A]);
  });

  it('builds the request context from the caller: aws:username, aws:PrincipalAccount, aws:PrincipalArn', async () => {
    const request = authorizer.requestFor(
      { ...aliceA, context: { 'aws:SourceIp': '10.0.0.1' } },
      'iam:GetUser',
      target,
    );
    expect(request).toEqual({
      principal: aliceA.principalArn,
      action: 'iam:GetUser',
      resource: target,
      context: {
        'aws:SourceIp': '10.0.0.1',
        'aws:username': 'alice',
        'aws:PrincipalAccount': A,
        'aws:PrincipalArn': aliceA.principalArn,
        'aws:PrincipalType': 'User',
      },
    });
  });
});

describe(targetAccount.name, () => {
  it("uses the tenant caller's own account, named or not", async () => {
    expect(targetAccount(rootA)).toBe(A);
    expect(targetAccount(rootA, A)).toBe(A);
    expect(targetAccount(aliceA, A)).toBe(A);
  });

  it('refuses a tenant caller naming another account with AccessDenied (before any tenant transaction)', async () => {
    expect(() => targetAccount(rootA, B)).toThrow(
      expect.objectContaining({ code: 'AccessDenied', details: { action: '*', resource: B } }),
    );
    expect(() => targetAccount(rootB, A, 'iam:ListUsers')).toThrow(
      expect.objectContaining({
        code: 'AccessDenied',
        details: { action: 'iam:ListUsers', resource: A },
      }),
    );
    expect(() => targetAccount(aliceA, B)).toThrow(
      expect.objectContaining({ code: 'AccessDenied' }),
    );
    expect(() => targetAccount(rootA, 'B')).toThrow(
      expect.objectContaining({ code: 'InvalidInput' }),
    );
  });

  it('requires a 12-digit account id from the platform administrator', async () => {
    expect(targetAccount(admin, A)).toBe(A);
    expect(() => targetAccount(admin)).toThrow(expect.objectContaining({ code: 'InvalidInput' }));
    expect(() => targetAccount(admin, '123')).toThrow(
      expect.objectContaining({ code: 'InvalidInput' }),
    );
  });
});
