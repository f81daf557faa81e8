import { describe, expect, it } from 'vitest';
import { runRule, summarize } from '../rule-spec-helpers.js';
import { conditionValueRule } from './condition-value.rule.js';

const withCondition = (Condition: unknown) => ({
  Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*', Condition }],
});
const P = '/Statement/0/Condition';

describe(conditionValueRule.name, () => {
  it.each([
    {
      title: 'a non-numeric Numeric value',
      condition: { NumericLessThan: { 's3:max-keys': 'ten' } },
      expected: [`TYPE_MISMATCH error ${P}/NumericLessThan/s3:max-keys`],
    },
    {
      title: 'a bad date',
      condition: { DateGreaterThan: { 'aws:CurrentTime': '2024-13-01' } },
      expected: [`TYPE_MISMATCH error ${P}/DateGreaterThan/aws:CurrentTime`],
    },
    {
      title: 'a non-boolean Bool',
      condition: { Bool: { 'aws:SecureTransport': 'yes' } },
      expected: [`TYPE_MISMATCH error ${P}/Bool/aws:SecureTransport`],
    },
    {
      title: 'a non-boolean Null',
      condition: { Null: { 'aws:TagKeys': 1 } },
      expected: [`TYPE_MISMATCH error ${P}/Null/aws:TagKeys`],
    },
    {
      title: 'a bad CIDR',
      condition: { IpAddress: { 'aws:SourceIp': ['10.0.0.0/33'] } },
      expected: [`TYPE_MISMATCH_IP_RANGE error ${P}/IpAddress/aws:SourceIp/0`],
    },
    {
      title: 'a bad IPv6',
      condition: { NotIpAddress: { 'aws:SourceIp': '2001:db8::g/32' } },
      expected: [`TYPE_MISMATCH_IP_RANGE error ${P}/NotIpAddress/aws:SourceIp`],
    },
    {
      title: 'non-base64 binary',
      condition: { BinaryEquals: { 'ec2:key': 'not base64!' } },
      expected: [`TYPE_MISMATCH error ${P}/BinaryEquals/ec2:key`],
    },
    {
      title: 'a non-ARN Arn value',
      condition: { ArnEquals: { 'aws:SourceArn': 'my-topic' } },
      expected: [`TYPE_MISMATCH error ${P}/ArnEquals/aws:SourceArn`],
    },
    {
      title: 'NullIfExists',
      condition: { NullIfExists: { 'aws:TagKeys': 'true' } },
      expected: [`NULL_WITH_IF_EXISTS error ${P}/NullIfExists`],
    },
    {
      title: 'several Bool values',
      condition: { Bool: { 'aws:SecureTransport': ['true', 'false'] } },
      expected: [`INVALID_CONDITION_MULTIPLE_BOOLEAN warning ${P}/Bool/aws:SecureTransport`],
    },
    {
      title: 'a variable in a Numeric value',
      condition: { NumericEquals: { 's3:max-keys': '${aws:username}' } },
      expected: [`INVALID_VARIABLE_FOR_OPERATOR error ${P}/NumericEquals/s3:max-keys`],
    },
    {
      title: 'a wildcard in StringEquals',
      condition: { StringEquals: { 's3:prefix': 'home/*' } },
      expected: [`WILDCARD_WITHOUT_LIKE_OPERATOR warning ${P}/StringEquals/s3:prefix`],
    },
    {
      title: 'nothing for well-typed values',
      condition: {
        NumericLessThanEquals: { 's3:max-keys': ['10', 2.5, '-3'] },
        DateLessThan: {
          'aws:CurrentTime': ['2025-01-01T00:00:00Z', '2025-01-01', 1735689600, '1735689600'],
        },
        Bool: { 'aws:SecureTransport': 'True' },
        Null: { 'aws:TagKeys': false },
        IpAddress: {
          'aws:SourceIp': ['203.0.113.0/24', '2001:DB8:1234:5678::/64', '::1', '192.0.2.1'],
        },
        BinaryEquals: { 'ec2:key': 'QmluYXJ5VmFsdWU=' },
        ArnLike: { 'aws:SourceArn': ['arn:aws:sns:*:111122223333:*', '${aws:PrincipalArn}', '*'] },
        StringLike: { 's3:prefix': 'home/*' },
      },
      expected: [],
    },
  ])('reports $title', ({ condition, expected }) => {
    expect(summarize(runRule(conditionValueRule, withCondition(condition)))).toEqual(expected);
  });
});
