import { randomInt, randomUUID } from 'node:crypto';
import type { AccountId, CallerContext, ErrorDetails } from '@iam/common';
import {
  AccessDeniedError,
  DomainError,
  NoSuchEntityError,
  buildIamArn,
  InvalidInputError,
  LimitExceededError,
  VERSIONED_MARKER,
  isIamName,
  isIamPath,
  readMarker,
  revisionToken,
} from '@iam/common';
import type { Authorizer } from '@iam/authorization';
import { targetAccount } from '@iam/authorization';
import type { EventEnvelope } from '@iam/event-contracts';
import type { Outbox } from '@iam/messaging';
import type { TenantTransaction } from '@iam/persistence';
import type { PolicyIssue, PolicyKind } from '@iam/policy-engine';
import { POLICY_SIZE_LIMITS, validatePolicyDocument } from '@iam/policy-engine';
import type { EntityManager } from 'typeorm';
import type {
  KnownPrincipal,
  PrincipalDirectoryRepository,
  PrincipalKind,
} from '../principals/principal-directory.repository.js';
import type { PolicyQuotaRepository } from '../policy-quotas/policy-quota.repository.js';
import type { AccountRevisionRepository } from '../revisions/account-revision.repository.js';

/** What every use case of the policy store needs: transactions, decisions, events, revisions, the replica, time. */
export interface PolicyStoreDeps {
  readonly tenantTx: TenantTransaction;
  readonly authorizer: Authorizer;
  readonly outbox: Pick<Outbox, 'append'>;
  readonly revisions: AccountRevisionRepository;
  readonly principals: PrincipalDirectoryRepository;
  readonly quotas: PolicyQuotaRepository;
  readonly partition: string;
  readonly now: () => Date;
}

/** Nest injection token of the {@link PolicyStoreDeps} (provided by the policy module). */
export const POLICY_STORE_DEPS = 'POLICY_STORE_DEPS';

/** Every operation may name an account; only the platform administrator must. */
export interface AccountScoped {
  readonly accountId?: string | null;
}

/** AWS `Marker` and `MaxItems`. */
export interface PageInput {
  readonly marker?: string | null;
  readonly maxItems?: number | null;
}

/**
 * AWS `MalformedPolicyDocument`: the document has error-severity findings. Every finding is listed in the message
 * and, with its JSON pointer, line and column, in `details.issues` (a JSON array: details are flat values).
 */
export class MalformedPolicyDocumentError extends DomainError {
  readonly code = 'MalformedPolicyDocument';
  readonly category = 'BAD_USER_INPUT';

  constructor(readonly issues: readonly PolicyIssue[]) {
    const listed = issues.map(
      (i) =>
        `${i.code} at \`${i.pointer || '/'}\` (line ${i.line}, column ${i.column}): ${i.message}`,
    );
    super(`the policy document is malformed: ${listed.join('; ')}`, {
      issueCount: issues.length,
      issues: JSON.stringify(
        issues.map(({ code, pointer, line, column, message }) => ({
          code,
          pointer,
          line,
          column,
          message,
        })),
      ),
    } satisfies ErrorDetails);
  }
}

/**
 * Validates a document for its kind: an oversized document is `LimitExceeded` (AWS answers a policy over its
 * quota so), any other error-severity finding `MalformedPolicyDocument` listing them all.
 */
export function checkPolicyDocument(text: string, kind: PolicyKind): string {
  const errors = validatePolicyDocument(text, { kind }).filter((i) => i.severity === 'error');
  if (errors.some((i) => i.code === 'POLICY_SIZE_EXCEEDED')) {
    const limit = POLICY_SIZE_LIMITS[kind];
    throw new LimitExceededError(`the policy document is larger than ${limit} characters`, {
      kind,
      limit,
    });
  }
  if (errors.length > 0) throw new MalformedPolicyDocumentError(errors);
  return text;
}

/** Checks a policy name (AWS: 1 to 128 of letters, digits and `+=,.@_-`). */
export function checkPolicyName(name: string, what = 'policy name'): string {
  if (!isIamName('policy', name)) {
    throw new InvalidInputError(
      `${what} \`${name}\` must be 1 to 128 letters, digits and characters from \`+=,.@_-\``,
      { policyName: name },
    );
  }
  return name;
}

/** Checks a path (`/` or `/a/b/`); absent means `/`. */
export function checkPath(path: string | null | undefined): string {
  const value = path ?? '/';
  if (!isIamPath(value)) {
    throw new InvalidInputError(`path \`${value}\` must be \`/\` or begin and end with \`/\``, {
      path: value,
    });
  }
  return value;
}

const PATH_PREFIX_PATTERN = /^\/[\u0021-\u007f]*$/;

/** Checks a list's PathPrefix (AWS: begins with `/`, at most 512 characters); absent means `/`. */
export function checkPathPrefix(prefix: string | null | undefined): string {
  const value = prefix ?? '/';
  if (value.length > 512 || !PATH_PREFIX_PATTERN.test(value)) {
    throw new InvalidInputError(`path prefix \`${value}\` must begin with \`/\``, {
      pathPrefix: value,
    });
  }
  return value;
}

/** The sort key a marker this service returned carries (`InvalidInput` for any other). */
export function decodeMarker(marker: string | null | undefined): string | null {
  return readMarker(marker, VERSIONED_MARKER);
}

const ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** A random unique id of a managed policy: `ANPA` and 17 base32 characters, as AWS's. */
export function newPolicyId(): string {
  let id = 'ANPA';
  for (let i = 0; i < 17; i++) id += ID_ALPHABET[randomInt(ID_ALPHABET.length)];
  return id;
}

/** The envelope fields of an event a caller's change causes. */
export function eventMeta(caller: CallerContext, at: Date) {
  return {
    id: randomUUID(),
    occurredAt: at.toISOString(),
    actor: { type: caller.principalType, arn: caller.principalArn },
  };
}

/**
 * Ends a change of someone's effective permissions: bumps the account's revision in the change's transaction,
 * appends the event the revision makes, and returns the revision token the payload answers.
 */
export async function commitChange(
  deps: PolicyStoreDeps,
  tx: EntityManager,
  accountId: AccountId,
  event: (revision: string) => EventEnvelope,
): Promise<string> {
  const revision = await deps.revisions.bump(tx, accountId);
  await deps.outbox.append(tx, event(revision.toString()));
  return revisionToken(accountId, revision);
}

/**
 * A user, group or role of the replica, by name, with `action` authorized on it as AWS does: on its real ARN (path
 * included) when it exists, else on the name's ARN with path `/`; a denial always names the latter, so it reveals
 * neither existence nor path. Missing (after the authorization): `NoSuchEntity`.
 */
export async function findPrincipal(
  deps: PolicyStoreDeps,
  tx: EntityManager,
  caller: CallerContext,
  action: string,
  accountId: AccountId,
  kind: PrincipalKind,
  name: string,
): Promise<KnownPrincipal> {
  const nameArn = buildIamArn({
    type: kind,
    partition: deps.partition,
    accountId,
    path: '/',
    name,
  });
  const principal = isIamName(kind, name)
    ? await deps.principals.findByName(tx, accountId, kind, name)
    : null;
  try {
    await deps.authorizer.require(caller, action, principal?.arn ?? nameArn, accountId);
  } catch (error) {
    if (error instanceof AccessDeniedError) throw new AccessDeniedError(action, nameArn);
    throw error;
  }
  if (principal === null) throw new NoSuchEntityError(kind, name);
  return principal;
}

/**
 * Serializes the transactions that check and change one quota-bound set (an entity's attachments or inline policies,
 * an account's guardrails or policies) until commit, so that two concurrent changes cannot both pass the check.
 */
export async function lockQuota(tx: EntityManager, key: string): Promise<void> {
  await tx.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`policy-quota:${key}`]);
}

/**
 * Runs `work` in the account's transaction on the user, group or role `input.principalName` names, `action`
 * authorized on it (see {@link findPrincipal}) before anything about it is revealed.
 */
export function onPrincipal<T>(
  deps: PolicyStoreDeps,
  caller: CallerContext,
  kind: PrincipalKind,
  input: AccountScoped & { principalName: string },
  action: string,
  work: (tx: EntityManager, principal: KnownPrincipal, accountId: AccountId) => Promise<T>,
): Promise<T> {
  const accountId = targetAccount(caller, input.accountId, action);
  return deps.tenantTx.run(accountId, async (tx) => {
    const principal = await findPrincipal(
      deps,
      tx,
      caller,
      action,
      accountId,
      kind,
      input.principalName,
    );
    return work(tx, principal, accountId);
  });
}
