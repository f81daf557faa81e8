import type { AccountId } from '../ids/account-id.js';
import { isAccountId } from '../ids/account-id.js';
import { parseArn } from './arn.js';
import type { IamNamedEntity } from './iam-grammar.js';
import { isIamName, isIamPath } from './iam-grammar.js';

// AWS: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference-arns.html and
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html#identifiers-arns

interface InAccount {
  readonly partition: string;
  readonly accountId: AccountId;
}

/** `arn:<partition>:iam::<account>:root`, the account's root user. */
export interface IamRootArn extends InAccount {
  readonly type: 'root';
}

/** `arn:<partition>:iam::<account>:<type><path><name>` of a user, group, role or virtual MFA device. */
export interface IamPathEntityArn extends InAccount {
  readonly type: 'user' | 'group' | 'role' | 'mfa';
  /** `/` or `/a/b/`. */
  readonly path: string;
  readonly name: string;
}

/** `arn:<partition>:iam::<account>:policy<path><name>`; the account is `aws` for an AWS-managed policy. */
export interface IamPolicyArn {
  readonly type: 'policy';
  readonly partition: string;
  readonly accountId: AccountId | 'aws';
  readonly path: string;
  readonly name: string;
}

/** `arn:<partition>:sts::<account>:assumed-role/<role name>/<session name>`, a role session. */
export interface StsAssumedRoleArn extends InAccount {
  readonly type: 'assumed-role';
  readonly roleName: string;
  readonly sessionName: string;
}

/** `arn:<partition>:iam::<account>:oidc-provider/<url without https://>`. */
export interface IamOidcProviderArn extends InAccount {
  readonly type: 'oidc-provider';
  /** Host and optional path, e.g. `oidc.example.com/id/ABC`. */
  readonly url: string;
}

/** `arn:<partition>:iam::<account>:saml-provider/<name>`. */
export interface IamSamlProviderArn extends InAccount {
  readonly type: 'saml-provider';
  readonly name: string;
}

/** A parsed IAM or STS ARN of the kinds this suite names, told apart by `type`. */
export type IamArn =
  | IamRootArn
  | IamPathEntityArn
  | IamPolicyArn
  | StsAssumedRoleArn
  | IamOidcProviderArn
  | IamSamlProviderArn;

/** The `type` of every {@link IamArn}. */
export type IamArnType = IamArn['type'];

// Real partitions are `aws`, `aws-cn`, `aws-us-gov`, `aws-iso-b`, ...; a deployment may configure its own.
const PARTITION_PATTERN = /^[a-z]+(?:-[a-z]+)*$/;
// AWS: API_AssumeRole.html (RoleSessionName: 2 to 64 of `\w+=,.@-`).
const SESSION_NAME_PATTERN = /^[\w+=,.@-]{2,64}$/;
// AWS: API_CreateSAMLProvider.html (Name: 1 to 128 of `\w._-`).
const SAML_PROVIDER_NAME_PATTERN = /^[\w.-]{1,128}$/;
// AWS: API_CreateOpenIDConnectProvider.html: the provider's URL without its scheme (host, then optional path
// segments), at most 255 characters.
const OIDC_URL_PATTERN = /^[A-Za-z0-9.-]+(?::\d{1,5})?(?:\/[\u0021-\u002e\u0030-\u007e]+)*$/;
const MAX_OIDC_URL_LENGTH = 255;

const PATH_ENTITIES: ReadonlySet<string> = new Set<IamPathEntityArn['type']>([
  'user',
  'group',
  'role',
  'mfa',
]);

/**
 * Parses an IAM or STS ARN of one of the kinds of {@link IamArn}. Returns `null` for anything else or anything
 * malformed (another service, a region, an account that is not 12 digits, a name or path outside AWS's grammar, an
 * empty name, a trailing slash, ...): never a partly parsed value.
 */
export function parseIamArn(value: string): IamArn | null {
  const arn = parseArn(value);
  if (arn === null || arn.region !== '' || !PARTITION_PATTERN.test(arn.partition)) return null;
  const { partition, accountId, resource } = arn;
  if (arn.service === 'sts') {
    if (!isAccountId(accountId)) return null;
    const parts = resource.split('/');
    if (parts.length !== 3 || parts[0] !== 'assumed-role') return null;
    const [, roleName = '', sessionName = ''] = parts;
    if (!isIamName('role', roleName) || !SESSION_NAME_PATTERN.test(sessionName)) return null;
    return { type: 'assumed-role', partition, accountId, roleName, sessionName };
  }
  if (arn.service !== 'iam') return null;
  const slash = resource.indexOf('/');
  const type = slash < 0 ? resource : resource.slice(0, slash);
  const rest = slash < 0 ? '' : resource.slice(slash);
  if (type === 'policy') {
    if (accountId !== 'aws' && !isAccountId(accountId)) return null;
    const named = pathAndName('policy', rest);
    return named && { type, partition, accountId, ...named };
  }
  if (!isAccountId(accountId)) return null;
  if (resource === 'root') return { type: 'root', partition, accountId };
  if (PATH_ENTITIES.has(type)) {
    const named = pathAndName(type as IamPathEntityArn['type'], rest);
    return named && { type: type as IamPathEntityArn['type'], partition, accountId, ...named };
  }
  const tail = rest.slice(1);
  if (type === 'oidc-provider') {
    if (tail.length > MAX_OIDC_URL_LENGTH || !OIDC_URL_PATTERN.test(tail)) return null;
    return { type, partition, accountId, url: tail };
  }
  if (type === 'saml-provider') {
    if (!SAML_PROVIDER_NAME_PATTERN.test(tail)) return null;
    return { type, partition, accountId, name: tail };
  }
  return null;
}

/** Splits `/path/name` at its last slash; `null` unless both parts follow AWS's grammar. */
function pathAndName(
  kind: IamNamedEntity,
  rest: string,
): { readonly path: string; readonly name: string } | null {
  const last = rest.lastIndexOf('/');
  if (last < 0) return null;
  const path = rest.slice(0, last + 1);
  const name = rest.slice(last + 1);
  return isIamPath(path) && isIamName(kind, name) ? { path, name } : null;
}

/**
 * Formats an {@link IamArn}. It does not check the parts: callers build ARNs of entities they checked, and
 * resource patterns such as `user/*` are formatted by it too; {@link parseIamArn} is the check.
 */
export function buildIamArn(arn: IamArn): string {
  const head = `arn:${arn.partition}:${arn.type === 'assumed-role' ? 'sts' : 'iam'}::${arn.accountId}:`;
  switch (arn.type) {
    case 'root':
      return `${head}root`;
    case 'user':
    case 'group':
    case 'role':
    case 'mfa':
    case 'policy':
      return `${head}${arn.type}${arn.path}${arn.name}`;
    case 'assumed-role':
      return `${head}assumed-role/${arn.roleName}/${arn.sessionName}`;
    case 'oidc-provider':
      return `${head}oidc-provider/${arn.url}`;
    case 'saml-provider':
      return `${head}saml-provider/${arn.name}`;
  }
}

/** The name of the IAM user an ARN names (`arn:...:iam::<account>:user/<path>/<name>`), or `null`. */
export function iamUserName(value: string): string | null {
  const arn = parseIamArn(value);
  return arn?.type === 'user' ? arn.name : null;
}

/** The path of the IAM user an ARN names (`/` or `/a/b/`), or `null` when it names no IAM user. */
export function iamUserPath(value: string): string | null {
  const arn = parseIamArn(value);
  return arn?.type === 'user' ? arn.path : null;
}
