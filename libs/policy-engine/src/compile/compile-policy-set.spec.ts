import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluate } from '../evaluate/evaluate.js';
import { compilePolicy, compilePolicySet } from './compile-policy-set.js';

const USER = 'arn:aws:iam::111122223333:user/alice';

describe('compilePolicySet', () => {
  it('never throws on arbitrary JSON, and nothing compiled from garbage throws at evaluation', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.jsonValue(), (document, statement) => {
        const set = compilePolicySet({
          identityPolicies: [
            { id: 'a', document },
            { id: 'b', document: { Version: '2012-10-17', Statement: [statement] } },
          ],
          resourcePolicy: { id: 'r', document: { Version: '2012-10-17', Statement: statement } },
        });
        const r = evaluate(set, {
          principal: USER,
          action: 's3:GetObject',
          resource: '*',
          context: {},
        });
        expect(['Allow', 'ExplicitDeny', 'ImplicitDeny']).toContain(r.decision);
      }),
      { numRuns: 300 },
    );
  });

  it('survives inputs that are not even policy sets', () => {
    expect(() => compilePolicySet(null as never)).not.toThrow();
    expect(() =>
      compilePolicySet({ identityPolicies: [null, 3, { id: 5 }] } as never),
    ).not.toThrow();
  });

  it('keeps a broken statement, with its issues, as one that never applies', () => {
    const p = compilePolicy(
      {
        id: 'p',
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Sid: 'Broken',
              Effect: 'Allow',
              Action: 's3:*',
              Resource: '*',
              Condition: { NumericLessThan: { k: 'x' } },
            },
            { Effect: 'Allow', Action: 's3:*', Resource: '*', Principal: '*' },
            { Effect: 'Allow', Action: ['s3:*'], NotAction: 'ec2:*', Resource: '*' },
            { Effect: 'Allow', Action: 's3:*' },
            { Effect: 'Allow', Action: 's3:*', Resource: '*', Extra: 1 },
            { Effect: 'Allow', Action: 's3:*', Resource: '*' },
          ],
        },
      },
      'identity',
    );
    expect(p.statements.map((s) => s.valid)).toEqual([false, false, false, false, false, true]);
    expect(p.statements.map((s) => s.issues[0]?.code)).toEqual([
      'TYPE_MISMATCH',
      'UNSUPPORTED_PRINCIPAL',
      'UNSUPPORTED_ELEMENT_COMBINATION',
      'MISSING_RESOURCE',
      'INVALID_POLICY_ELEMENT',
      undefined,
    ]);
    expect(p.statements[0]!.issues[0]!.pointer).toBe('/Statement/0/Condition/NumericLessThan/k');
    expect(p.statements[0]!.ref).toBe('p#Broken');
  });

  it('requires a principal in resource policies but not a resource', () => {
    const trust = compilePolicy(
      {
        id: 't',
        document: {
          Version: '2012-10-17',
          Statement: {
            Effect: 'Allow',
            Principal: { Service: 'ec2.amazonaws.com' },
            Action: 'sts:AssumeRole',
          },
        },
      },
      'resource',
    );
    expect(trust.statements[0]!.valid).toBe(true);
    const noPrincipal = compilePolicy(
      {
        id: 'r',
        document: {
          Version: '2012-10-17',
          Statement: { Effect: 'Allow', Action: 's3:*', Resource: '*' },
        },
      },
      'resource',
    );
    expect(noPrincipal.statements[0]!.issues.map((i) => i.code)).toEqual(['MISSING_PRINCIPAL']);
  });

  it('reports document-level problems', () => {
    expect(compilePolicy({ id: 'x', document: [] }, 'identity').issues[0]!.code).toBe(
      'DATA_TYPE_MISMATCH',
    );
    expect(
      compilePolicy({ id: 'x', document: { Version: '2012-10-17' } }, 'identity').issues[0]!.code,
    ).toBe('MISSING_STATEMENT');
    const badVersion = compilePolicy(
      {
        id: 'x',
        document: {
          Version: '2020-01-01',
          Statement: { Effect: 'Allow', Action: '*', Resource: '*' },
        },
      },
      'identity',
    );
    expect(badVersion.issues[0]!.code).toBe('INVALID_VERSION');
    expect(badVersion.statements[0]!.valid).toBe(false);
  });

  it('indexes statements by service, with wildcard services in every bucket, in statement order', () => {
    const p = compilePolicy(
      {
        id: 'p',
        document: {
          Version: '2012-10-17',
          Statement: [
            { Effect: 'Allow', Action: ['S3:Get*', 'ec2:Describe*'], Resource: '*' },
            { Effect: 'Allow', NotAction: 'iam:*', Resource: '*' },
            { Effect: 'Allow', Action: 's3:Put*', Resource: '*' },
          ],
        },
      },
      'identity',
    );
    expect(p.byService.get('s3')!.map((s) => s.index)).toEqual([0, 1, 2]);
    expect(p.byService.get('ec2')!.map((s) => s.index)).toEqual([0, 1]);
    expect(p.anyService.map((s) => s.index)).toEqual([1]);
  });
});
