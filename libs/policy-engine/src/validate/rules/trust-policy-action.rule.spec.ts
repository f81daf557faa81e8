import { describe, expect, it } from 'vitest';
import type { PolicyKind } from '../../grammar/policy-elements.js';
import { runRule, summarize } from '../rule-spec-helpers.js';
import { trustPolicyActionRule } from './trust-policy-action.rule.js';

const trust = (Action: unknown, Principal: unknown = { Service: 'ec2.amazonaws.com' }) => ({
  Statement: [{ Effect: 'Allow', Principal, Action }],
});

describe(trustPolicyActionRule.name, () => {
  it.each<{ title: string; document: unknown; kind?: PolicyKind; expected: string[] }>([
    {
      title: 'a non-STS action',
      document: trust('s3:GetObject'),
      expected: ['INVALID_ACTION_FOR_TRUST_POLICY error /Statement/0/Action'],
    },
    {
      title: 'an unrelated STS action',
      document: trust(['sts:GetCallerIdentity']),
      expected: ['INVALID_ACTION_FOR_TRUST_POLICY error /Statement/0/Action/0'],
    },
    {
      title: 'SAML for an AWS principal',
      document: trust('sts:AssumeRoleWithSAML', { AWS: '111122223333' }),
      expected: ['MISMATCHED_ACTION_FOR_PRINCIPAL warning /Statement/0/Action'],
    },
    {
      title: 'AssumeRole for a federated principal',
      document: trust('sts:AssumeRole', {
        Federated: 'arn:aws:iam::111122223333:saml-provider/IdP',
      }),
      expected: ['MISMATCHED_ACTION_FOR_PRINCIPAL warning /Statement/0/Action'],
    },
    {
      title: 'nothing for the STS family',
      document: trust([
        'sts:AssumeRole',
        'sts:TagSession',
        'sts:SetSourceIdentity',
        'sts:SetContext',
      ]),
      expected: [],
    },
    { title: 'nothing for an STS wildcard', document: trust('sts:Assume*'), expected: [] },
    {
      title: 'nothing outside trust policies',
      document: trust('s3:GetObject'),
      kind: 'resource',
      expected: [],
    },
  ])('reports $title', ({ document, kind, expected }) => {
    expect(summarize(runRule(trustPolicyActionRule, document, kind ?? 'trust'))).toEqual(expected);
  });
});
