import { describe, expect, it } from 'vitest';
import * as engine from './index.js';

describe('@iam/policy-engine facade', () => {
  it('exposes every stage', () => {
    for (const name of [
      'parsePolicyDocument',
      'validatePolicyDocument',
      'compilePolicySet',
      'evaluate',
      'explain',
      'caseToEvaluationInput',
    ] as const) {
      expect(typeof engine[name]).toBe('function');
    }
    expect(engine.NO_OP_TRACER.enabled).toBe(false);
  });

  it('runs parse → compile → evaluate on policy text', () => {
    const text =
      '{"Version":"2012-10-17","Statement":{"Sid":"All","Effect":"Allow","Action":"s3:*","Resource":"*"}}';
    const parsed = engine.parsePolicyDocument(text);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const set = engine.compilePolicySet({
      identityPolicies: [{ id: 'p', document: parsed.value }],
    });
    const result = engine.evaluate(set, {
      principal: 'arn:aws:iam::111122223333:user/a',
      action: 's3:ListBucket',
      resource: 'arn:aws:s3:::b',
      context: {},
    });
    expect(result).toEqual({ decision: 'Allow', determiningStatements: ['p#All'] });
  });
});
