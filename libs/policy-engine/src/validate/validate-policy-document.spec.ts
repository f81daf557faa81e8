import { describe, expect, it } from 'vitest';
import type { PolicyKind } from '../grammar/policy-elements.js';
import { POLICY_ISSUE_CODES } from '../model/policy-issue.js';
import { VALIDATION_RULES } from './rules/index.js';
import { validatePolicyDocument } from './validate-policy-document.js';

const VALID: Array<{ kind: PolicyKind; document: unknown }> = [
  {
    kind: 'managed',
    document: {
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'ReadOwnPrefix',
          Effect: 'Allow',
          Action: ['s3:GetObject', 's3:ListBucket'],
          Resource: ['arn:aws:s3:::bucket', 'arn:aws:s3:::bucket/${aws:username}/*'],
          Condition: {
            Bool: { 'aws:SecureTransport': 'true' },
            IpAddress: { 'aws:SourceIp': '203.0.113.0/24' },
          },
        },
        {
          Sid: 'DenyOutsideRegions',
          Effect: 'Deny',
          NotAction: 'iam:*',
          NotResource: 'arn:aws:iam::*:role/Admin',
        },
      ],
    },
  },
  {
    kind: 'trust',
    document: {
      Version: '2012-10-17',
      Statement: {
        Effect: 'Allow',
        Principal: { Service: 'ec2.amazonaws.com', AWS: 'arn:aws:iam::111122223333:root' },
        Action: ['sts:AssumeRole', 'sts:TagSession'],
      },
    },
  },
  {
    kind: 'resource',
    document: {
      Version: '2012-10-17',
      Id: 'bucket-policy',
      Statement: [
        {
          Sid: 'Allow read from the org',
          Effect: 'Allow',
          Principal: '*',
          Action: 's3:GetObject',
          Resource: 'arn:aws:s3:::bucket/*',
          Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-abc123' } },
        },
      ],
    },
  },
  {
    kind: 'guardrail',
    document: {
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Action: '*', Resource: '*' },
        {
          Effect: 'Deny',
          Action: 'ec2:RunInstances',
          Resource: 'arn:aws:ec2:*:*:instance/*',
          Condition: { 'ForAnyValue:StringNotEquals': { 'ec2:InstanceType': ['t3.micro'] } },
        },
      ],
    },
  },
];

describe(validatePolicyDocument.name, () => {
  it.each(VALID)('finds nothing in a valid $kind policy', ({ kind, document }) => {
    expect(validatePolicyDocument(JSON.stringify(document, null, 2), { kind })).toEqual([]);
  });

  it('collects issues from every rule, sorted by position, with positions of the offending nodes', () => {
    const text = [
      '{',
      '  "Statement": [',
      '    { "Effect": "Permit", "Action": "s3", "Resource": "bucket" },',
      '    { "Effect": "Allow", "Action": "iam:PassRole", "Resource": "*", "Bogus": true }',
      '  ]',
      '}',
    ].join('\n');
    const issues = validatePolicyDocument(text, { kind: 'managed' });
    expect(
      issues.map(({ code, pointer, line, column }) => `${line}:${column} ${code} ${pointer}`),
    ).toEqual([
      '1:1 MISSING_VERSION ',
      '3:17 INVALID_EFFECT /Statement/0/Effect',
      '3:37 INVALID_ACTION /Statement/0/Action',
      '3:55 INVALID_ARN_PREFIX /Statement/0/Resource',
      '4:36 PASS_ROLE_WITH_STAR_IN_RESOURCE /Statement/1/Action',
      '4:69 INVALID_POLICY_ELEMENT /Statement/1/Bogus',
    ]);
  });

  it('returns the parse issue and still checks size and characters for unparsable text', () => {
    const issues = validatePolicyDocument('{"Statement": [ { "Sid": "\u0100" ', {
      kind: 'managed',
    });
    expect(issues.map((issue) => issue.code)).toEqual(['INVALID_CHARACTER', 'JSON_SYNTAX_ERROR']);
  });

  it('turns an unknown kind into an issue instead of throwing', () => {
    const issues = validatePolicyDocument('{}', { kind: 'bogus' as PolicyKind });
    expect(issues).toEqual([
      expect.objectContaining({ code: 'DATA_TYPE_MISMATCH', severity: 'error' }),
    ]);
  });

  it('writes messages in lower case without a final period', () => {
    const text = JSON.stringify({
      Statement: [
        {
          Sid: 'a b',
          Effect: 'x',
          Action: ['*:x', 'S3:a', 's3:a'],
          Resource: 'arn:x',
          Principal: 1,
          Condition: { X: 1 },
        },
      ],
    });
    for (const kind of ['managed', 'resource', 'trust', 'guardrail'] as const) {
      for (const issue of validatePolicyDocument(text, { kind })) {
        expect(issue.message).toMatch(/^[^A-Z]/);
        expect(issue.message).not.toMatch(/\.$/);
        expect(issue.severity).toBe(
          POLICY_ISSUE_CODES[issue.code as keyof typeof POLICY_ISSUE_CODES],
        );
      }
    }
  });

  it('registers one rule per rule file', () => {
    expect(new Set(VALIDATION_RULES).size).toBe(VALIDATION_RULES.length);
    expect(VALIDATION_RULES.length).toBeGreaterThanOrEqual(20);
  });
});
