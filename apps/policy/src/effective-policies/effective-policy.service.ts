import type { DataSource, EntityManager } from 'typeorm';
import type { EffectivePolicies, EffectivePolicyDocument } from '@iam/authorization';
import type { AccountId, Clock, RevisionToken } from '@iam/common';
import { DomainError, InvalidInputError, parseIamArn } from '@iam/common';
import type { TenantTransaction } from '@iam/persistence';
import type { CompiledPolicySet, PolicyInput, PolicySetInput } from '@iam/policy-engine';
import { compilePolicySet } from '@iam/policy-engine';
import { awsManagedPolicyByArn } from '../aws-managed/aws-managed-policies.js';
import type { KnownPrincipal } from '../principals/principal-directory.repository.js';
import { PrincipalDirectoryRepository } from '../principals/principal-directory.repository.js';
import { AccountRevisionRepository } from '../revisions/account-revision.repository.js';
import { IDENTITY_REPLICA_GROUP } from '../replica/identity-replica.js';
import { EffectivePolicyRepository } from './effective-policy.repository.js';
import type { AttachedPolicyRow } from './effective-policy.repository.js';
import { BoundedCache } from './policy-set-cache.js';

/** Retryable: the view of the account did not reach the asked revision (or event) within the bound. */
export class ConsistencyTimeoutError extends DomainError {
  readonly code = 'ConsistencyTimeout';
  readonly category = 'UNAVAILABLE';

  constructor(waitedMs: number) {
    super('the permissions view did not reach the requested revision in time; retry', {
      waitedMs,
    });
  }
}

/** A principal the decision API can decide for, resolved from its ARN. */
export interface PrincipalRef {
  readonly accountId: AccountId;
  /** The ARN as asked (a session ARN for a role session). */
  readonly arn: string;
  /** `group` only for the simulator (AWS simulates a group's policies; a group never makes a request). */
  readonly kind: 'root' | 'user' | 'group' | 'role' | 'assumed-role';
  /** The role of a session, the user or role's name; null for the root. */
  readonly name: string | null;
  readonly sessionName: string | null;
}

/**
 * Parses a principal ARN the decision API accepts (user, role, assumed-role session, account root; a group too with
 * `allowGroup`, for `simulatePrincipalPolicy`).
 */
export function principalRef(arn: string, allowGroup = false): PrincipalRef {
  const parsed = parseIamArn(arn);
  if (allowGroup && parsed?.type === 'group') {
    return {
      accountId: parsed.accountId,
      arn,
      kind: 'group',
      name: parsed.name,
      sessionName: null,
    };
  }
  switch (parsed?.type) {
    case 'root':
      return { accountId: parsed.accountId, arn, kind: 'root', name: null, sessionName: null };
    case 'user':
    case 'role':
      return {
        accountId: parsed.accountId,
        arn,
        kind: parsed.type,
        name: parsed.name,
        sessionName: null,
      };
    case 'assumed-role':
      return {
        accountId: parsed.accountId,
        arn,
        kind: 'assumed-role',
        name: parsed.roleName,
        sessionName: parsed.sessionName,
      };
    case 'group':
    case 'mfa':
    case 'oidc-provider':
    case 'policy':
    case 'saml-provider':
    case undefined:
      throw new InvalidInputError(
        `\`${arn.slice(0, 200)}\` is not the ARN of an IAM user, a role, a role session or an account root`,
      );
  }
}

/** A principal's effective policies, parsed and compiled. */
export interface PrincipalPolicies {
  readonly effective: EffectivePolicies;
  /** The replica's principal (the role of a session); null for the root or a principal not (yet) known. */
  readonly principal: KnownPrincipal | null;
  /** False for a user or role the replica does not know (it holds no policies). */
  readonly known: boolean;
  /** The parsed documents, to compile again with a resource policy or simulation inputs. */
  readonly input: PolicySetInput;
  /** Compiled for a resource in the principal's own account. */
  readonly compiled: CompiledPolicySet;
}

/** How {@link EffectivePolicyService.policiesOf} waits. */
export interface FreshnessOptions {
  /** The view must include this revision or event; waited for (bounded), then `ConsistencyTimeout`. */
  readonly consistency?: RevisionToken | null;
  /** Wait (bounded) for a user or role the replica does not know yet (a principal just created in identity). */
  readonly waitForPrincipal?: boolean;
}

/** Options of {@link EffectivePolicyService}. */
export interface EffectivePolicyServiceOptions {
  readonly tenant: TenantTransaction;
  /**
   * The data source behind `tenant`: with it, a cache hit reads the account revision in one statement outside a
   * transaction (`AccountRevisionRepository.currentAlone`) instead of a scoped transaction of four round trips.
   */
  readonly dataSource?: DataSource;
  readonly clock: Clock;
  /** Waits between polls (injected: tests advance a manual clock instead of sleeping). */
  readonly sleep?: (ms: number) => Promise<void>;
  /** The bound of a consistency wait (default 5 s). */
  readonly maxWaitMs?: number;
  readonly pollMs?: number;
  /** Compiled sets kept (default 10,000 principals). */
  readonly cacheCapacity?: number;
  readonly partition?: string;
}

interface CacheEntry {
  readonly revision: bigint;
  readonly value: PrincipalPolicies;
}

type Attempt =
  | { readonly state: 'ready'; readonly value: PrincipalPolicies }
  | { readonly state: 'stale' }
  | { readonly state: 'missing'; readonly value: PrincipalPolicies };

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function parseDocument(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    // Compiling anything never throws: a document that is not JSON compiles to a policy that never applies.
    return text;
  }
}

/**
 * Assembles a principal's effective policies from the store (inline and attached policies, its groups' for a user,
 * its boundary, the account's guardrails, its tags, the account revision) and keeps the compiled sets in a bounded
 * in-process cache keyed by (account, principal ARN) and tagged with the account revision.
 *
 * Freshness: every read opens one transaction scoped to the account and reads the account's revision first; a
 * cached set tagged with that revision is answered, anything else is assembled again in the same transaction. The
 * revision is bumped in the transaction of every change of anyone's effective permissions (the store's mutations,
 * the replica's applied identity events), so a cached set is never older than the revision it is tagged with and
 * several policy processes stay correct without invalidation messages. A hit costs one indexed read of
 * `account_settings` (begin, scope, select, commit).
 */
export class EffectivePolicyService {
  private readonly repo = new EffectivePolicyRepository();
  private readonly principals = new PrincipalDirectoryRepository();
  private readonly revisions = new AccountRevisionRepository();
  private readonly cache: BoundedCache<CacheEntry>;
  /** Assemblies in progress, so that concurrent misses of one principal at one revision assemble once. */
  private readonly inflight = new Map<
    string,
    { revision: bigint; promise: Promise<PrincipalPolicies> }
  >();
  private assemblies = 0;
  private readonly sleep: (ms: number) => Promise<void>;
  readonly maxWaitMs: number;
  private readonly pollMs: number;
  private readonly partition: string;

  constructor(private readonly options: EffectivePolicyServiceOptions) {
    this.cache = new BoundedCache(options.cacheCapacity ?? 10_000);
    this.sleep = options.sleep ?? realSleep;
    this.maxWaitMs = options.maxWaitMs ?? 5_000;
    this.pollMs = options.pollMs ?? 25;
    this.partition = options.partition ?? 'aws';
  }

  /** Cache statistics (for measurements). */
  get cacheStats(): { size: number; hits: number; misses: number; assemblies: number } {
    return {
      size: this.cache.size,
      hits: this.cache.hits,
      misses: this.cache.misses,
      assemblies: this.assemblies,
    };
  }

  /**
   * The effective policies of `ref`, at least as fresh as `options.consistency` (`ConsistencyTimeout` after the
   * bound). An unknown user or role holds no policies (after a bounded wait when `waitForPrincipal`).
   */
  async policiesOf(ref: PrincipalRef, options: FreshnessOptions = {}): Promise<PrincipalPolicies> {
    const token = options.consistency ?? null;
    if (token !== null && token.accountId !== ref.accountId) {
      throw new InvalidInputError('the consistency token is for another account');
    }
    const hit = await this.cachedAtCurrentRevision(ref, token);
    if (hit !== null) return hit;
    const started = this.options.clock.now().getTime();
    for (;;) {
      const attempt = await this.options.tenant.run(ref.accountId, (tx) =>
        this.attempt(tx, ref, token, options.waitForPrincipal === true),
      );
      if (attempt.state === 'ready') return attempt.value;
      const waited = this.options.clock.now().getTime() - started;
      if (waited >= this.maxWaitMs) {
        if (attempt.state === 'missing') return attempt.value;
        throw new ConsistencyTimeoutError(waited);
      }
      await this.sleep(Math.min(this.pollMs, this.maxWaitMs - waited));
    }
  }

  /**
   * The cached set when it is tagged with the account's current revision (and that revision satisfies a revision
   * token), read in one statement; null sends the request through the scoped transaction, which assembles, waits or
   * checks an event token. The same guarantee as a hit there: the set was assembled at the revision just read.
   */
  private async cachedAtCurrentRevision(
    ref: PrincipalRef,
    token: RevisionToken | null,
  ): Promise<PrincipalPolicies | null> {
    const dataSource = this.options.dataSource;
    if (dataSource === undefined || token?.kind === 'event') return null;
    const key = `${ref.accountId}\n${ref.arn}`;
    if (this.cache.peek(key) === undefined) return null;
    const revision = await this.revisions.currentAlone(dataSource, ref.accountId);
    if (token !== null && revision < token.revision) return null;
    // Read again after the await: another request may have replaced the entry meanwhile.
    const cached = this.cache.peek(key);
    if (cached === undefined || cached.revision !== revision) return null;
    return this.cache.get(key)?.value ?? null;
  }

  private async attempt(
    tx: EntityManager,
    ref: PrincipalRef,
    token: RevisionToken | null,
    waitForPrincipal: boolean,
  ): Promise<Attempt> {
    const revision = await this.revisions.current(tx, ref.accountId);
    if (token?.kind === 'revision' && revision < token.revision) return { state: 'stale' };
    if (
      token?.kind === 'event' &&
      !(await this.repo.eventApplied(tx, IDENTITY_REPLICA_GROUP, token.eventId))
    ) {
      return { state: 'stale' };
    }
    const key = `${ref.accountId}\n${ref.arn}`;
    const cached = this.cache.get(key);
    if (cached !== undefined && cached.revision === revision) {
      return { state: 'ready', value: cached.value };
    }
    const value = await this.assembleOnce(tx, key, ref, revision);
    if (!value.known) {
      // A deleted principal (a session of it may still be in flight until the gateway refuses its token) holds
      // nothing and is answered at once; one not yet applied is waited for.
      const waits = waitForPrincipal && !(await this.repo.deletedArn(tx, ref.accountId, ref.arn));
      return waits ? { state: 'missing', value } : { state: 'ready', value };
    }
    // A principal may reach the replica before its account does (identity's events travel on separate topics): the
    // account's creation attaches its first administrator's policy, so a caller of an account not yet applied waits
    // for it like an unknown principal (and its answer is not cached).
    if (waitForPrincipal && !(await this.repo.accountKnown(tx, ref.accountId))) {
      return { state: 'missing', value };
    }
    this.cache.set(key, { revision, value });
    return { state: 'ready', value };
  }

  /**
   * Assembles, or joins an assembly of the same principal at the same revision already running (its transaction
   * read that revision first, so its result is at least as fresh as this one's would be).
   */
  private async assembleOnce(
    tx: EntityManager,
    key: string,
    ref: PrincipalRef,
    revision: bigint,
  ): Promise<PrincipalPolicies> {
    const running = this.inflight.get(key);
    if (running !== undefined && running.revision === revision) return running.promise;
    this.assemblies++;
    const promise = this.assemble(tx, ref, revision);
    this.inflight.set(key, { revision, promise });
    try {
      return await promise;
    } finally {
      if (this.inflight.get(key)?.promise === promise) this.inflight.delete(key);
    }
  }

  private async findPrincipal(
    tx: EntityManager,
    ref: PrincipalRef,
  ): Promise<KnownPrincipal | null> {
    switch (ref.kind) {
      case 'root':
        return null;
      case 'assumed-role':
        return this.principals.findByName(tx, ref.accountId, 'role', ref.name!);
      case 'user':
      case 'group':
      case 'role':
        return this.principals.findByArn(tx, ref.accountId, ref.arn);
    }
  }

  private async assemble(
    tx: EntityManager,
    ref: PrincipalRef,
    revision: bigint,
  ): Promise<PrincipalPolicies> {
    const principal = await this.findPrincipal(tx, ref);
    const guardrails = (await this.repo.guardrails(tx, ref.accountId)).map((g) => ({
      id: `arn:${this.partition}:iam::${ref.accountId}:guardrail/${g.name}`,
      document: g.document,
    }));
    const identity: EffectivePolicyDocument[] = [];
    let boundary: EffectivePolicyDocument | null = null;
    if (ref.kind === 'root') {
      // The root holds every permission in its account; only the guardrails (SCP semantics) cap it.
      identity.push({ id: `${ref.arn}#root`, document: ROOT_POLICY });
    } else if (principal !== null) {
      const holders =
        principal.kind === 'user'
          ? [principal.principalId, ...(await this.repo.groupsOf(tx, principal.principalId))]
          : [principal.principalId];
      for (const row of await this.repo.inlinePolicies(tx, holders)) {
        identity.push({
          id: `${row.holderArn ?? row.principalId}#inline/${row.policyName}`,
          document: row.document,
        });
      }
      const seen = new Set<string>();
      for (const row of await this.repo.attachedPolicies(tx, holders)) {
        const document = managedDocument(row);
        // The same managed policy attached to the user and one of its groups is one policy.
        if (document === null || seen.has(row.policyArn)) continue;
        seen.add(row.policyArn);
        identity.push({ id: row.policyArn, document });
      }
      const boundaryRow = await this.repo.permissionsBoundary(tx, principal.principalId);
      const boundaryDocument = boundaryRow === null ? null : managedDocument(boundaryRow);
      if (boundaryRow !== null) {
        // A boundary whose policy is gone allows nothing (fail closed), as a boundary naming no document would.
        boundary = { id: boundaryRow.policyArn, document: boundaryDocument ?? EMPTY_POLICY };
      }
    }
    const principalTags: Record<string, string> = {};
    for (const tag of principal?.tags ?? []) principalTags[tag.key] = tag.value;
    const effective: EffectivePolicies = {
      accountId: ref.accountId,
      principalArn: ref.arn,
      principalId: principal?.principalId ?? null,
      revision: revision.toString(),
      identityPolicies: identity,
      permissionsBoundary: boundary,
      guardrails,
      principalTags,
    };
    const input = policySetInput(effective);
    return {
      effective,
      principal,
      known: ref.kind === 'root' || principal !== null,
      input,
      compiled: compilePolicySet(input),
    };
  }
}

const ROOT_POLICY = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }],
});
const EMPTY_POLICY = JSON.stringify({ Version: '2012-10-17', Statement: [] });

function managedDocument(row: AttachedPolicyRow): string | null {
  return row.document ?? awsManagedPolicyByArn(row.policyArn)?.document ?? null;
}

function toInput(doc: EffectivePolicyDocument): PolicyInput {
  return { id: doc.id, document: parseDocument(doc.document) };
}

/** The engine's input for a set of effective policies (a resource in the principal's own account). */
export function policySetInput(effective: EffectivePolicies): PolicySetInput {
  return {
    identityPolicies: effective.identityPolicies.map(toInput),
    permissionsBoundary: effective.permissionsBoundary
      ? toInput(effective.permissionsBoundary)
      : null,
    guardrails: effective.guardrails.map(toInput),
    resourceAccount: effective.accountId,
  };
}
