import { describe, expect, it } from 'vitest';
import { runRule, summarizeStatement } from '../rule-spec-helpers.js';
import { effectRule } from './effect.rule.js';

describe(effectRule.name, () => {
  it.each([
    {
      title: 'a missing Effect',
      statement: { Action: '*' },
      expected: ['MISSING_EFFECT error /Statement/0'],
    },
    {
      title: 'a lower-case effect',
      statement: { Effect: 'allow' },
      expected: ['INVALID_EFFECT error /Statement/0/Effect'],
    },
    {
      title: 'an unknown effect',
      statement: { Effect: 'Permit' },
      expected: ['INVALID_EFFECT error /Statement/0/Effect'],
    },
    {
      title: 'an array effect',
      statement: { Effect: ['Allow'] },
      expected: ['DATA_TYPE_MISMATCH error /Statement/0/Effect'],
    },
    { title: 'nothing for Allow', statement: { Effect: 'Allow' }, expected: [] },
    { title: 'nothing for Deny', statement: { Effect: 'Deny' }, expected: [] },
  ])('reports $title', ({ statement, expected }) => {
    expect(summarizeStatement(effectRule, statement)).toEqual(expected);
  });

  it('explains the case-sensitivity', () => {
    const [issue] = runRule(effectRule, { Statement: [{ Effect: 'DENY' }] });
    expect(issue?.message).toBe(
      'invalid effect `DENY`; use `Allow` or `Deny` (effect is case-sensitive: `Deny`)',
    );
  });
});
