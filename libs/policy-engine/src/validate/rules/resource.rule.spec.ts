import { describe, expect, it } from 'vitest';
import { runRule, summarize } from '../rule-spec-helpers.js';
import { resourceRule } from './resource.rule.js';

const withResource = (Resource: unknown) => ({
  Statement: [{ Effect: 'Allow', Action: 's3:*', Resource }],
});

describe(resourceRule.name, () => {
  it.each([
    {
      title: 'a non-ARN',
      resource: 'my-bucket',
      expected: ['INVALID_ARN_PREFIX error /Statement/0/Resource'],
    },
    {
      title: 'too few ARN fields',
      resource: 'arn:aws:s3:::',
      expected: ['MISSING_ARN_FIELD error /Statement/0/Resource'],
    },
    {
      title: 'too few colons',
      resource: ['arn:aws:s3'],
      expected: ['MISSING_ARN_FIELD error /Statement/0/Resource/0'],
    },
    {
      title: 'a bad partition',
      resource: 'arn:AWS:s3:::b',
      expected: ['INVALID_PARTITION error /Statement/0/Resource'],
    },
    {
      title: 'an upper-case service',
      resource: 'arn:aws:S3:::b',
      expected: ['INVALID_ARN_SERVICE_CASE error /Statement/0/Resource'],
    },
    {
      title: 'a bad region',
      resource: 'arn:aws:ec2:US_EAST:111122223333:instance/i-1',
      expected: ['INVALID_ARN_REGION error /Statement/0/Resource'],
    },
    {
      title: 'a bad account',
      resource: 'arn:aws:iam::1234:role/R',
      expected: ['INVALID_ARN_ACCOUNT error /Statement/0/Resource'],
    },
    {
      title: 'an empty list',
      resource: [],
      expected: ['EMPTY_ARRAY_RESOURCE suggestion /Statement/0/Resource'],
    },
    {
      title: 'a duplicate',
      resource: ['*', '*'],
      expected: ['REDUNDANT_RESOURCE suggestion /Statement/0/Resource/1'],
    },
    {
      title: 'an object',
      resource: {},
      expected: ['DATA_TYPE_MISMATCH error /Statement/0/Resource'],
    },
    {
      title: 'nothing for valid ARNs with wildcards and variables',
      resource: [
        '*',
        'arn:aws:s3:::bucket/*',
        'arn:aws-us-gov:ec2:us-gov-west-1:111122223333:instance/*',
        'arn:aws:iam::*:role/${aws:username}',
        'arn:aws:sqs:*:111122223333:queue:with:colons',
        'arn:ours:iam::aws:policy/ReadOnly',
      ],
      expected: [],
    },
  ])('reports $title', ({ resource, expected }) => {
    expect(summarize(runRule(resourceRule, withResource(resource)))).toEqual(expected);
  });
});
