import { describe, expect, it } from 'vitest';
import type { PolicyKind } from '../../grammar/policy-elements.js';
import { runRule, summarize } from '../rule-spec-helpers.js';
import { allowNotActionRule } from './allow-not-action.rule.js';

const doc = (statement: Record<string, unknown>) => ({ Statement: [statement] });

describe(allowNotActionRule.name, () => {
  it.each<{
    title: string;
    statement: Record<string, unknown>;
    kind?: PolicyKind;
    expected: string[];
  }>([
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
    expect(summarize(runRule(allowNotActionRule, doc(statement), kind))).toEqual(expected);
  });
});
