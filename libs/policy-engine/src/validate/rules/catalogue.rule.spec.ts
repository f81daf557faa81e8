import { describe, expect, it } from 'vitest';
import type { ServiceDefinition } from '../../catalogue/catalogue-model.js';
import { BUILT_IN_CATALOGUE, catalogueWith } from '../../catalogue/catalogue.js';
import { runRule, summarize } from '../rule-spec-helpers.js';
import { validatePolicyDocument } from '../validate-policy-document.js';
import { catalogueRule } from './catalogue.rule.js';

const ORDERS: ServiceDefinition = {
  prefix: 'orders',
  name: 'Orders',
  actions: [
    { name: 'GetOrder', accessLevel: 'Read', resourceTypes: ['order'], conditionKeys: [] },
    { name: 'ListOrders', accessLevel: 'List', resourceTypes: [], conditionKeys: [] },
  ],
  resourceTypes: [
    { name: 'order', arnPattern: 'arn:${Partition}:orders:${Region}:${Account}:order/${OrderId}' },
  ],
  conditionKeys: [],
};
const OPEN = catalogueWith([ORDERS]);
const COMPLETE = catalogueWith([ORDERS], { complete: true });

const statement = (Action: unknown, Resource: unknown = '*', element = 'Action') => ({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', [element]: Action, Resource }],
});

describe(catalogueRule.name, () => {
  it.each([
    {
      title: 'an action the service does not have',
      action: ['iam:CreateUser', 'iam:CreateUsers'],
      expected: ['UNKNOWN_ACTION warning /Statement/0/Action/1'],
    },
    {
      title: 'an unknown action of a registered service',
      action: 'orders:DeleteOrder',
      expected: ['UNKNOWN_ACTION warning /Statement/0/Action'],
    },
    {
      title: 'a wildcard that matches nothing',
      action: ['iam:Frobnicate*', 'sts:Assume?ole'],
      expected: ['NO_MATCHING_ACTION warning /Statement/0/Action/0'],
    },
    {
      title: 'an unregistered product service (softer in an open catalogue)',
      action: 'billing:GetInvoice',
      expected: ['UNREGISTERED_SERVICE suggestion /Statement/0/Action'],
    },
    {
      title: 'nothing for known actions in any case, or `*`',
      action: ['IAM:getuser', 'sts:AssumeRole', 'orders:Get*', '*'],
      expected: [],
    },
    {
      title: 'nothing for malformed actions (the action rule reports them)',
      action: ['iam:', 'GetUser', 'i*m:GetUser'],
      expected: [],
    },
  ])('reports $title', ({ action, expected }) => {
    expect(summarize(runRule(catalogueRule, statement(action), 'managed', OPEN))).toEqual(expected);
  });

  it('reports an unknown service as UNKNOWN_SERVICE when the catalogue is complete', () => {
    expect(
      summarize(runRule(catalogueRule, statement('billing:GetInvoice'), 'managed', COMPLETE)),
    ).toEqual(['UNKNOWN_SERVICE warning /Statement/0/Action']);
  });

  it('checks NotAction entries too', () => {
    expect(
      summarize(runRule(catalogueRule, statement(['iam:Nope'], '*', 'NotAction'), 'managed', OPEN)),
    ).toEqual(['UNKNOWN_ACTION warning /Statement/0/NotAction/0']);
  });

  it.each([
    {
      title: 'a resource of another type than the action takes',
      action: 'iam:GetUser',
      resource: ['arn:aws:iam::123456789012:user/alice', 'arn:aws:iam::123456789012:role/admin'],
      expected: ['UNSUPPORTED_RESOURCE_ARN_IN_POLICY warning /Statement/0/Resource/1'],
    },
    {
      title: 'an ARN for an action without resource-level permissions',
      action: 'iam:ListUsers',
      resource: 'arn:aws:iam::123456789012:user/alice',
      expected: ['UNSUPPORTED_RESOURCE_ARN_IN_POLICY warning /Statement/0/Resource'],
    },
    {
      title: "another service's resource",
      action: 'orders:GetOrder',
      resource: 'arn:aws:s3:::bucket/order/1',
      expected: ['UNSUPPORTED_RESOURCE_ARN_IN_POLICY warning /Statement/0/Resource'],
    },
    {
      title: 'nothing when any action of the statement takes the type',
      action: ['iam:ListUsers', 'iam:Get*', 'sts:AssumeRole'],
      resource: [
        'arn:aws:iam::123456789012:user/*',
        'arn:aws:iam::123456789012:role/admin',
        'arn:aws:iam::123456789012:policy/p',
      ],
      expected: [],
    },
    {
      title: 'nothing for `*`, wildcards and policy variables that can match',
      action: ['orders:GetOrder', 'iam:GetUser'],
      resource: ['*', 'arn:aws:orders:*:*:order/*', 'arn:aws:iam::*:user/${aws:username}'],
      expected: [],
    },
    {
      title: 'nothing when an action of the statement is unknown (its types are unknown)',
      action: ['iam:GetUser', 'billing:GetInvoice'],
      resource: 'arn:aws:billing::123456789012:invoice/1',
      expected: ['UNREGISTERED_SERVICE suggestion /Statement/0/Action/1'],
    },
    {
      title: 'nothing for Action `*`',
      action: '*',
      resource: 'arn:aws:s3:::bucket',
      expected: [],
    },
    {
      title: 'nothing for a malformed ARN (the resource rule reports it)',
      action: 'iam:GetUser',
      resource: 'arn:aws:iam',
      expected: [],
    },
  ])('reports $title', ({ action, resource, expected }) => {
    expect(summarize(runRule(catalogueRule, statement(action, resource), 'managed', OPEN))).toEqual(
      expected,
    );
  });

  it('names the types the statement takes in its message, with the line and column of the entry', () => {
    const text = JSON.stringify(
      statement('iam:GetUser', ['arn:aws:iam::123456789012:group/g']),
      null,
      2,
    );
    const [issue] = runRule(catalogueRule, text, 'managed', BUILT_IN_CATALOGUE);
    expect(issue).toMatchObject({
      code: 'UNSUPPORTED_RESOURCE_ARN_IN_POLICY',
      pointer: '/Statement/0/Resource/0',
      line: 8,
      column: 9,
    });
    expect(issue!.message).toContain('arn:${Partition}:iam::${Account}:user/${UserNameWithPath}');
  });

  it('does not check resources in trust policies (they have none)', () => {
    const trust = {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: { AWS: '123456789012' },
          Action: ['sts:AssumeRole', 'sts:Nope'],
        },
      ],
    };
    expect(summarize(runRule(catalogueRule, trust, 'trust', OPEN))).toEqual([
      'UNKNOWN_ACTION warning /Statement/0/Action/1',
    ]);
  });

  it('does nothing without a catalogue: validatePolicyDocument is unchanged', () => {
    const text = JSON.stringify(statement('iam:Nope', 'arn:aws:s3:::bucket'));
    expect(validatePolicyDocument(text, { kind: 'managed' })).toEqual([]);
    expect(summarize(validatePolicyDocument(text, { kind: 'managed', catalogue: OPEN }))).toEqual([
      'UNKNOWN_ACTION warning /Statement/0/Action',
    ]);
  });
});
