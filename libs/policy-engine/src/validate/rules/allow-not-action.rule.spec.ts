import { describe, expect, it } from 'vitest';
import { summarizeStatement } from '../rule-spec-helpers.js';
import type { StatementCase } from '../rule-spec-helpers.js';
import { allowNotActionRule } from './allow-not-action.rule.js';

describe(allowNotActionRule.name, () => {
  it.each<StatementCase>([
    {
      title: 'Allow NotAction on `*`',
      statement: { Effect: 'Allow', NotAction: 'iam:*', Resource: '*' },
      expected: ['ALLOW_WITH_NOT_ACTION_AND_STAR_RESOURCE security-warning /Statement/0/NotAction'],
    },
    {
      title: 'nothing for Deny NotAction',
      statement: { Effect: 'Deny', NotAction: 'iam:*', Resource: '*' },
      expected: [],
    },
    {
      title: 'nothing in a guardrail',
      statement: { Effect: 'Allow', NotAction: 'iam:*', Resource: '*' },
      kind: 'guardrail',
      expected: [],
    },
  ])('reports $title', ({ statement, kind, expected }) => {
    expect(summarizeStatement(allowNotActionRule, statement, kind)).toEqual(expected);
  });
});
