import { describe, expect, it } from 'vitest';
import { runRule, summarize } from '../rule-spec-helpers.js';
import { statementRule } from './statement.rule.js';

describe(statementRule.name, () => {
  it.each([
    {
      title: 'a missing Statement',
      document: { Version: '2012-10-17' },
      expected: ['MISSING_STATEMENT error '],
    },
    {
      title: 'an empty Statement array',
      document: { Statement: [] },
      expected: ['EMPTY_ARRAY_STATEMENT error /Statement'],
    },
    {
      title: 'a string Statement',
      document: { Statement: 'x' },
      expected: ['DATA_TYPE_MISMATCH error /Statement'],
    },
    {
      title: 'statement entries that are not objects',
      document: { Statement: [1, [], { Effect: 'Allow' }] },
      expected: ['DATA_TYPE_MISMATCH error /Statement/0', 'DATA_TYPE_MISMATCH error /Statement/1'],
    },
    {
      title: 'an empty statement',
      document: { Statement: [{}] },
      expected: ['EMPTY_STATEMENT error /Statement/0'],
    },
    {
      title: 'an empty single statement object',
      document: { Statement: {} },
      expected: ['EMPTY_STATEMENT error /Statement'],
    },
    {
      title: 'nothing for one statement object',
      document: { Statement: { Effect: 'Deny' } },
      expected: [],
    },
  ])('reports $title', ({ document, expected }) => {
    expect(summarize(runRule(statementRule, document))).toEqual(expected);
  });
});
