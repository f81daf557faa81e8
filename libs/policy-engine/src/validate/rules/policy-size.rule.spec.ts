import { describe, expect, it } from 'vitest';
import type { PolicyKind } from '../../grammar/policy-elements.js';
import { measurePolicySize } from '../../grammar/policy-size.js';
import { runRule, summarize } from '../rule-spec-helpers.js';
import { policySizeRule } from './policy-size.rule.js';

/** A valid policy whose size (without white space) is exactly `size` characters. */
function policyOfSize(size: number, indent = 0): string {
  const bare = JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '' }],
  });
  const filler = 'x'.repeat(size - bare.length);
  return JSON.stringify(
    {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: filler }],
    },
    null,
    indent,
  );
}

describe(policySizeRule.name, () => {
  it.each<{ kind: PolicyKind; limit: number }>([
    { kind: 'managed', limit: 6_144 },
    { kind: 'inline-user', limit: 2_048 },
    { kind: 'inline-group', limit: 5_120 },
    { kind: 'inline-role', limit: 10_240 },
    { kind: 'trust', limit: 2_048 },
    { kind: 'guardrail', limit: 5_120 },
    { kind: 'resource', limit: 20_480 },
  ])('allows $limit characters for $kind and rejects one more', ({ kind, limit }) => {
    expect(runRule(policySizeRule, policyOfSize(limit), kind)).toEqual([]);
    const issues = runRule(policySizeRule, policyOfSize(limit + 1), kind);
    expect(summarize(issues)).toEqual(['POLICY_SIZE_EXCEEDED error ']);
    expect(issues[0]?.message).toContain(`${limit + 1} characters`);
    expect(issues[0]?.message).toContain(`${limit} allowed`);
  });

  it('does not count white space outside strings for IAM policies', () => {
    expect(runRule(policySizeRule, policyOfSize(6_144, 8), 'managed')).toEqual([]);
  });

  it('counts white space for guardrails (SCPs count every character)', () => {
    expect(summarize(runRule(policySizeRule, policyOfSize(5_100, 8), 'guardrail'))).toEqual([
      'POLICY_SIZE_EXCEEDED error ',
    ]);
  });

  it('counts white space inside strings and code points, not UTF-16 units', () => {
    expect(measurePolicySize('{ "a b" : "é😀" }', false)).toBe(12);
    expect(measurePolicySize('{ "a b" : "é😀" }', true)).toBe(16);
  });

  it('measures unparsable text too', () => {
    const issues = runRule(policySizeRule, '{"a": "' + 'x'.repeat(7_000), 'managed');
    expect(issues.map((issue) => issue.code).sort()).toEqual([
      'JSON_SYNTAX_ERROR',
      'POLICY_SIZE_EXCEEDED',
    ]);
  });
});
