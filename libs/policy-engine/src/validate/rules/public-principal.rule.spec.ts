import { describe, expect, it } from 'vitest';
import type { PolicyKind } from '../../grammar/policy-elements.js';
import { runRule, summarize } from '../rule-spec-helpers.js';
import { publicPrincipalRule } from './public-principal.rule.js';

const doc = (statement: Record<string, unknown>) => ({ Statement: [statement] });

describe(publicPrincipalRule.name, () => {
  it.each<{
    title: string;
    statement: Record<string, unknown>;
    kind?: PolicyKind;
    expected: string[];
  }>([
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
    expect(summarize(runRule(publicPrincipalRule, doc(statement), kind ?? 'resource'))).toEqual(
      expected,
    );
  });
});
