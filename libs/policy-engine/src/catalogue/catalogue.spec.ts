import { describe, expect, it } from 'vitest';
import { ACCESS_LEVELS, CONDITION_KEY_TYPES } from './catalogue-model.js';
import type { ServiceDefinition } from './catalogue-model.js';
import {
  BUILT_IN_CATALOGUE,
  BUILT_IN_PREFIXES,
  BUILT_IN_SERVICES,
  arnMatchesResourceType,
  catalogueWith,
  findAction,
  globsIntersect,
  matchActions,
  resourceTypesOf,
} from './catalogue.js';

const ORDERS: ServiceDefinition = {
  prefix: 'orders',
  name: 'Orders',
  actions: [{ name: 'GetOrder', accessLevel: 'Read', resourceTypes: ['order'], conditionKeys: [] }],
  resourceTypes: [
    { name: 'order', arnPattern: 'arn:${Partition}:orders:${Region}:${Account}:order/${OrderId}' },
  ],
  conditionKeys: [],
};

describe('the built-in catalogue', () => {
  it.each([
    // Every action a GraphQL operation of this suite authorizes today, and those issue 11 and 12 add.
    'iam:CreateUser',
    'iam:GetUser',
    'iam:ListUsers',
    'iam:UpdateUser',
    'iam:DeleteUser',
    'iam:TagUser',
    'iam:CreateGroup',
    'iam:AddUserToGroup',
    'iam:ListGroupsForUser',
    'iam:CreateRole',
    'iam:UpdateAssumeRolePolicy',
    'iam:PassRole',
    'iam:CreateLoginProfile',
    'iam:ChangePassword',
    'iam:GetAccountPasswordPolicy',
    'iam:UpdateAccountPasswordPolicy',
    'iam:EnableMFADevice',
    'iam:ListVirtualMFADevices',
    'iam:TagMFADevice',
    'iam:GetAccountSummary',
    'iam:RevokeUserSessions',
    'iam:CreateServiceSpecificCredential',
    'iam:GenerateServiceLastAccessedDetails',
    'access-analyzer:ValidatePolicy',
    'cloudtrail:LookupEvents',
    'iam:CreatePolicy',
    'iam:GetPolicy',
    'iam:ListPolicies',
    'iam:DeletePolicy',
    'iam:CreatePolicyVersion',
    'iam:GetPolicyVersion',
    'iam:ListPolicyVersions',
    'iam:SetDefaultPolicyVersion',
    'iam:DeletePolicyVersion',
    'iam:TagPolicy',
    'iam:UntagPolicy',
    'iam:ListPolicyTags',
    'iam:PutUserPolicy',
    'iam:GetGroupPolicy',
    'iam:ListRolePolicies',
    'iam:DeleteRolePolicy',
    'iam:AttachUserPolicy',
    'iam:DetachGroupPolicy',
    'iam:ListAttachedRolePolicies',
    'iam:ListEntitiesForPolicy',
    'iam:PutUserPermissionsBoundary',
    'iam:DeleteRolePermissionsBoundary',
    'iam:SimulatePrincipalPolicy',
    'iam:SimulateCustomPolicy',
    'iam:Authorize',
    'sts:AssumeRole',
    'sts:AssumeRoleWithWebIdentity',
    'sts:AssumeRoleWithSAML',
    'sts:GetSessionToken',
    'sts:GetCallerIdentity',
    'sts:TagSession',
    'sts:SetSourceIdentity',
    'iam:CreateAccessKey',
    'iam:UpdateAccessKey',
    'iam:DeleteAccessKey',
    'iam:ListAccessKeys',
    'iam:GetAccessKeyLastUsed',
    'iam:CreateOpenIDConnectProvider',
    'iam:GetSAMLProvider',
    'iam:GenerateCredentialReport',
    'iam:GetCredentialReport',
    'iam:RegisterService',
    'iam:ListServiceActions',
  ])('knows %s', (name) => {
    expect(findAction(BUILT_IN_CATALOGUE, name)?.qualifiedName).toBe(name);
  });

  it('finds actions regardless of case, as IAM matches them', () => {
    expect(findAction(BUILT_IN_CATALOGUE, 'IAM:createuser')?.qualifiedName).toBe('iam:CreateUser');
    expect(findAction(BUILT_IN_CATALOGUE, 'iam:CreateUsers')).toBeUndefined();
    expect(findAction(BUILT_IN_CATALOGUE, 's3:GetObject')).toBeUndefined();
    expect(findAction(BUILT_IN_CATALOGUE, 'CreateUser')).toBeUndefined();
  });

  it("keeps AWS's access levels, resource types and condition keys", () => {
    const createUser = findAction(BUILT_IN_CATALOGUE, 'iam:CreateUser')!.action;
    expect(createUser.accessLevel).toBe('Write');
    expect(createUser.conditionKeys).toContain('iam:PermissionsBoundary');
    expect(findAction(BUILT_IN_CATALOGUE, 'iam:AttachRolePolicy')!.action.accessLevel).toBe(
      'Permissions management',
    );
    expect(findAction(BUILT_IN_CATALOGUE, 'iam:AttachRolePolicy')!.action.conditionKeys).toEqual([
      'iam:PolicyARN',
      'iam:PermissionsBoundary',
    ]);
    expect(findAction(BUILT_IN_CATALOGUE, 'iam:TagRole')!.action.accessLevel).toBe('Tagging');
    expect(resourceTypesOf(BUILT_IN_CATALOGUE, 'iam:CreateUser').map((t) => t.arnPattern)).toEqual([
      'arn:${Partition}:iam::${Account}:user/${UserNameWithPath}',
    ]);
    expect(resourceTypesOf(BUILT_IN_CATALOGUE, 'iam:Authorize').map((t) => t.name)).toEqual([
      'user',
      'role',
      'assumed-role',
    ]);
    expect(resourceTypesOf(BUILT_IN_CATALOGUE, 'iam:ListUsers')).toEqual([]);
    expect(resourceTypesOf(BUILT_IN_CATALOGUE, 'sts:AssumeRole').map((t) => t.name)).toEqual([
      'role',
    ]);
    expect(resourceTypesOf(BUILT_IN_CATALOGUE, 'nope:Nope')).toEqual([]);
  });

  it('is consistent: known levels and key types, declared resource types, unique action names', () => {
    for (const service of BUILT_IN_SERVICES) {
      const types = new Set(service.resourceTypes.map((t) => t.name));
      const names = service.actions.map((a) => a.name.toLowerCase());
      expect(new Set(names).size, service.prefix).toBe(names.length);
      for (const action of service.actions) {
        expect(ACCESS_LEVELS).toContain(action.accessLevel);
        for (const type of action.resourceTypes)
          expect(types, `${service.prefix}:${action.name}`).toContain(type);
      }
      for (const key of service.conditionKeys) expect(CONDITION_KEY_TYPES).toContain(key.type);
      for (const type of service.resourceTypes)
        expect(type.arnPattern).toMatch(/^arn:\$\{Partition\}:[a-z-]+:/);
    }
    expect([...BUILT_IN_PREFIXES].sort()).toEqual(['access-analyzer', 'cloudtrail', 'iam', 'sts']);
  });
});

describe(matchActions.name, () => {
  it('expands wildcards in the action part, ignoring case', () => {
    const names = matchActions(BUILT_IN_CATALOGUE, 'iam:*PolicyVersion*').map(
      (a) => a.qualifiedName,
    );
    expect(names.sort()).toEqual([
      'iam:CreatePolicyVersion',
      'iam:DeletePolicyVersion',
      'iam:GetPolicyVersion',
      'iam:ListPolicyVersions',
      'iam:SetDefaultPolicyVersion',
    ]);
    expect(matchActions(BUILT_IN_CATALOGUE, 'STS:assumerole*').map((a) => a.qualifiedName)).toEqual(
      ['sts:AssumeRole', 'sts:AssumeRoleWithSAML', 'sts:AssumeRoleWithWebIdentity'],
    );
    expect(matchActions(BUILT_IN_CATALOGUE, 'iam:?etUser').map((a) => a.qualifiedName)).toEqual([
      'iam:GetUser',
    ]);
    expect(matchActions(BUILT_IN_CATALOGUE, 'iam:Frobnicate*')).toEqual([]);
    expect(matchActions(BUILT_IN_CATALOGUE, 'orders:*')).toEqual([]);
  });

  it('answers a fresh list each time (a caller may change it; the kept expansion stays whole)', () => {
    const first = matchActions(BUILT_IN_CATALOGUE, 'sts:Assume*');
    first.length = 0;
    expect(matchActions(BUILT_IN_CATALOGUE, 'STS:ASSUME*')).toHaveLength(3);
  });

  it('matches every action of every service for `*`', () => {
    const total = BUILT_IN_SERVICES.reduce((sum, s) => sum + s.actions.length, 0);
    expect(matchActions(BUILT_IN_CATALOGUE, '*')).toHaveLength(total);
  });
});

describe(catalogueWith.name, () => {
  it('adds registered services but never lets them shadow a built-in prefix', () => {
    const shadow: ServiceDefinition = { ...ORDERS, prefix: 'iam', actions: [] };
    const catalogue = catalogueWith([ORDERS, shadow], { complete: true });
    expect(catalogue.complete).toBe(true);
    expect(findAction(catalogue, 'orders:getorder')?.qualifiedName).toBe('orders:GetOrder');
    expect(findAction(catalogue, 'iam:CreateUser')).toBeDefined();
    expect(BUILT_IN_CATALOGUE.complete).toBe(false);
  });
});

describe(arnMatchesResourceType.name, () => {
  const user = resourceTypesOf(BUILT_IN_CATALOGUE, 'iam:GetUser')[0]!;
  const assumedRole = resourceTypesOf(BUILT_IN_CATALOGUE, 'iam:Authorize')[2]!;
  const order = ORDERS.resourceTypes[0]!;

  it.each([
    ['arn:aws:iam::123456789012:user/alice', user, true],
    ['arn:aws:iam::123456789012:user/division/alice', user, true],
    ['arn:aws:iam::*:user/*', user, true],
    ['arn:aws:iam::123456789012:user/${aws:username}', user, true],
    ['arn:*:iam::123456789012:*', user, true],
    ['arn:aws:iam::123456789012:u?er/alice', user, true],
    ['*', user, true],
    ['arn:aws:iam::123456789012:role/alice', user, false],
    ['arn:aws:iam::123456789012:user', user, false],
    ['arn:aws:s3:::bucket/user/alice', user, false],
    // A wildcard in one field never reaches into the next: `*` in the account cannot swallow `:role/...`.
    ['arn:aws:iam::*:group/*', user, false],
    ['arn:aws:iam:us-east-1:123456789012:user/alice', user, false],
    ['arn:aws:sts::123456789012:assumed-role/admin/session-1', assumedRole, true],
    ['arn:aws:iam::123456789012:role/admin', assumedRole, false],
    ['arn:aws:orders:eu-west-1:123456789012:order/42', order, true],
    ['arn:aws:orders:*:*:order/*', order, true],
    ['arn:aws:orders:eu-west-1:123456789012:invoice/42', order, false],
    ['not-an-arn', user, false],
  ] as const)('%s against %s', (arn, type, expected) => {
    expect(arnMatchesResourceType(arn, type)).toBe(expected);
  });
});

describe(globsIntersect.name, () => {
  it.each([
    ['abc', 'abc', true],
    ['abc', 'abd', false],
    ['a*', '*c', true],
    ['a*b', 'a*c', false],
    ['a?c', 'ab*', true],
    ['*x*', '*y*', true],
    ['ab', 'a?b', false],
    ['', '*', true],
    ['', '', true],
    ['', '?', false],
    ['user/*', 'role/*', false],
    ['**', 'abc', true],
  ] as const)('%s ∩ %s', (a, b, expected) => {
    expect(globsIntersect(a, b)).toBe(expected);
    expect(globsIntersect(b, a)).toBe(expected);
  });

  it('stays polynomial on hostile patterns', () => {
    const a = `${'*a'.repeat(1000)}b`;
    const b = `${'a*'.repeat(1000)}c`;
    const started = performance.now();
    expect(globsIntersect(a, b)).toBe(false);
    expect(performance.now() - started).toBeLessThan(2000);
  });
});
