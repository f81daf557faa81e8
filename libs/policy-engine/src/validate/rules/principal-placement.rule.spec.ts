import { describe, expect, it } from 'vitest';
import { summarizeStatement } from '../rule-spec-helpers.js';
import type { StatementCase } from '../rule-spec-helpers.js';
import { principalPlacementRule } from './principal-placement.rule.js';

const base = { Effect: 'Allow', Action: 's3:GetObject', Resource: '*' };

describe(principalPlacementRule.name, () => {
  it.each<StatementCase>([
    ...(['managed', 'inline-user', 'inline-group', 'inline-role'] as const).map((kind) => ({
      title: `a Principal in a ${kind} policy`,
      statement: { ...base, Principal: '*' },
      kind,
      expected: ['UNSUPPORTED_PRINCIPAL error /Statement/0/Principal'],
    })),
    {
      title: 'a Principal in a guardrail',
      statement: { ...base, Principal: { AWS: '*' } },
      kind: 'guardrail',
      expected: ['UNSUPPORTED_PRINCIPAL error /Statement/0/Principal'],
    },
    {
      title: 'a missing Principal in a resource policy',
      statement: base,
      kind: 'resource',
      expected: ['MISSING_PRINCIPAL error /Statement/0'],
    },
    {
      title: 'a missing Principal in a trust policy',
      statement: { Effect: 'Allow', Action: 'sts:AssumeRole' },
      kind: 'trust',
      expected: ['MISSING_PRINCIPAL error /Statement/0'],
    },
    {
      title: 'NotPrincipal with Allow',
      statement: { ...base, NotPrincipal: { AWS: '111122223333' } },
      kind: 'resource',
      expected: ['NOT_PRINCIPAL_WITH_ALLOW error /Statement/0/NotPrincipal'],
    },
    {
      title: 'NotPrincipal in a trust policy',
      statement: {
        Effect: 'Deny',
        Action: 'sts:AssumeRole',
        NotPrincipal: { AWS: '111122223333' },
      },
      kind: 'trust',
      expected: ['UNSUPPORTED_PRINCIPAL error /Statement/0/NotPrincipal'],
    },
    {
      title: 'nothing for an identity policy without Principal',
      statement: base,
      kind: 'managed',
      expected: [],
    },
    {
      title: 'nothing for a Deny NotPrincipal in a resource policy',
      statement: { ...base, Effect: 'Deny', NotPrincipal: { AWS: '111122223333' } },
      kind: 'resource',
      expected: [],
    },
  ])('reports $title', ({ statement, kind, expected }) => {
    expect(summarizeStatement(principalPlacementRule, statement, kind)).toEqual(expected);
  });
});
