import { describe, expect, it } from 'vitest';
import { runRule, summarize } from '../rule-spec-helpers.js';
import { conditionStructureRule } from './condition-structure.rule.js';

const withCondition = (Condition: unknown) => ({
  Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*', Condition }],
});
const P = '/Statement/0/Condition';

describe(conditionStructureRule.name, () => {
  it.each([
    { title: 'a non-object Condition', condition: [], expected: [`DATA_TYPE_MISMATCH error ${P}`] },
    {
      title: 'an empty Condition',
      condition: {},
      expected: [`EMPTY_OBJECT_CONDITION suggestion ${P}`],
    },
    {
      title: 'an unknown operator',
      condition: { StringEqual: { 's3:prefix': 'a' } },
      expected: [`INVALID_CONDITION_OPERATOR error ${P}/StringEqual`],
    },
    {
      title: 'an unknown set qualifier',
      condition: { 'ForSomeValues:StringEquals': { 'aws:TagKeys': 'a' } },
      expected: [`INVALID_CONDITION_OPERATOR error ${P}/ForSomeValues:StringEquals`],
    },
    {
      title: 'an operator block that is a string',
      condition: { StringEquals: 'x' },
      expected: [`DATA_TYPE_MISMATCH error ${P}/StringEquals`],
    },
    {
      title: 'an empty operator block',
      condition: { Bool: {} },
      expected: [`EMPTY_OBJECT_CONDITION suggestion ${P}/Bool`],
    },
    {
      title: 'a key without prefix',
      condition: { StringEquals: { username: 'a' } },
      expected: [`INVALID_CONDITION_KEY_FORMAT error ${P}/StringEquals/username`],
    },
    {
      title: 'an unknown global key',
      condition: { StringEquals: { 'aws:UserName2': 'a' } },
      expected: [`INVALID_GLOBAL_CONDITION_KEY warning ${P}/StringEquals/aws:UserName2`],
    },
    {
      title: 'an empty value list',
      condition: { StringEquals: { 's3:prefix': [] } },
      expected: [`EMPTY_ARRAY_CONDITION warning ${P}/StringEquals/s3:prefix`],
    },
    {
      title: 'an object value',
      condition: { StringEquals: { 's3:prefix': [{}] } },
      expected: [`DATA_TYPE_MISMATCH error ${P}/StringEquals/s3:prefix/0`],
    },
    {
      title: 'a null value',
      condition: { StringEquals: { 's3:prefix': null } },
      expected: [`DATA_TYPE_MISMATCH error ${P}/StringEquals/s3:prefix`],
    },
    {
      title: 'keys that differ only by case',
      condition: { StringEquals: { 'aws:username': 'a', 'aws:UserName': 'b' } },
      expected: [`DUPLICATE_KEYS_WITH_DIFFERENT_CASE error ${P}/StringEquals/aws:UserName`],
    },
    {
      title: 'nothing for known operators and keys',
      condition: {
        StringEqualsIgnoreCaseIfExists: {
          'aws:PrincipalTag/team': 'x',
          'ec2:ResourceTag/Name': ['a', 'b'],
        },
        'ForAnyValue:StringLike': { 'aws:TagKeys': 'env*' },
        NumericLessThan: { 's3:max-keys': 10 },
        Bool: { 'aws:SecureTransport': true },
      },
      expected: [],
    },
  ])('reports $title', ({ condition, expected }) => {
    expect(summarize(runRule(conditionStructureRule, withCondition(condition)))).toEqual(expected);
  });

  it('suggests the right spelling of an operator', () => {
    const [issue] = runRule(
      conditionStructureRule,
      withCondition({ stringequals: { 's3:prefix': 'a' } }),
    );
    expect(issue?.message).toBe(
      'unknown condition operator `stringequals`; did you mean `StringEquals`',
    );
  });
});
