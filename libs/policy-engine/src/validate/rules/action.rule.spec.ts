import { describe, expect, it } from 'vitest';
import { runRule, summarize } from '../rule-spec-helpers.js';
import { actionRule } from './action.rule.js';

const withAction = (Action: unknown, element = 'Action') => ({
  Statement: [{ Effect: 'Allow', [element]: Action, Resource: '*' }],
});

describe(actionRule.name, () => {
  it.each([
    {
      title: 'an action without a service',
      action: 'GetObject',
      expected: ['INVALID_ACTION error /Statement/0/Action'],
    },
    {
      title: 'an empty action name',
      action: 's3:',
      expected: ['INVALID_ACTION error /Statement/0/Action'],
    },
    {
      title: 'a wildcard in the service',
      action: ['s*:GetObject'],
      expected: ['WILDCARD_IN_SERVICE_NAME error /Statement/0/Action/0'],
    },
    {
      title: 'a bad service character',
      action: 's_3:GetObject',
      expected: ['INVALID_ACTION error /Statement/0/Action'],
    },
    {
      title: 'an upper-case service',
      action: 'S3:GetObject',
      expected: ['ACTION_SERVICE_CASE suggestion /Statement/0/Action'],
    },
    {
      title: 'an empty list',
      action: [],
      expected: ['EMPTY_ARRAY_ACTION suggestion /Statement/0/Action'],
    },
    { title: 'a number', action: 1, expected: ['DATA_TYPE_MISMATCH error /Statement/0/Action'] },
    {
      title: 'a non-string entry',
      action: ['s3:GetObject', {}],
      expected: ['DATA_TYPE_MISMATCH error /Statement/0/Action/1'],
    },
    { title: 'nothing for `*`', action: '*', expected: [] },
    {
      title: 'nothing for wildcards in the action part',
      action: ['s3:Get*', 'ec2:Describe?nstances', 'execute-api:Invoke'],
      expected: [],
    },
  ])('reports $title', ({ action, expected }) => {
    expect(summarize(runRule(actionRule, withAction(action)))).toEqual(expected);
  });

  it('checks NotAction too', () => {
    expect(summarize(runRule(actionRule, withAction('*:*', 'NotAction')))).toEqual([
      'WILDCARD_IN_SERVICE_NAME error /Statement/0/NotAction',
    ]);
  });
});
