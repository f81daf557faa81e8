import { describe, expect, it } from 'vitest';
import { summarizeStatement } from '../rule-spec-helpers.js';
import type { StatementCase } from '../rule-spec-helpers.js';
import { elementCombinationRule } from './element-combination.rule.js';

describe(elementCombinationRule.name, () => {
  it.each<StatementCase>([
    {
      title: 'Action with NotAction',
      statement: { Effect: 'Allow', Action: 's3:*', NotAction: 'iam:*', Resource: '*' },
      expected: ['UNSUPPORTED_ELEMENT_COMBINATION error /Statement/0/NotAction'],
    },
    {
      title: 'Resource with NotResource',
      statement: { Effect: 'Allow', Action: 's3:*', Resource: '*', NotResource: '*' },
      expected: ['UNSUPPORTED_ELEMENT_COMBINATION error /Statement/0/NotResource'],
    },
    {
      title: 'Principal with NotPrincipal',
      statement: {
        Effect: 'Deny',
        Principal: '*',
        NotPrincipal: '*',
        Action: 's3:*',
        Resource: '*',
      },
      kind: 'resource',
      expected: ['UNSUPPORTED_ELEMENT_COMBINATION error /Statement/0/NotPrincipal'],
    },
    {
      title: 'neither Action nor NotAction',
      statement: { Effect: 'Allow', Resource: '*' },
      expected: ['MISSING_ACTION error /Statement/0'],
    },
    {
      title: 'neither Resource nor NotResource',
      statement: { Effect: 'Allow', Action: 's3:*' },
      expected: ['MISSING_RESOURCE error /Statement/0'],
    },
    {
      title: 'no missing Resource in a trust policy',
      statement: {
        Effect: 'Allow',
        Action: 'sts:AssumeRole',
        Principal: { Service: 'ec2.amazonaws.com' },
      },
      kind: 'trust',
      expected: [],
    },
    {
      title: 'a Resource in a trust policy',
      statement: { Effect: 'Allow', Action: 'sts:AssumeRole', Resource: '*' },
      kind: 'trust',
      expected: ['UNSUPPORTED_RESOURCE_IN_TRUST_POLICY error /Statement/0/Resource'],
    },
  ])('reports $title', ({ statement, kind, expected }) => {
    expect(summarizeStatement(elementCombinationRule, statement, kind)).toEqual(expected);
  });
});
