import { describe, expect, it } from 'vitest';
import { compilePolicySet } from '../compile/compile-policy-set.js';
import type { PolicySetInput } from '../model/policy-input.js';
import type { AuthorizationRequest } from '../model/authorization-request.js';
import { evaluate } from './evaluate.js';

const A = '111122223333';
const B = '444455556666';
const USER = `arn:aws:iam::${A}:user/alice`;
const ROLE = `arn:aws:iam::${A}:role/app`;
const SESSION = `arn:aws:sts::${A}:assumed-role/app/s1`;
const FED = `arn:aws:sts::${A}:federated-user/bob`;
const BUCKET = 'arn:aws:s3:::bucket/key';

const doc = (...Statement: unknown[]) => ({ Version: '2012-10-17', Statement });
const allowAll = (extra: Record<string, unknown> = {}) => ({
  Effect: 'Allow',
  Action: '*',
  Resource: '*',
  ...extra,
});
const req = (
  principal: string,
  over: Partial<AuthorizationRequest> = {},
): AuthorizationRequest => ({
  principal,
  action: 's3:GetObject',
  resource: BUCKET,
  context: {},
  ...over,
});
const run = (input: Partial<PolicySetInput>, r: AuthorizationRequest) =>
  evaluate(compilePolicySet({ identityPolicies: [], ...input }), r);

describe('evaluate', () => {
  describe('deny > allow > implicit deny', () => {
    it('is an implicit deny with no policies', () => {
      expect(run({}, req(USER))).toEqual({ decision: 'ImplicitDeny', determiningStatements: [] });
    });
    it('allows through an identity policy and names the statement by Sid or index', () => {
      const r = run(
        {
          identityPolicies: [
            { id: 'p', document: doc({ Sid: 'Read', ...allowAll() }, allowAll()) },
          ],
        },
        req(USER),
      );
      expect(r).toEqual({ decision: 'Allow', determiningStatements: ['p#Read', 'p#1'] });
    });
    it('lists every matching deny in the contract order', () => {
      const deny = { Effect: 'Deny', Action: 's3:*', Resource: '*' };
      const r = run(
        {
          guardrails: [{ id: 'g', document: doc(allowAll(), deny) }],
          resourcePolicy: { id: 'r', document: doc({ ...deny, Principal: '*' }) },
          identityPolicies: [{ id: 'i', document: doc(allowAll(), deny) }],
          permissionsBoundary: { id: 'b', document: doc(deny) },
        },
        req(USER),
      );
      expect(r).toEqual({
        decision: 'ExplicitDeny',
        determiningStatements: ['g#1', 'r#0', 'i#1', 'b#0'],
      });
    });
  });

  describe('actions and resources', () => {
    it('matches actions case-insensitively with wildcards', () => {
      const p = { id: 'p', document: doc({ Effect: 'Allow', Action: 'S3:get*', Resource: '*' }) };
      expect(run({ identityPolicies: [p] }, req(USER, { action: 's3:GETOBJECT' })).decision).toBe(
        'Allow',
      );
      expect(run({ identityPolicies: [p] }, req(USER, { action: 's3:PutObject' })).decision).toBe(
        'ImplicitDeny',
      );
    });
    it('keeps one action plan per spelling of an action on a shared compiled set', () => {
      const p = { id: 'p', document: doc({ Effect: 'Allow', Action: 's3:Get*', Resource: '*' }) };
      const deny = {
        id: 'd',
        document: doc({ Effect: 'Deny', Action: 'S3:GETOBJECT', Resource: '*' }),
      };
      const set = compilePolicySet({ identityPolicies: [p] });
      const withDeny = compilePolicySet({ identityPolicies: [p, deny] });
      for (const action of ['s3:GetObject', 'S3:GETOBJECT', 's3:getobject', 's3:GetObject']) {
        expect(evaluate(set, req(USER, { action })).decision).toBe('Allow');
        expect(evaluate(withDeny, req(USER, { action })).decision).toBe('ExplicitDeny');
      }
      expect(evaluate(set, req(USER, { action: 'S3:PUTOBJECT' })).decision).toBe('ImplicitDeny');
      expect([...set.actionPlans.values()].map((plan) => plan.action)).toEqual([
        's3:getobject',
        's3:getobject',
        's3:getobject',
        's3:putobject',
      ]);
    });
    it('matches resources case-sensitively', () => {
      const p = {
        id: 'p',
        document: doc({ Effect: 'Allow', Action: 's3:*', Resource: 'arn:aws:s3:::bucket/*' }),
      };
      expect(run({ identityPolicies: [p] }, req(USER)).decision).toBe('Allow');
      expect(
        run({ identityPolicies: [p] }, req(USER, { resource: 'arn:aws:s3:::Bucket/key' })).decision,
      ).toBe('ImplicitDeny');
    });
    it('applies NotAction and NotResource to everything else', () => {
      const p = {
        id: 'p',
        document: doc({
          Effect: 'Allow',
          NotAction: 'iam:*',
          NotResource: 'arn:aws:s3:::secret/*',
        }),
      };
      expect(run({ identityPolicies: [p] }, req(USER)).decision).toBe('Allow');
      expect(run({ identityPolicies: [p] }, req(USER, { action: 'iam:CreateUser' })).decision).toBe(
        'ImplicitDeny',
      );
      expect(
        run({ identityPolicies: [p] }, req(USER, { resource: 'arn:aws:s3:::secret/x' })).decision,
      ).toBe('ImplicitDeny');
    });
  });

  describe('permissions boundaries and resource policies in one account', () => {
    const identity = { id: 'i', document: doc(allowAll()) };
    const boundary = {
      id: 'b',
      document: doc({ Effect: 'Allow', Action: 'ec2:*', Resource: '*' }),
    };
    it('limits identity permissions to the boundary', () => {
      expect(
        run({ identityPolicies: [identity], permissionsBoundary: boundary }, req(USER)).decision,
      ).toBe('ImplicitDeny');
    });
    it('does not limit a resource policy that names the IAM user ARN', () => {
      const rp = { id: 'r', document: doc({ ...allowAll(), Principal: { AWS: USER } }) };
      expect(run({ resourcePolicy: rp, permissionsBoundary: boundary }, req(USER))).toEqual({
        decision: 'Allow',
        determiningStatements: ['r#0'],
      });
    });
    it('limits a resource policy that names the role ARN, but not one that names the session ARN', () => {
      const byRole = { id: 'r', document: doc({ ...allowAll(), Principal: { AWS: ROLE } }) };
      const bySession = { id: 'r', document: doc({ ...allowAll(), Principal: { AWS: SESSION } }) };
      expect(run({ resourcePolicy: byRole }, req(SESSION)).decision).toBe('Allow');
      expect(
        run({ resourcePolicy: byRole, permissionsBoundary: boundary }, req(SESSION)).decision,
      ).toBe('ImplicitDeny');
      expect(
        run({ resourcePolicy: bySession, permissionsBoundary: boundary }, req(SESSION)).decision,
      ).toBe('Allow');
    });
    it('treats an account principal as delegation to identity policies', () => {
      const rp = { id: 'r', document: doc({ ...allowAll(), Principal: { AWS: A } }) };
      expect(run({ resourcePolicy: rp }, req(USER)).decision).toBe('ImplicitDeny');
      expect(run({ resourcePolicy: rp, identityPolicies: [identity] }, req(USER))).toEqual({
        decision: 'Allow',
        determiningStatements: ['r#0', 'i#0'],
      });
    });
  });

  describe('trust policies and KMS key policies', () => {
    const identity = { id: 'i', document: doc(allowAll()) };
    const trustOther = {
      id: 'r',
      document: doc({
        Effect: 'Allow',
        Action: 'sts:AssumeRole',
        Principal: { AWS: `arn:aws:iam::${A}:user/other` },
      }),
    };
    it('must allow the principal themselves even when identity policies allow', () => {
      const assume = req(USER, { action: 'sts:AssumeRole', resource: ROLE });
      expect(
        run({ identityPolicies: [identity], resourcePolicy: trustOther }, assume).decision,
      ).toBe('ImplicitDeny');
      const key = req(USER, {
        action: 'kms:Decrypt',
        resource: `arn:aws:kms:us-east-1:${A}:key/k1`,
      });
      expect(run({ identityPolicies: [identity], resourcePolicy: trustOther }, key).decision).toBe(
        'ImplicitDeny',
      );
      expect(
        run({ identityPolicies: [identity], resourcePolicy: trustOther }, req(USER)).decision,
      ).toBe('Allow');
    });
    it('delegate to identity policies when they name the account', () => {
      const trustAccount = {
        id: 'r',
        document: doc({
          Effect: 'Allow',
          Action: 'sts:AssumeRole',
          Principal: { AWS: `arn:aws:iam::${A}:root` },
        }),
      };
      const assume = req(USER, { action: 'sts:AssumeRole', resource: ROLE });
      expect(
        run({ identityPolicies: [identity], resourcePolicy: trustAccount }, assume).decision,
      ).toBe('Allow');
      expect(run({ resourcePolicy: trustAccount }, assume).decision).toBe('ImplicitDeny');
    });
  });

  describe('NotPrincipal', () => {
    const identity = { id: 'i', document: doc(allowAll()) };
    const denyOthers = {
      id: 'r',
      document: doc({
        Sid: 'DenyOthers',
        Effect: 'Deny',
        Action: '*',
        Resource: '*',
        NotPrincipal: { AWS: [USER, `arn:aws:iam::${A}:root`] },
      }),
    };
    it('does not deny the listed principal (with its account), and denies everyone else', () => {
      expect(
        run({ identityPolicies: [identity], resourcePolicy: denyOthers }, req(USER)).decision,
      ).toBe('Allow');
      expect(
        run({ identityPolicies: [identity], resourcePolicy: denyOthers }, req(SESSION)),
      ).toEqual({
        decision: 'ExplicitDeny',
        determiningStatements: ['r#DenyOthers'],
      });
    });
    it('always denies a principal that has a permissions boundary', () => {
      const boundary = { id: 'b', document: doc(allowAll()) };
      expect(
        run(
          {
            identityPolicies: [identity],
            resourcePolicy: denyOthers,
            permissionsBoundary: boundary,
          },
          req(USER),
        ).decision,
      ).toBe('ExplicitDeny');
    });
    it('is not supported with Allow', () => {
      const allowOthers = {
        id: 'r',
        document: doc({ Effect: 'Allow', Action: '*', Resource: '*', NotPrincipal: { AWS: ROLE } }),
      };
      const set = compilePolicySet({ identityPolicies: [], resourcePolicy: allowOthers });
      expect(set.issues.map((i) => i.code)).toEqual(['NOT_PRINCIPAL_WITH_ALLOW']);
      expect(evaluate(set, req(USER)).decision).toBe('ImplicitDeny');
    });
  });

  describe('session policies', () => {
    const identity = { id: 'i', document: doc(allowAll()) };
    const session = { id: 's', document: doc({ Effect: 'Allow', Action: 'ec2:*', Resource: '*' }) };
    it('intersects a role session with its session policy', () => {
      expect(
        run({ identityPolicies: [identity], sessionPolicy: session }, req(SESSION)).decision,
      ).toBe('ImplicitDeny');
      expect(run({ identityPolicies: [identity] }, req(SESSION)).decision).toBe('Allow');
    });
    it('gives a federated user without a session policy no identity-based permissions', () => {
      expect(run({ identityPolicies: [identity] }, req(FED)).decision).toBe('ImplicitDeny');
      expect(
        run(
          { identityPolicies: [identity], sessionPolicy: { id: 's', document: doc(allowAll()) } },
          req(FED),
        ),
      ).toEqual({ decision: 'Allow', determiningStatements: ['i#0', 's#0'] });
    });
    it('ignores a session policy for a caller that is not a session', () => {
      expect(
        run({ identityPolicies: [identity], sessionPolicy: session }, req(USER)).decision,
      ).toBe('Allow');
    });
  });

  describe('cross-account', () => {
    const other = `arn:aws:iam::${B}:user/carol`;
    const identity = { id: 'i', document: doc(allowAll()) };
    it('needs both the identity policy and the resource policy', () => {
      const rp = {
        id: 'r',
        document: doc({ ...allowAll(), Principal: { AWS: `arn:aws:iam::${B}:root` } }),
      };
      expect(run({ identityPolicies: [identity], resourceAccount: A }, req(other)).decision).toBe(
        'ImplicitDeny',
      );
      expect(run({ resourcePolicy: rp, resourceAccount: A }, req(other)).decision).toBe(
        'ImplicitDeny',
      );
      expect(
        run({ identityPolicies: [identity], resourcePolicy: rp, resourceAccount: A }, req(other)),
      ).toEqual({
        decision: 'Allow',
        determiningStatements: ['r#0', 'i#0'],
      });
    });
  });

  describe('guardrails', () => {
    const identity = { id: 'i', document: doc(allowAll()) };
    it('needs an Allow from one guardrail', () => {
      const g1 = { id: 'g1', document: doc({ Effect: 'Allow', Action: 'ec2:*', Resource: '*' }) };
      const g2 = { id: 'g2', document: doc({ Effect: 'Allow', Action: 's3:*', Resource: '*' }) };
      expect(run({ identityPolicies: [identity], guardrails: [g1] }, req(USER)).decision).toBe(
        'ImplicitDeny',
      );
      expect(run({ identityPolicies: [identity], guardrails: [g1, g2] }, req(USER))).toEqual({
        decision: 'Allow',
        determiningStatements: ['g2#0', 'i#0'],
      });
    });
    it('applies to the root user but not to service-linked roles', () => {
      const deny = {
        id: 'g',
        document: doc(allowAll(), { Effect: 'Deny', Action: '*', Resource: '*' }),
      };
      expect(run({ guardrails: [deny] }, req(`arn:aws:iam::${A}:root`)).decision).toBe(
        'ExplicitDeny',
      );
      expect(run({ guardrails: [] }, req(`arn:aws:iam::${A}:root`)).decision).toBe('Allow');
      const slr = `arn:aws:iam::${A}:role/aws-service-role/x.amazonaws.com/AWSServiceRoleForX`;
      expect(run({ guardrails: [deny], identityPolicies: [identity] }, req(slr)).decision).toBe(
        'Allow',
      );
    });
  });

  describe('policy variables', () => {
    const p = {
      id: 'p',
      document: doc({
        Effect: 'Allow',
        Action: 's3:*',
        Resource: 'arn:aws:s3:::bucket/${aws:username}/*',
      }),
    };
    it('substitutes context values, case-insensitively by key', () => {
      const r = req(USER, {
        resource: 'arn:aws:s3:::bucket/alice/x',
        context: { 'AWS:UserName': 'alice' },
      });
      expect(run({ identityPolicies: [p] }, r).decision).toBe('Allow');
    });
    it('does not match when the variable has no value', () => {
      const r = req(USER, { resource: 'arn:aws:s3:::bucket/alice/x' });
      expect(run({ identityPolicies: [p] }, r).decision).toBe('ImplicitDeny');
    });
    it('keeps variables literal under Version 2008-10-17', () => {
      const old = { id: 'p', document: { ...p.document, Version: '2008-10-17' } };
      const r = req(USER, {
        resource: 'arn:aws:s3:::bucket/${aws:username}/x',
        context: { 'aws:username': 'a' },
      });
      expect(run({ identityPolicies: [old] }, r).decision).toBe('Allow');
    });
  });

  describe('malformed input', () => {
    it('never throws on request values outside the documented types', () => {
      const p = {
        id: 'p',
        document: doc(
          allowAll({
            Condition: { StringLike: { k: 'a*' }, 'ForAllValues:StringEquals': { m: 'x' } },
          }),
        ),
      };
      const context = {
        k: 5,
        m: ['x', null, { a: 1 }],
      } as unknown as AuthorizationRequest['context'];
      expect(run({ identityPolicies: [p] }, req(USER, { context })).decision).toBe('ImplicitDeny');
      const weird = {
        principal: 7,
        action: null,
        resource: undefined,
        context: null,
      } as unknown as AuthorizationRequest;
      expect(run({ identityPolicies: [p] }, weird).decision).toBe('ImplicitDeny');
    });

    it.each([
      { title: 'a string', document: 'nope' },
      { title: 'null', document: null },
      { title: 'no statement', document: { Version: '2012-10-17' } },
      { title: 'statement of garbage', document: doc(1, null, [], { Effect: 'Maybe', Action: 3 }) },
    ])('never throws and never allows for $title', ({ document }) => {
      expect(run({ identityPolicies: [{ id: 'x', document }] }, req(USER)).decision).toBe(
        'ImplicitDeny',
      );
    });
  });
});
