import { describe, expect, it } from 'vitest';
import { summarizeStatement } from '../rule-spec-helpers.js';
import type { StatementCase } from '../rule-spec-helpers.js';
import { publicPrincipalRule } from './public-principal.rule.js';

describe(publicPrincipalRule.name, () => {
  it.each<StatementCase>([
    {
      title: 'Principal `*` without a condition',
      statement: {
        Effect: 'Allow',
        Principal: '*',
        Action: 's3:GetObject',
        Resource: 'arn:aws:s3:::b/*',
      },
      expected: ['PUBLIC_PRINCIPAL_WITHOUT_CONDITION security-warning /Statement/0/Principal'],
    },
    {
      title: 'AWS `*` in a trust policy',
      statement: {
        Effect: 'Allow',
        Principal: { AWS: ['111122223333', '*'] },
        Action: 'sts:AssumeRole',
      },
      kind: 'trust',
      expected: [
        'PUBLIC_PRINCIPAL_WITHOUT_CONDITION security-warning /Statement/0/Principal/AWS/1',
      ],
    },
    {
      title: 'nothing with a condition',
      statement: {
        Effect: 'Allow',
        Principal: '*',
        Action: 's3:GetObject',
        Resource: '*',
        Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-1' } },
      },
      expected: [],
    },
  ])('reports $title', ({ statement, kind, expected }) => {
    expect(summarizeStatement(publicPrincipalRule, statement, kind ?? 'resource')).toEqual(
      expected,
    );
  });
});
