import type { CallerContext } from '@iam/common';
import { DomainError, InvalidInputError } from '@iam/common';
import type { CompiledPolicySet, ContextValue, PolicyIssue } from '@iam/policy-engine';
import { validatePolicyDocument } from '@iam/policy-engine';
import type {
  PrincipalPolicies,
  PrincipalRef,
} from '../effective-policies/effective-policy.service.js';

/** AWS `MalformedPolicyDocument`: a policy passed with the request has error-severity issues (all listed). */
export class MalformedPolicyDocumentError extends DomainError {
  readonly code = 'MalformedPolicyDocument';
  readonly category = 'BAD_USER_INPUT';

  constructor(what: string, issues: readonly PolicyIssue[]) {
    const listed = issues.map((i) => `${i.code} at \`${i.pointer || '/'}\`: ${i.message}`);
    super(`${what} is malformed: ${listed.join('; ')}`, { issueCount: issues.length });
  }
}

/** The types of a context entry (AWS `ContextKeyTypeEnum`); `...List` types take several values. */
export const CONTEXT_KEY_TYPES = [
  'string',
  'stringList',
  'numeric',
  'numericList',
  'boolean',
  'booleanList',
  'ip',
  'ipList',
  'binary',
  'binaryList',
  'date',
  'dateList',
] as const;
export type ContextKeyType = (typeof CONTEXT_KEY_TYPES)[number];

/** One caller-supplied context entry. */
export interface ContextEntry {
  readonly key: string;
  readonly values: readonly string[];
  readonly type?: ContextKeyType | null;
}

const MAX_CONTEXT_ENTRIES = 100;
const MAX_CONTEXT_VALUES = 100;
const MAX_KEY_LENGTH = 256;
const MAX_VALUE_LENGTH = 2_048;
/** AWS: the largest resource-based policy (an S3 bucket policy) is 20 KB. */
export const MAX_REQUEST_POLICY_CHARACTERS = 20_480;

/**
 * Keys the service derives from the principal, its session or the clock. The caller may not supply them: a request
 * that does is refused with `InvalidInput` (refused rather than silently ignored, so a caller never believes its
 * value was used). Compared case-insensitively, as the engine looks keys up.
 */
const DERIVED_KEYS = new Set(
  [
    'aws:username',
    'aws:userid',
    'aws:PrincipalArn',
    'aws:PrincipalAccount',
    'aws:PrincipalType',
    'aws:PrincipalOrgID',
    'aws:PrincipalOrgPaths',
    'aws:PrincipalIsAWSService',
    'aws:PrincipalServiceName',
    'aws:PrincipalServiceNamesList',
    'aws:CurrentTime',
    'aws:EpochTime',
    'aws:MultiFactorAuthPresent',
    'aws:MultiFactorAuthAge',
    'aws:TokenIssueTime',
    'aws:FederatedProvider',
    'aws:SourceIdentity',
    'iam:PasswordResetRequired',
    'iam:SessionId',
    'iam:ConsistencyToken',
  ].map((k) => k.toLowerCase()),
);
const DERIVED_PREFIXES = ['aws:principaltag/'];

/** Session keys taken from the caller's own session when it asks about itself. */
const SESSION_KEYS = ['aws:MultiFactorAuthPresent', 'aws:MultiFactorAuthAge', 'aws:TokenIssueTime'];

export function isDerivedKey(key: string): boolean {
  const lower = key.toLowerCase();
  return DERIVED_KEYS.has(lower) || DERIVED_PREFIXES.some((p) => lower.startsWith(p));
}

/** Checks and converts caller-supplied entries; `allowDerived` for custom-policy simulation (no principal). */
export function contextFromEntries(
  entries: readonly ContextEntry[] | null | undefined,
  allowDerived = false,
): Record<string, ContextValue> {
  const context: Record<string, ContextValue> = {};
  const list = entries ?? [];
  if (list.length > MAX_CONTEXT_ENTRIES) {
    throw new InvalidInputError(`at most ${MAX_CONTEXT_ENTRIES} context entries are accepted`);
  }
  const refused: string[] = [];
  for (const entry of list) {
    if (!/^[A-Za-z0-9-]+:[\x21-\x7e]+$/.test(entry.key) || entry.key.length > MAX_KEY_LENGTH) {
      throw new InvalidInputError(`\`${entry.key.slice(0, 64)}\` is not a condition key`);
    }
    if (!allowDerived && isDerivedKey(entry.key)) {
      refused.push(entry.key);
      continue;
    }
    if (
      entry.values.length > MAX_CONTEXT_VALUES ||
      entry.values.some((v) => v.length > MAX_VALUE_LENGTH)
    ) {
      throw new InvalidInputError(`the values of \`${entry.key}\` are too many or too long`);
    }
    const type = entry.type ?? 'string';
    if (type.endsWith('List')) {
      context[entry.key] = [...entry.values];
    } else {
      if (entry.values.length !== 1) {
        throw new InvalidInputError(`\`${entry.key}\` of type ${type} takes exactly one value`);
      }
      context[entry.key] = entry.values[0]!;
    }
  }
  if (refused.length > 0) {
    throw new InvalidInputError(
      `the service sets principal and session keys itself; remove ${refused.map((k) => `\`${k}\``).join(', ')}`,
    );
  }
  return context;
}

/**
 * Adds the keys the service derives: the principal's ARN (the role's for a session, as AWS), account, type, user
 * name and unique id, its tags, the time from the injected clock, and, when the caller asks about itself, its
 * session's MFA keys.
 */
export function addDerivedKeys(
  context: Record<string, ContextValue>,
  ref: PrincipalRef,
  found: PrincipalPolicies,
  now: Date,
  caller: CallerContext | null,
): Record<string, ContextValue> {
  const principal = found.principal;
  context['aws:PrincipalAccount'] = ref.accountId;
  context['aws:CurrentTime'] = now.toISOString();
  context['aws:EpochTime'] = String(Math.floor(now.getTime() / 1000));
  switch (ref.kind) {
    case 'root':
      context['aws:PrincipalArn'] = ref.arn;
      context['aws:PrincipalType'] = 'Account';
      context['aws:userid'] = ref.accountId;
      break;
    case 'user':
      context['aws:PrincipalArn'] = ref.arn;
      context['aws:PrincipalType'] = 'User';
      context['aws:username'] = principal?.name ?? ref.name!;
      if (principal !== null) context['aws:userid'] = principal.principalId;
      break;
    case 'group':
      // A group never makes a request: only its account is known (simulation of a group's policies).
      break;
    case 'role':
      context['aws:PrincipalArn'] = ref.arn;
      context['aws:PrincipalType'] = 'AssumedRole';
      if (principal !== null) context['aws:userid'] = principal.principalId;
      break;
    case 'assumed-role':
      context['aws:PrincipalType'] = 'AssumedRole';
      if (principal !== null) {
        context['aws:PrincipalArn'] = principal.arn;
        context['aws:userid'] = `${principal.principalId}:${ref.sessionName}`;
      }
      break;
  }
  for (const [key, value] of Object.entries(found.effective.principalTags)) {
    context[`aws:PrincipalTag/${key}`] = value;
  }
  if (caller !== null && caller.principalArn === ref.arn) {
    for (const key of SESSION_KEYS) {
      const value = caller.context[key];
      if (value !== undefined) context[key] = value;
    }
  }
  return context;
}

/** Parses and validates a policy passed with a request; `MalformedPolicyDocument` lists every error. */
export function requestPolicy(text: string, kind: 'resource' | 'managed', what: string): unknown {
  if (text.length > MAX_REQUEST_POLICY_CHARACTERS) {
    throw new InvalidInputError(
      `${what} must be at most ${MAX_REQUEST_POLICY_CHARACTERS} characters`,
    );
  }
  const errors = validatePolicyDocument(text, { kind }).filter((i) => i.severity === 'error');
  if (errors.length > 0) throw new MalformedPolicyDocumentError(what, errors);
  return JSON.parse(text) as unknown;
}

/** A statement of a compiled set, as decisions and simulations name it. */
export interface StatementInfo {
  readonly policyId: string;
  readonly policyType: string;
  readonly sid: string | null;
  readonly statementIndex: number;
  readonly pointer: string;
  readonly effect: 'Allow' | 'Deny';
}

const byRefCache = new WeakMap<CompiledPolicySet, Map<string, StatementInfo>>();

/** Every statement of a set by its reference (`<policyId>#<Sid or index>`), built once per compiled set. */
export function statementsByRef(set: CompiledPolicySet): Map<string, StatementInfo> {
  const known = byRefCache.get(set);
  if (known !== undefined) return known;
  const map = new Map<string, StatementInfo>();
  const policies = [
    ...set.guardrails,
    ...(set.resourcePolicy ? [set.resourcePolicy] : []),
    ...set.identityPolicies,
    ...(set.permissionsBoundary ? [set.permissionsBoundary] : []),
    ...(set.sessionPolicy ? [set.sessionPolicy] : []),
  ];
  for (const policy of policies) {
    for (const s of policy.statements) {
      map.set(s.ref, {
        policyId: policy.id,
        policyType: policy.type,
        sid: s.sid,
        statementIndex: s.index,
        pointer: s.pointer,
        effect: s.effect,
      });
    }
  }
  byRefCache.set(set, map);
  return map;
}
