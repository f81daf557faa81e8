import { describe, expect, it } from 'vitest';
import { runRule, summarize } from '../rule-spec-helpers.js';
import { principalValueRule } from './principal-value.rule.js';

const withPrincipal = (Principal: unknown) => ({
  Statement: [{ Effect: 'Allow', Principal, Action: 's3:GetObject', Resource: '*' }],
});

describe(principalValueRule.name, () => {
  it.each([
    {
      title: 'an unknown key',
      principal: { User: 'x' },
      expected: ['INVALID_PRINCIPAL_KEY error /Statement/0/Principal/User'],
    },
    {
      title: 'a bare non-star string',
      principal: 'arn:aws:iam::111122223333:root',
      expected: ['INVALID_PRINCIPAL_FORMAT error /Statement/0/Principal'],
    },
    {
      title: 'a number',
      principal: 1,
      expected: ['DATA_TYPE_MISMATCH error /Statement/0/Principal'],
    },
    {
      title: 'an empty object',
      principal: {},
      expected: ['EMPTY_OBJECT_PRINCIPAL suggestion /Statement/0/Principal'],
    },
    {
      title: 'an empty list',
      principal: { AWS: [] },
      expected: ['EMPTY_ARRAY_PRINCIPAL suggestion /Statement/0/Principal/AWS'],
    },
    {
      title: 'a short account id',
      principal: { AWS: '12345' },
      expected: ['INVALID_PRINCIPAL_FORMAT error /Statement/0/Principal/AWS'],
    },
    {
      title: 'a wildcard inside an ARN',
      principal: { AWS: ['arn:aws:iam::111122223333:role/*'] },
      expected: ['UNSUPPORTED_WILDCARD_IN_PRINCIPAL error /Statement/0/Principal/AWS/0'],
    },
    {
      title: 'an S3 ARN as AWS principal',
      principal: { AWS: 'arn:aws:s3:::bucket' },
      expected: ['INVALID_PRINCIPAL_FORMAT error /Statement/0/Principal/AWS'],
    },
    {
      title: 'a bad service name',
      principal: { Service: 'EC2' },
      expected: ['INVALID_PRINCIPAL_FORMAT error /Statement/0/Principal/Service'],
    },
    {
      title: 'a short canonical user',
      principal: { CanonicalUser: 'abc' },
      expected: ['INVALID_PRINCIPAL_FORMAT error /Statement/0/Principal/CanonicalUser'],
    },
    {
      title: 'a non-string entry',
      principal: { AWS: [1] },
      expected: ['DATA_TYPE_MISMATCH error /Statement/0/Principal/AWS'],
    },
  ])('reports $title', ({ principal, expected }) => {
    expect(summarize(runRule(principalValueRule, withPrincipal(principal), 'resource'))).toEqual(
      expected,
    );
  });

  it.each([
    '*',
    { AWS: '*' },
    { AWS: '111122223333' },
    { AWS: ['arn:aws:iam::111122223333:root', 'arn:aws-cn:iam::111122223333:user/division/alice'] },
    { AWS: 'arn:aws:iam::111122223333:role/path/to/MyRole' },
    { AWS: 'arn:aws:sts::111122223333:assumed-role/MyRole/session-1' },
    { Service: ['ec2.amazonaws.com', 'lambda.amazonaws.com.cn'] },
    { Federated: 'arn:aws:iam::111122223333:saml-provider/MyIdP' },
    { Federated: 'arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com' },
    { Federated: 'cognito-identity.amazonaws.com' },
    { CanonicalUser: 'a'.repeat(64) },
  ])('accepts %j', (principal) => {
    expect(runRule(principalValueRule, withPrincipal(principal), 'resource')).toEqual([]);
  });
});
