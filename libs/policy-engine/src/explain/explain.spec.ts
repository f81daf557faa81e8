import { describe, expect, it } from 'vitest';
import { compilePolicySet } from '../compile/compile-policy-set.js';
import { evaluate } from '../evaluate/evaluate.js';
import { explain } from './explain.js';
import { NO_OP_TRACER } from './tracer.js';

const set = compilePolicySet({
  identityPolicies: [
    {
      id: 'id',
      document: {
        Version: '2012-10-17',
        Statement: [
          {
            Sid: 'Read',
            Effect: 'Allow',
            Action: 's3:Get*',
            Resource: 'arn:aws:s3:::b/*',
            Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } },
          },
          { Sid: 'Ec2', Effect: 'Allow', Action: 'ec2:*', Resource: '*' },
          { Sid: 'Other', Effect: 'Allow', Action: 's3:*', Resource: 'arn:aws:s3:::other/*' },
          {
            Sid: 'Broken',
            Effect: 'Allow',
            Action: 's3:*',
            Resource: '*',
            Condition: { Foo: { k: 'v' } },
          },
        ],
      },
    },
  ],
  sessionPolicy: {
    id: 's',
    document: { Version: '2012-10-17', Statement: { Effect: 'Allow', Action: '*', Resource: '*' } },
  },
});
const request = {
  principal: 'arn:aws:iam::111122223333:user/alice',
  action: 's3:GetObject',
  resource: 'arn:aws:s3:::b/k',
  context: { 'aws:MultiFactorAuthPresent': 'false' },
};

describe('explain', () => {
  it('returns the same result as evaluate', () => {
    expect(explain(set, request).result).toEqual(evaluate(set, request, NO_OP_TRACER));
  });

  it('says for every statement what happened and why', () => {
    const { explanation } = explain(set, request);
    const [identity, session] = explanation.policies;
    expect(identity!.statements.map((s) => [s.ref, s.outcome, s.reason])).toEqual([
      ['id#Read', 'not-matched', 'condition'],
      ['id#Ec2', 'not-matched', 'action'],
      ['id#Other', 'not-matched', 'resource'],
      ['id#Broken', 'not-applicable', 'compile-error'],
    ]);
    expect(identity!.statements[0]!.conditions).toEqual([
      {
        pointer: '/Statement/0/Condition/Bool/aws:MultiFactorAuthPresent',
        operator: 'Bool',
        key: 'aws:MultiFactorAuthPresent',
        values: ['true'],
        result: false,
      },
    ]);
    expect(identity!.statements[3]!.issues[0]!.code).toBe('INVALID_CONDITION_OPERATOR');
    expect(session).toMatchObject({ type: 'session', applicable: false });
    expect(explanation.steps.at(-1)!.step).toBe('implicit-deny');
  });

  it('is deterministic and JSON-serialisable', () => {
    const a = JSON.stringify(explain(set, request).explanation);
    const b = JSON.stringify(explain(set, request).explanation);
    expect(a).toBe(b);
    expect(JSON.parse(a)).toEqual(explain(set, request).explanation);
  });

  it('leaves the no-op tracer disabled', () => {
    expect(NO_OP_TRACER.enabled).toBe(false);
  });
});
