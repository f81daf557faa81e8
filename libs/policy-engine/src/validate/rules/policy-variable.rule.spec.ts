import { describe, expect, it } from 'vitest';
import { runRule, summarize } from '../rule-spec-helpers.js';
import { policyVariableRule } from './policy-variable.rule.js';

const doc = (Resource: unknown, Version: string | null = '2012-10-17', Condition?: unknown) => ({
  ...(Version === null ? {} : { Version }),
  Statement: [
    {
      Effect: 'Allow',
      Action: 's3:*',
      Resource,
      ...(Condition === undefined ? {} : { Condition }),
    },
  ],
});

describe(policyVariableRule.name, () => {
  it.each([
    {
      title: 'a missing brace',
      document: doc('arn:aws:s3:::b/${aws:username'),
      expected: ['MISSING_BRACE_IN_VARIABLE error /Statement/0/Resource'],
    },
    {
      title: 'an empty variable',
      document: doc(['arn:aws:s3:::b/${}']),
      expected: ['EMPTY_VARIABLE error /Statement/0/Resource/0'],
    },
    {
      title: 'a key without prefix',
      document: doc('arn:aws:s3:::b/${username}'),
      expected: ['INVALID_VARIABLE error /Statement/0/Resource'],
    },
    {
      title: 'a variable under 2008-10-17',
      document: doc('arn:aws:s3:::b/${aws:username}', '2008-10-17'),
      expected: ['VARIABLE_REQUIRES_VERSION warning /Statement/0/Resource'],
    },
    {
      title: 'a variable without Version',
      document: doc('arn:aws:s3:::b/${aws:username}', null),
      expected: ['VARIABLE_REQUIRES_VERSION warning /Statement/0/Resource'],
    },
    {
      title: 'a bad variable in a string condition',
      document: doc('*', '2012-10-17', { StringEquals: { 's3:prefix': '${aws:username' } }),
      expected: ['MISSING_BRACE_IN_VARIABLE error /Statement/0/Condition/StringEquals/s3:prefix'],
    },
    {
      title: 'nothing for valid variables',
      document: doc([
        'arn:aws:s3:::b/${aws:username}/*',
        "arn:aws:s3:::b/${aws:PrincipalTag/team, 'shared'}/*",
        'arn:aws:s3:::b/${*}${?}${$}',
      ]),
      expected: [],
    },
  ])('reports $title', ({ document, expected }) => {
    expect(summarize(runRule(policyVariableRule, document))).toEqual(expected);
  });
});
