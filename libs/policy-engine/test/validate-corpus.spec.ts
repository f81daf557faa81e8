import { describe, expect, it } from 'vitest';
import { validatePolicyDocument, type PolicyKind } from '../src/index.js';

// AWS: https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html
// AWS: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html
// Documents with the issues IAM (Access Analyzer policy validation) reports for them. Each case lists the issues
// it must contain ({code, pointer}); `exactErrors` cases must have no other `error` issue.

interface ValidateCase {
  readonly title: string;
  readonly kind: PolicyKind;
  readonly text: string;
  readonly expected: readonly { readonly code: string; readonly pointer: string }[];
  readonly exactErrors: boolean;
}

const V = '"Version": "2012-10-17"';
const json = (value: unknown): string => JSON.stringify(value, null, 2);
const stmt = (s: Record<string, unknown>, version: string | null = '2012-10-17'): string =>
  json({ ...(version === null ? {} : { Version: version }), Statement: [s] });
const ALLOW_S3 = { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' };

const c = (
  title: string,
  kind: PolicyKind,
  text: string,
  expected: ValidateCase['expected'],
  exactErrors = true,
): ValidateCase => ({ title, kind, text, expected, exactErrors });

const CASES: readonly ValidateCase[] = [
  // Valid documents.
  c('a minimal identity policy is valid', 'managed', stmt(ALLOW_S3), []),
  c(
    'a bucket policy with a principal is valid',
    'resource',
    stmt({ ...ALLOW_S3, Principal: { AWS: 'arn:aws:iam::111122223333:user/alice' } }),
    [],
  ),
  c(
    'a role trust policy is valid',
    'trust',
    stmt({
      Effect: 'Allow',
      Principal: { Service: 'ec2.amazonaws.com' },
      Action: 'sts:AssumeRole',
    }),
    [],
  ),
  c(
    'an SCP-style guardrail with NotAction is valid',
    'guardrail',
    stmt({
      Effect: 'Deny',
      NotAction: ['iam:*', 'sts:*'],
      Resource: '*',
      Condition: { StringNotEquals: { 'aws:RequestedRegion': ['eu-west-1'] } },
    }),
    [],
  ),
  c(
    'a policy with variables and all documented condition families is valid',
    'managed',
    stmt({
      Effect: 'Allow',
      Action: 's3:*',
      Resource: 'arn:aws:s3:::b/${aws:username}/*',
      Condition: {
        StringLike: { 's3:prefix': '${aws:username}/*' },
        NumericLessThan: { 's3:max-keys': '10' },
        DateGreaterThan: { 'aws:CurrentTime': '2025-01-01T00:00:00Z' },
        Bool: { 'aws:SecureTransport': 'true' },
        IpAddress: { 'aws:SourceIp': ['203.0.113.0/24', '2001:DB8::/32'] },
        ArnLike: { 'aws:SourceArn': 'arn:aws:sns:*:111122223333:*' },
        Null: { 'aws:TokenIssueTime': 'false' },
      },
    }),
    [],
  ),
  c(
    'a single statement object (not an array) is valid',
    'managed',
    json({ Version: '2012-10-17', Statement: ALLOW_S3 }),
    [],
  ),
  // JSON and top-level structure.
  c(
    'text that is not JSON',
    'managed',
    '{"Version": "2012-10-17", "Statement": [',
    [{ code: 'JSON_SYNTAX_ERROR', pointer: '/Statement/0' }],
    false,
  ),
  c(
    'a duplicate key',
    'managed',
    `{${V}, "Statement": [{"Effect": "Allow", "Effect": "Deny", "Action": "s3:*", "Resource": "*"}]}`,
    [{ code: 'DUPLICATE_KEY', pointer: '/Statement/0/Effect' }],
    false,
  ),
  c(
    'an unknown top-level element',
    'managed',
    json({ Version: '2012-10-17', Statements: [ALLOW_S3], Statement: [ALLOW_S3] }),
    [{ code: 'INVALID_POLICY_ELEMENT', pointer: '/Statements' }],
  ),
  c(
    'an unknown statement element (element names are case-sensitive)',
    'managed',
    stmt({ ...ALLOW_S3, effect: 'Allow' }),
    [{ code: 'INVALID_POLICY_ELEMENT', pointer: '/Statement/0/effect' }],
  ),
  c('an invalid Version', 'managed', stmt(ALLOW_S3, '2012-10-18'), [
    { code: 'INVALID_VERSION', pointer: '/Version' },
  ]),
  c('a missing Version is a warning, not an error', 'managed', stmt(ALLOW_S3, null), [
    { code: 'MISSING_VERSION', pointer: '' },
  ]),
  c(
    'a variable under Version 2008-10-17 is reported as literal text',
    'managed',
    stmt({ ...ALLOW_S3, Resource: 'arn:aws:s3:::b/${aws:username}/*' }, '2008-10-17'),
    [{ code: 'VARIABLE_REQUIRES_VERSION', pointer: '/Statement/0/Resource' }],
  ),
  c('no Statement element', 'managed', json({ Version: '2012-10-17' }), [
    { code: 'MISSING_STATEMENT', pointer: '' },
  ]),
  c(
    'duplicate Sids',
    'managed',
    json({
      Version: '2012-10-17',
      Statement: [
        { Sid: 'Same', ...ALLOW_S3 },
        { Sid: 'Same', ...ALLOW_S3 },
      ],
    }),
    [{ code: 'UNIQUE_SIDS_REQUIRED', pointer: '/Statement/1/Sid' }],
  ),
  c(
    'a Sid with characters IAM does not support',
    'managed',
    stmt({ Sid: 'read-only access', ...ALLOW_S3 }),
    [{ code: 'INVALID_SID', pointer: '/Statement/0/Sid' }],
  ),
  // Effect / Action / Resource.
  c('a missing Effect', 'managed', stmt({ Action: 's3:*', Resource: '*' }), [
    { code: 'MISSING_EFFECT', pointer: '/Statement/0' },
  ]),
  c('Effect is case-sensitive', 'managed', stmt({ ...ALLOW_S3, Effect: 'allow' }), [
    { code: 'INVALID_EFFECT', pointer: '/Statement/0/Effect' },
  ]),
  c('neither Action nor NotAction', 'managed', stmt({ Effect: 'Allow', Resource: '*' }), [
    { code: 'MISSING_ACTION', pointer: '/Statement/0' },
  ]),
  c(
    'both Action and NotAction',
    'managed',
    stmt({ ...ALLOW_S3, NotAction: 'iam:*' }),
    [{ code: 'UNSUPPORTED_ELEMENT_COMBINATION', pointer: '/Statement/0/NotAction' }],
    false,
  ),
  c('an action without a service prefix', 'managed', stmt({ ...ALLOW_S3, Action: 'GetObject' }), [
    { code: 'INVALID_ACTION', pointer: '/Statement/0/Action' },
  ]),
  c('a wildcard in the service prefix', 'managed', stmt({ ...ALLOW_S3, Action: 's*:GetObject' }), [
    { code: 'WILDCARD_IN_SERVICE_NAME', pointer: '/Statement/0/Action' },
  ]),
  c(
    'neither Resource nor NotResource in an identity policy',
    'managed',
    stmt({ Effect: 'Allow', Action: 's3:*' }),
    [{ code: 'MISSING_RESOURCE', pointer: '/Statement/0' }],
  ),
  c(
    'both Resource and NotResource',
    'managed',
    stmt({ ...ALLOW_S3, NotResource: 'arn:aws:s3:::x' }),
    [{ code: 'UNSUPPORTED_ELEMENT_COMBINATION', pointer: '/Statement/0/NotResource' }],
    false,
  ),
  c('a resource that is not an ARN', 'managed', stmt({ ...ALLOW_S3, Resource: 'bucket/key' }), [
    { code: 'INVALID_ARN_PREFIX', pointer: '/Statement/0/Resource' },
  ]),
  c('an ARN with too few parts', 'managed', stmt({ ...ALLOW_S3, Resource: 'arn:aws:s3' }), [
    { code: 'MISSING_ARN_FIELD', pointer: '/Statement/0/Resource' },
  ]),
  c(
    'an ARN with an upper-case service',
    'managed',
    stmt({ ...ALLOW_S3, Resource: 'arn:aws:S3:::b/*' }),
    [{ code: 'INVALID_ARN_SERVICE_CASE', pointer: '/Statement/0/Resource' }],
  ),
  c(
    'an ARN with a malformed account',
    'managed',
    stmt({ ...ALLOW_S3, Action: 'sqs:*', Resource: 'arn:aws:sqs:us-east-1:1234:q' }),
    [{ code: 'INVALID_ARN_ACCOUNT', pointer: '/Statement/0/Resource' }],
  ),
  // Principal placement and values.
  c('Principal in an identity policy', 'managed', stmt({ ...ALLOW_S3, Principal: '*' }), [
    { code: 'UNSUPPORTED_PRINCIPAL', pointer: '/Statement/0/Principal' },
  ]),
  c('no Principal in a resource-based policy', 'resource', stmt(ALLOW_S3), [
    { code: 'MISSING_PRINCIPAL', pointer: '/Statement/0' },
  ]),
  c('an unknown principal type', 'resource', stmt({ ...ALLOW_S3, Principal: { User: 'alice' } }), [
    { code: 'INVALID_PRINCIPAL_KEY', pointer: '/Statement/0/Principal/User' },
  ]),
  c(
    'a wildcard inside a principal ARN',
    'resource',
    stmt({ ...ALLOW_S3, Principal: { AWS: 'arn:aws:iam::111122223333:user/*' } }),
    [{ code: 'UNSUPPORTED_WILDCARD_IN_PRINCIPAL', pointer: '/Statement/0/Principal/AWS' }],
  ),
  c(
    'NotPrincipal with Allow',
    'resource',
    stmt({ ...ALLOW_S3, NotPrincipal: { AWS: 'arn:aws:iam::111122223333:user/alice' } }),
    [{ code: 'NOT_PRINCIPAL_WITH_ALLOW', pointer: '/Statement/0/NotPrincipal' }],
    false,
  ),
  c(
    'Resource in a role trust policy',
    'trust',
    stmt({
      Effect: 'Allow',
      Principal: { Service: 'ec2.amazonaws.com' },
      Action: 'sts:AssumeRole',
      Resource: '*',
    }),
    [{ code: 'UNSUPPORTED_RESOURCE_IN_TRUST_POLICY', pointer: '/Statement/0/Resource' }],
  ),
  // Conditions.
  c(
    'an unknown condition operator',
    'managed',
    stmt({ ...ALLOW_S3, Condition: { StringLikee: { 's3:prefix': 'a*' } } }),
    [{ code: 'INVALID_CONDITION_OPERATOR', pointer: '/Statement/0/Condition/StringLikee' }],
  ),
  c(
    'a condition key without a prefix',
    'managed',
    stmt({ ...ALLOW_S3, Condition: { StringEquals: { prefix: 'a' } } }),
    [
      {
        code: 'INVALID_CONDITION_KEY_FORMAT',
        pointer: '/Statement/0/Condition/StringEquals/prefix',
      },
    ],
  ),
  c(
    'a non-numeric value for a Numeric operator',
    'managed',
    stmt({ ...ALLOW_S3, Condition: { NumericLessThan: { 's3:max-keys': 'ten' } } }),
    [{ code: 'TYPE_MISMATCH', pointer: '/Statement/0/Condition/NumericLessThan/s3:max-keys' }],
  ),
  c(
    'a malformed date for a Date operator',
    'managed',
    stmt({ ...ALLOW_S3, Condition: { DateLessThan: { 'aws:CurrentTime': 'next tuesday' } } }),
    [{ code: 'TYPE_MISMATCH', pointer: '/Statement/0/Condition/DateLessThan/aws:CurrentTime' }],
  ),
  c(
    'a malformed CIDR for an IP operator',
    'managed',
    stmt({ ...ALLOW_S3, Condition: { IpAddress: { 'aws:SourceIp': '203.0.113.0/33' } } }),
    [{ code: 'TYPE_MISMATCH_IP_RANGE', pointer: '/Statement/0/Condition/IpAddress/aws:SourceIp' }],
  ),
  c(
    'NullIfExists does not exist',
    'managed',
    stmt({ ...ALLOW_S3, Condition: { NullIfExists: { 'aws:TokenIssueTime': 'true' } } }),
    [{ code: 'NULL_WITH_IF_EXISTS', pointer: '/Statement/0/Condition/NullIfExists' }],
    false,
  ),
  c(
    'a variable with a Numeric operator',
    'managed',
    stmt({ ...ALLOW_S3, Condition: { NumericEquals: { 's3:max-keys': '${aws:username}' } } }),
    [
      {
        code: 'INVALID_VARIABLE_FOR_OPERATOR',
        pointer: '/Statement/0/Condition/NumericEquals/s3:max-keys',
      },
    ],
    false,
  ),
  c(
    'an unterminated variable',
    'managed',
    stmt({ ...ALLOW_S3, Resource: 'arn:aws:s3:::b/${aws:username/*' }),
    [{ code: 'MISSING_BRACE_IN_VARIABLE', pointer: '/Statement/0/Resource' }],
  ),
  c('an empty variable', 'managed', stmt({ ...ALLOW_S3, Resource: 'arn:aws:s3:::b/${}/*' }), [
    { code: 'EMPTY_VARIABLE', pointer: '/Statement/0/Resource' },
  ]),
  c(
    'a wildcard in a StringEquals value is reported',
    'managed',
    stmt({ ...ALLOW_S3, Condition: { StringEquals: { 's3:prefix': 'home/*' } } }),
    [
      {
        code: 'WILDCARD_WITHOUT_LIKE_OPERATOR',
        pointer: '/Statement/0/Condition/StringEquals/s3:prefix',
      },
    ],
  ),
  c(
    'ForAllValues on a single-valued key in an Allow',
    'managed',
    stmt({
      ...ALLOW_S3,
      Condition: { 'ForAllValues:StringEquals': { 'aws:RequestedRegion': 'eu-west-1' } },
    }),
    [
      {
        code: 'FORALLVALUES_WITH_SINGLE_VALUED_KEY',
        pointer: '/Statement/0/Condition/ForAllValues:StringEquals/aws:RequestedRegion',
      },
    ],
  ),
  c(
    'iam:PassRole on every resource',
    'managed',
    stmt({ Effect: 'Allow', Action: 'iam:PassRole', Resource: '*' }),
    [{ code: 'PASS_ROLE_WITH_STAR_IN_RESOURCE', pointer: '/Statement/0/Action' }],
  ),
];

describe('validatePolicyDocument on the validation corpus', () => {
  it('holds about 40 documents', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(40);
  });

  it.each(CASES)('$title', ({ kind, text, expected, exactErrors }) => {
    const issues = validatePolicyDocument(text, { kind });
    const found = issues.map((i) => ({ code: i.code, pointer: i.pointer }));
    for (const e of expected) expect(found, JSON.stringify(issues, null, 2)).toContainEqual(e);
    if (exactErrors) {
      const expectedCodes = new Set(expected.map((e) => e.code));
      const otherErrors = issues.filter(
        (i) => i.severity === 'error' && !expectedCodes.has(i.code),
      );
      expect(otherErrors).toEqual([]);
    }
    for (const i of issues) {
      expect(i.line).toBeGreaterThanOrEqual(1);
      expect(i.column).toBeGreaterThanOrEqual(1);
      expect(i.message).not.toMatch(/\.$/);
    }
  });
});
