import { describe, expect, it } from 'vitest';
import { runRule, summarize } from '../rule-spec-helpers.js';
import { forAllValuesRule } from './for-all-values.rule.js';

const doc = (Effect: string, Condition: unknown) => ({
  Statement: [{ Effect, Action: 's3:*', Resource: '*', Condition }],
});
const P = '/Statement/0/Condition';

describe(forAllValuesRule.name, () => {
  it.each([
    {
      title: 'ForAllValues on a single-valued key',
      document: doc('Allow', { 'ForAllValues:StringEquals': { 'aws:username': 'alice' } }),
      expected: [
        `FORALLVALUES_WITH_SINGLE_VALUED_KEY security-warning ${P}/ForAllValues:StringEquals/aws:username`,
      ],
    },
    {
      title: 'ForAllValues on a multivalued key without a Null check',
      document: doc('Allow', { 'ForAllValues:StringEquals': { 'aws:TagKeys': ['env'] } }),
      expected: [
        `ALLOW_WITH_FORALLVALUES security-warning ${P}/ForAllValues:StringEquals/aws:TagKeys`,
      ],
    },
    {
      title: 'nothing with a Null check',
      document: doc('Allow', {
        'ForAllValues:StringEquals': { 'aws:TagKeys': ['env'] },
        Null: { 'aws:TagKeys': 'false' },
      }),
      expected: [],
    },
    {
      title: 'nothing in a Deny',
      document: doc('Deny', { 'ForAllValues:StringEquals': { 'aws:username': 'a' } }),
      expected: [],
    },
  ])('reports $title', ({ document, expected }) => {
    expect(summarize(runRule(forAllValuesRule, document))).toEqual(expected);
  });
});
