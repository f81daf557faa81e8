import { describe, expect, it } from 'vitest';
import { runRule, summarize } from '../rule-spec-helpers.js';
import { passRoleRule } from './pass-role.rule.js';

const doc = (statement: Record<string, unknown>) => ({ Statement: [statement] });

describe(passRoleRule.name, () => {
  it.each([
    {
      title: 'iam:PassRole on `*`',
      statement: { Effect: 'Allow', Action: ['s3:GetObject', 'iam:PassRole'], Resource: '*' },
      expected: ['PASS_ROLE_WITH_STAR_IN_RESOURCE security-warning /Statement/0/Action/1'],
    },
    {
      title: 'iam:* on `*`',
      statement: { Effect: 'Allow', Action: 'iam:*', Resource: ['*'] },
      expected: ['PASS_ROLE_WITH_STAR_IN_ACTION_AND_RESOURCE security-warning /Statement/0/Action'],
    },
    {
      title: 'nothing for named roles',
      statement: {
        Effect: 'Allow',
        Action: 'iam:PassRole',
        Resource: 'arn:aws:iam::111122223333:role/R',
      },
      expected: [],
    },
    {
      title: 'nothing for a Deny',
      statement: { Effect: 'Deny', Action: 'iam:PassRole', Resource: '*' },
      expected: [],
    },
  ])('reports $title', ({ statement, expected }) => {
    expect(summarize(runRule(passRoleRule, doc(statement)))).toEqual(expected);
  });
});
