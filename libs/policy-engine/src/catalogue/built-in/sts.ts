import type { ServiceDefinition } from '../catalogue-model.js';
import { READ, REQUEST_TAGS, TAGGING, WRITE, action } from './define.js';

// AWS: https://docs.aws.amazon.com/service-authorization/latest/reference/list_awssecuritytokenservice.html

const SAML_KEYS = [
  'saml:aud',
  'saml:iss',
  'saml:sub',
  'saml:sub_type',
  'saml:namequalifier',
  'saml:doc',
];
const WEB_IDENTITY_KEYS = ['aws:FederatedProvider'];
const SESSION_TAGS = [...REQUEST_TAGS, 'sts:TransitiveTagKeys'];

/** The `sts` service: sessions, role assumption, caller identity. */
export const STS_SERVICE: ServiceDefinition = {
  prefix: 'sts',
  name: 'AWS Security Token Service',
  actions: [
    action(
      'AssumeRole',
      WRITE,
      ['role'],
      [...SESSION_TAGS, 'sts:ExternalId', 'sts:RoleSessionName', 'sts:SourceIdentity'],
    ),
    action(
      'AssumeRoleWithSAML',
      WRITE,
      ['role'],
      [...SAML_KEYS, 'sts:RoleSessionName', 'sts:SourceIdentity'],
    ),
    action(
      'AssumeRoleWithWebIdentity',
      WRITE,
      ['role'],
      [...WEB_IDENTITY_KEYS, 'sts:RoleSessionName', 'sts:SourceIdentity'],
    ),
    action('GetSessionToken', READ),
    action('GetCallerIdentity', READ),
    action('GetFederationToken', READ, ['user'], REQUEST_TAGS),
    action('GetAccessKeyInfo', READ),
    action('DecodeAuthorizationMessage', WRITE),
    action(
      'TagSession',
      TAGGING,
      ['role', 'user'],
      [...SESSION_TAGS, ...SAML_KEYS, ...WEB_IDENTITY_KEYS],
    ),
    action(
      'SetSourceIdentity',
      WRITE,
      ['role', 'user'],
      ['sts:SourceIdentity', ...SAML_KEYS, ...WEB_IDENTITY_KEYS],
    ),
    action('SetContext', WRITE, ['role']),
  ],
  resourceTypes: [
    {
      name: 'role',
      arnPattern: 'arn:${Partition}:iam::${Account}:role/${RoleNameWithPath}',
      conditionKeys: ['aws:ResourceTag/${TagKey}', 'iam:ResourceTag/${TagKey}'],
    },
    {
      name: 'user',
      arnPattern: 'arn:${Partition}:iam::${Account}:user/${UserNameWithPath}',
      conditionKeys: ['aws:ResourceTag/${TagKey}', 'iam:ResourceTag/${TagKey}'],
    },
  ],
  conditionKeys: [
    { name: 'aws:FederatedProvider', type: 'String' },
    { name: 'aws:RequestTag/${TagKey}', type: 'String' },
    { name: 'aws:ResourceTag/${TagKey}', type: 'String' },
    { name: 'aws:TagKeys', type: 'ArrayOfString' },
    { name: 'saml:aud', type: 'String' },
    { name: 'saml:doc', type: 'String' },
    { name: 'saml:iss', type: 'String' },
    { name: 'saml:namequalifier', type: 'String' },
    { name: 'saml:sub', type: 'String' },
    { name: 'saml:sub_type', type: 'String' },
    { name: 'sts:ExternalId', type: 'String' },
    { name: 'sts:RoleSessionName', type: 'String' },
    { name: 'sts:SourceIdentity', type: 'String' },
    { name: 'sts:TransitiveTagKeys', type: 'ArrayOfString' },
  ],
};
