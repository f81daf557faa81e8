import { describe, expect, it } from 'vitest';
import type { PolicyKind } from '../../grammar/policy-elements.js';
import { runRule, summarize } from '../rule-spec-helpers.js';
import { fullAdminRule } from './full-admin.rule.js';

const doc = (statement: Record<string, unknown>) => ({ Statement: [statement] });

describe(fullAdminRule.name, () => {
  it.each<{ title: string; kind: PolicyKind; expected: string[] }>([
    {
      title: 'full admin in a managed policy',
      kind: 'managed',
      expected: ['FULL_ADMIN_ACCESS warning /Statement/0/Action'],
    },
    { title: 'nothing for a guardrail (FullAWSAccess)', kind: 'guardrail', expected: [] },
  ])('reports $title', ({ kind, expected }) => {
    const document = doc({ Effect: 'Allow', Action: '*', Resource: '*' });
    expect(summarize(runRule(fullAdminRule, document, kind))).toEqual(expected);
  });
});
