import type { ServiceDefinition } from '../catalogue-model.js';
import {
  LIST,
  PERMISSIONS,
  READ,
  REQUEST_TAGS,
  TAGGING,
  TAG_KEYS,
  WRITE,
  action,
} from './define.js';

// AWS: https://docs.aws.amazon.com/service-authorization/latest/reference/list_awsidentityandaccessmanagementiam.html
//   Access levels, resource types and condition keys as AWS lists them, for the IAM actions this suite serves.
//   Actions marked (ours) have no AWS counterpart: the suite's tenant administration, its decision API
//   (`iam:Authorize`) and product-service registration.

const BOUNDARY = ['iam:PermissionsBoundary'] as const;
const POLICY_ARN = ['iam:PolicyARN'] as const;
const ATTACH = ['iam:PolicyARN', 'iam:PermissionsBoundary'] as const;
const CREATE_PRINCIPAL = ['iam:PermissionsBoundary', ...REQUEST_TAGS] as const;
const ENTITIES = ['group', 'policy', 'role', 'user'] as const;
const RESOURCE_TAGS = ['aws:ResourceTag/${TagKey}'] as const;
const PRINCIPAL_TAGS = ['aws:ResourceTag/${TagKey}', 'iam:ResourceTag/${TagKey}'] as const;

/** The `iam` service: users, groups, roles, policies, credentials, providers, and the suite's own IAM actions. */
export const IAM_SERVICE: ServiceDefinition = {
  prefix: 'iam',
  name: 'AWS Identity and Access Management (IAM)',
  actions: [
    // users
    action('CreateUser', WRITE, ['user'], CREATE_PRINCIPAL),
    action('GetUser', READ, ['user']),
    action('ListUsers', LIST),
    action('UpdateUser', WRITE, ['user']),
    action('DeleteUser', WRITE, ['user']),
    action('TagUser', TAGGING, ['user'], REQUEST_TAGS),
    action('UntagUser', TAGGING, ['user'], TAG_KEYS),
    action('ListUserTags', LIST, ['user']),
    // groups
    action('CreateGroup', WRITE, ['group']),
    action('GetGroup', READ, ['group']),
    action('ListGroups', LIST),
    action('ListGroupsForUser', LIST, ['user']),
    action('UpdateGroup', WRITE, ['group']),
    action('DeleteGroup', WRITE, ['group']),
    action('AddUserToGroup', WRITE, ['group']),
    action('RemoveUserFromGroup', WRITE, ['group']),
    // roles
    action('CreateRole', WRITE, ['role'], CREATE_PRINCIPAL),
    action('GetRole', READ, ['role']),
    action('ListRoles', LIST),
    action('UpdateRole', WRITE, ['role']),
    action('UpdateRoleDescription', WRITE, ['role']),
    action('UpdateAssumeRolePolicy', PERMISSIONS, ['role']),
    action('DeleteRole', WRITE, ['role']),
    action('TagRole', TAGGING, ['role'], REQUEST_TAGS),
    action('UntagRole', TAGGING, ['role'], TAG_KEYS),
    action('ListRoleTags', LIST, ['role']),
    action('PassRole', WRITE, ['role'], ['iam:AssociatedResourceArn', 'iam:PassedToService']),
    // passwords and sign-in
    action('CreateLoginProfile', WRITE, ['user']),
    action('GetLoginProfile', READ, ['user']),
    action('UpdateLoginProfile', WRITE, ['user']),
    action('DeleteLoginProfile', WRITE, ['user']),
    action('ChangePassword', WRITE, ['user']),
    action('GetAccountPasswordPolicy', READ),
    action('UpdateAccountPasswordPolicy', PERMISSIONS),
    action('DeleteAccountPasswordPolicy', PERMISSIONS),
    // MFA
    action('CreateVirtualMFADevice', WRITE, ['mfa'], REQUEST_TAGS),
    action('DeleteVirtualMFADevice', WRITE, ['mfa']),
    action('ListVirtualMFADevices', LIST),
    action('EnableMFADevice', WRITE, ['user']),
    action('DeactivateMFADevice', WRITE, ['user']),
    action('ResyncMFADevice', WRITE, ['user']),
    action('ListMFADevices', LIST, ['user']),
    action('TagMFADevice', TAGGING, ['mfa'], REQUEST_TAGS),
    action('UntagMFADevice', TAGGING, ['mfa'], TAG_KEYS),
    action('ListMFADeviceTags', LIST, ['mfa']),
    // access keys and service-specific credentials
    action('CreateAccessKey', WRITE, ['user']),
    action('UpdateAccessKey', WRITE, ['user']),
    action('DeleteAccessKey', WRITE, ['user']),
    action('ListAccessKeys', LIST, ['user']),
    action('GetAccessKeyLastUsed', READ, ['user']),
    action('CreateServiceSpecificCredential', WRITE, ['user']),
    action('ListServiceSpecificCredentials', LIST, ['user']),
    action('UpdateServiceSpecificCredential', WRITE, ['user']),
    action('ResetServiceSpecificCredential', WRITE, ['user']),
    action('DeleteServiceSpecificCredential', WRITE, ['user']),
    // account
    action('GetAccountSummary', LIST),
    action('CreateAccountAlias', WRITE),
    action('DeleteAccountAlias', WRITE),
    action('ListAccountAliases', LIST),
    action('GenerateCredentialReport', READ),
    action('GetCredentialReport', READ),
    action('GenerateServiceLastAccessedDetails', READ, [...ENTITIES]),
    action('GetServiceLastAccessedDetails', READ),
    // managed policies
    action('CreatePolicy', PERMISSIONS, ['policy'], REQUEST_TAGS),
    action('GetPolicy', READ, ['policy']),
    action('ListPolicies', LIST),
    action('DeletePolicy', PERMISSIONS, ['policy']),
    action('CreatePolicyVersion', PERMISSIONS, ['policy']),
    action('GetPolicyVersion', READ, ['policy']),
    action('ListPolicyVersions', LIST, ['policy']),
    action('SetDefaultPolicyVersion', PERMISSIONS, ['policy']),
    action('DeletePolicyVersion', PERMISSIONS, ['policy']),
    action('TagPolicy', TAGGING, ['policy'], REQUEST_TAGS),
    action('UntagPolicy', TAGGING, ['policy'], TAG_KEYS),
    action('ListPolicyTags', LIST, ['policy']),
    action('ListEntitiesForPolicy', LIST, ['policy']),
    // inline policies
    action('PutUserPolicy', PERMISSIONS, ['user'], BOUNDARY),
    action('GetUserPolicy', READ, ['user']),
    action('ListUserPolicies', LIST, ['user']),
    action('DeleteUserPolicy', PERMISSIONS, ['user'], BOUNDARY),
    action('PutGroupPolicy', PERMISSIONS, ['group']),
    action('GetGroupPolicy', READ, ['group']),
    action('ListGroupPolicies', LIST, ['group']),
    action('DeleteGroupPolicy', PERMISSIONS, ['group']),
    action('PutRolePolicy', PERMISSIONS, ['role'], BOUNDARY),
    action('GetRolePolicy', READ, ['role']),
    action('ListRolePolicies', LIST, ['role']),
    action('DeleteRolePolicy', PERMISSIONS, ['role'], BOUNDARY),
    // attachments
    action('AttachUserPolicy', PERMISSIONS, ['user'], ATTACH),
    action('DetachUserPolicy', PERMISSIONS, ['user'], ATTACH),
    action('ListAttachedUserPolicies', LIST, ['user']),
    action('AttachGroupPolicy', PERMISSIONS, ['group'], POLICY_ARN),
    action('DetachGroupPolicy', PERMISSIONS, ['group'], POLICY_ARN),
    action('ListAttachedGroupPolicies', LIST, ['group']),
    action('AttachRolePolicy', PERMISSIONS, ['role'], ATTACH),
    action('DetachRolePolicy', PERMISSIONS, ['role'], ATTACH),
    action('ListAttachedRolePolicies', LIST, ['role']),
    // permissions boundaries
    action('PutUserPermissionsBoundary', PERMISSIONS, ['user'], BOUNDARY),
    action('DeleteUserPermissionsBoundary', PERMISSIONS, ['user'], BOUNDARY),
    action('PutRolePermissionsBoundary', PERMISSIONS, ['role'], BOUNDARY),
    action('DeleteRolePermissionsBoundary', PERMISSIONS, ['role'], BOUNDARY),
    // simulation and decisions
    action('SimulatePrincipalPolicy', READ, ['group', 'role', 'user']),
    action('SimulateCustomPolicy', READ),
    action('GetContextKeysForPrincipalPolicy', READ, ['group', 'role', 'user']),
    action('GetContextKeysForCustomPolicy', READ),
    // (ours) the decision API deciding for another principal than the caller
    action('Authorize', READ, ['user', 'role', 'assumed-role']),
    // identity providers
    action('CreateOpenIDConnectProvider', WRITE, ['oidc-provider'], REQUEST_TAGS),
    action('GetOpenIDConnectProvider', READ, ['oidc-provider']),
    action('ListOpenIDConnectProviders', LIST),
    action('UpdateOpenIDConnectProviderThumbprint', WRITE, ['oidc-provider']),
    action('AddClientIDToOpenIDConnectProvider', WRITE, ['oidc-provider']),
    action('RemoveClientIDFromOpenIDConnectProvider', WRITE, ['oidc-provider']),
    action('DeleteOpenIDConnectProvider', WRITE, ['oidc-provider']),
    action('TagOpenIDConnectProvider', TAGGING, ['oidc-provider'], REQUEST_TAGS),
    action('UntagOpenIDConnectProvider', TAGGING, ['oidc-provider'], TAG_KEYS),
    action('ListOpenIDConnectProviderTags', LIST, ['oidc-provider']),
    action('CreateSAMLProvider', WRITE, ['saml-provider'], REQUEST_TAGS),
    action('GetSAMLProvider', READ, ['saml-provider']),
    action('ListSAMLProviders', LIST),
    action('UpdateSAMLProvider', WRITE, ['saml-provider']),
    action('DeleteSAMLProvider', WRITE, ['saml-provider']),
    action('TagSAMLProvider', TAGGING, ['saml-provider'], REQUEST_TAGS),
    action('UntagSAMLProvider', TAGGING, ['saml-provider'], TAG_KEYS),
    action('ListSAMLProviderTags', LIST, ['saml-provider']),
    // (ours) sessions, tenant administration (platform administrator) and product-service registration
    action('RevokeUserSessions', WRITE, ['user']),
    action('CreateAccount', WRITE),
    action('ListAccounts', LIST),
    action('SuspendAccount', WRITE),
    action('ReactivateAccount', WRITE),
    action('DeleteAccount', WRITE),
    action('UpdateAccountQuotas', WRITE),
    action('RegisterService', WRITE, ['registered-service']),
    action('GetRegisteredService', READ, ['registered-service']),
    action('ListRegisteredServices', LIST),
    action('DeregisterService', WRITE, ['registered-service']),
    action('ListServiceActions', LIST),
  ],
  resourceTypes: [
    {
      name: 'access-report',
      arnPattern: 'arn:${Partition}:iam::${Account}:access-report/${EntityPath}',
    },
    {
      name: 'assumed-role',
      arnPattern: 'arn:${Partition}:sts::${Account}:assumed-role/${RoleName}/${RoleSessionName}',
    },
    {
      name: 'federated-user',
      arnPattern: 'arn:${Partition}:sts::${Account}:federated-user/${UserName}',
    },
    { name: 'group', arnPattern: 'arn:${Partition}:iam::${Account}:group/${GroupNameWithPath}' },
    {
      name: 'mfa',
      arnPattern: 'arn:${Partition}:iam::${Account}:mfa/${MfaTokenIdWithPath}',
      conditionKeys: RESOURCE_TAGS,
    },
    {
      name: 'oidc-provider',
      arnPattern: 'arn:${Partition}:iam::${Account}:oidc-provider/${OidcProviderName}',
      conditionKeys: RESOURCE_TAGS,
    },
    {
      name: 'policy',
      arnPattern: 'arn:${Partition}:iam::${Account}:policy/${PolicyNameWithPath}',
      conditionKeys: RESOURCE_TAGS,
    },
    {
      name: 'role',
      arnPattern: 'arn:${Partition}:iam::${Account}:role/${RoleNameWithPath}',
      conditionKeys: PRINCIPAL_TAGS,
    },
    {
      name: 'saml-provider',
      arnPattern: 'arn:${Partition}:iam::${Account}:saml-provider/${SamlProviderName}',
      conditionKeys: RESOURCE_TAGS,
    },
    {
      name: 'user',
      arnPattern: 'arn:${Partition}:iam::${Account}:user/${UserNameWithPath}',
      conditionKeys: PRINCIPAL_TAGS,
    },
    // (ours) a product service registered by an account
    {
      name: 'registered-service',
      arnPattern: 'arn:${Partition}:iam::${Account}:registered-service/${ServicePrefix}',
    },
  ],
  conditionKeys: [
    { name: 'aws:RequestTag/${TagKey}', type: 'String' },
    { name: 'aws:ResourceTag/${TagKey}', type: 'String' },
    { name: 'aws:TagKeys', type: 'ArrayOfString' },
    { name: 'iam:AssociatedResourceArn', type: 'ARN' },
    { name: 'iam:PassedToService', type: 'String' },
    { name: 'iam:PermissionsBoundary', type: 'ARN' },
    { name: 'iam:PolicyARN', type: 'ARN' },
    { name: 'iam:ResourceTag/${TagKey}', type: 'String' },
  ],
};
