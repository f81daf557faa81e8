import { describe, expect, it } from 'vitest';
import type { AccountId, CallerContext } from '@iam/common';
import { Authorizer, targetAccount } from './authorizer.js';

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
  const authorizer = new Authorizer();

  it('allows the account root and the platform administrator (stand-in administrator policy)', () => {
    expect(() => authorizer.require(rootA, 'iam:CreateUser', target, A)).not.toThrow();
    expect(() => authorizer.require(admin, 'iam:DeleteRole', target, A)).not.toThrow();
  });

  it('denies any other principal (no policies: ImplicitDeny) with AccessDenied naming action and resource', () => {
    expect(() => authorizer.require(aliceA, 'iam:GetUser', target, A)).toThrow(
      expect.objectContaining({
        code: 'AccessDenied',
        details: { action: 'iam:GetUser', resource: target },
      }),
    );
  });

  it("denies another account's root (cross-account without a resource policy)", () => {
    expect(() => authorizer.require(rootB, 'iam:GetUser', target, A)).toThrow(
      expect.objectContaining({ code: 'AccessDenied' }),
    );
  });

  it('lets a session whose password must be reset do nothing but change it', () => {
    const restricted = { ...rootA, context: { 'iam:PasswordResetRequired': 'true' } };
    expect(() => authorizer.require(restricted, 'iam:GetUser', target, A)).toThrow(
      expect.objectContaining({ code: 'AccessDenied' }),
    );
    expect(() =>
      authorizer.require(restricted, 'iam:ChangePassword', rootA.principalArn, A),
    ).not.toThrow();
    expect(() => authorizer.require(rootA, 'iam:GetUser', target, A)).not.toThrow();
  });

  it('builds the request context from the caller: aws:username, aws:PrincipalAccount, aws:PrincipalArn', () => {
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
  it("uses the tenant caller's account unless it names one", () => {
    expect(targetAccount(rootA)).toBe(A);
    expect(targetAccount(rootA, B)).toBe(B);
  });

  it('requires a 12-digit account id from the platform administrator', () => {
    expect(targetAccount(admin, A)).toBe(A);
    expect(() => targetAccount(admin)).toThrow(expect.objectContaining({ code: 'InvalidInput' }));
    expect(() => targetAccount(admin, '123')).toThrow(
      expect.objectContaining({ code: 'InvalidInput' }),
    );
  });
});
