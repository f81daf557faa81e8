import { describe, expect, it } from 'vitest';
import { runRule, summarize } from '../rule-spec-helpers.js';
import { redundantActionRule } from './redundant-action.rule.js';

describe(redundantActionRule.name, () => {
  it.each([
    {
      title: 'a repeated action',
      actions: ['s3:GetObject', 's3:getobject'],
      expected: ['REDUNDANT_ACTION suggestion /Statement/0/Action/1'],
    },
    {
      title: 'an action under a service wildcard',
      actions: ['s3:*', 's3:GetObject'],
      expected: ['REDUNDANT_ACTION suggestion /Statement/0/Action/1'],
    },
    {
      title: 'an action under `*`',
      actions: ['ec2:RunInstances', '*'],
      expected: ['REDUNDANT_ACTION suggestion /Statement/0/Action/0'],
    },
    {
      title: 'a narrower wildcard',
      actions: ['s3:Get*', 's3:GetObject*'],
      expected: ['REDUNDANT_ACTION suggestion /Statement/0/Action/1'],
    },
    {
      title: 'nothing for distinct actions',
      actions: ['s3:GetObject', 's3:PutObject', 'iam:Get*'],
      expected: [],
    },
  ])('reports $title', ({ actions, expected }) => {
    const document = { Statement: [{ Effect: 'Allow', Action: actions, Resource: '*' }] };
    expect(summarize(runRule(redundantActionRule, document))).toEqual(expected);
  });
});
