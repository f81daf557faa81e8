import type { AccountId, CallerContext, RevisionToken } from '@iam/common';
import {
  CONSISTENCY_TOKEN_CONTEXT_KEY,
  DomainError,
  ServiceUnavailableError,
  parseRevisionToken,
} from '@iam/common';
import type { CompiledPolicySet, ContextValue, PolicyInput } from '@iam/policy-engine';
import { compilePolicySet } from '@iam/policy-engine';
import type { EffectivePolicySource, PrincipalPolicies, SourcedPolicies } from './authorizer.js';
import { LocalAdministratorPolicies } from './authorizer.js';
import { callerTokenOf } from './caller-token.js';
import type { EffectivePolicies, EffectivePolicyDocument } from './effective-policies-contract.js';

/** One request to the policy service's `GET /internal/effective-policies`. */
export interface EffectivePoliciesRequest {
  /** The gateway-signed caller token the asking service received (`x-iam-caller`). SECURITY: never log it. */
  readonly callerToken: string;
  /** The revision token to be at least as fresh as (`x-iam-consistency`), or null. */
  readonly consistencyToken: string | null;
}

/**
 * Asks the policy service (the I/O half, built by the service host). Rejects when the answer is not a 200 with
 * {@link EffectivePolicies}; the source turns any rejection into a retryable `ServiceUnavailable`.
 */
export type EffectivePoliciesFetcher = (
  request: EffectivePoliciesRequest,
) => Promise<EffectivePolicies>;

export interface PolicyServiceSourceOptions {
  readonly fetch: EffectivePoliciesFetcher;
  /** A monotonic clock in milliseconds (max age of entries). */
  readonly now: () => number;
  /** At most this many compiled sets are kept (least recently used evicted). Default 10,000. */
  readonly maxEntries?: number;
  /**
   * A cached set older than this is fetched again (safety net should an invalidation event be lost; it bounds the
   * staleness of a decision made without a consistency token). Default 30 s.
   */
  readonly maxAgeMs?: number;
}

/** Counters for tests and the bench. */
export interface PolicyCacheMetrics {
  hits: number;
  misses: number;
  /** Cache entries dropped by {@link PolicyServiceSource.invalidateAccount}. */
  invalidations: number;
  /** Requests that skipped the cache because of a newer revision token or an event token. */
  bypasses: number;
  /** Misses that joined a fetch already in flight for the same key. */
  coalesced: number;
  fetchFailures: number;
  evictions: number;
}

export const DEFAULT_POLICY_CACHE_MAX_ENTRIES = 10_000;
export const DEFAULT_POLICY_CACHE_MAX_AGE_MS = 30_000;

interface Entry {
  readonly key: string;
  readonly callerAccount: string;
  readonly sourced: PrincipalPolicies;
  readonly revision: bigint;
  /** When it must be fetched again (`now()` scale). */
  readonly expiresAt: number;
}

/**
 * The effective-policy source of every service except the policy service: the caller's effective policies from
 * the policy service (`GET /internal/effective-policies`, forwarding the caller's gateway-signed token), compiled
 * once and kept in a bounded LRU cache keyed by (caller principal ARN, resource account).
 *
 * Freshness:
 * - an event on a permission topic drops every entry of its account ({@link invalidateAccount}, fed by the host's
 *   Kafka subscription); an entry older than `maxAgeMs` is refetched (bound when an event is lost);
 * - a request carrying a consistency token (`CONSISTENCY_TOKEN_CONTEXT_KEY`) of kind `revision` newer than the
 *   cached entry's revision, or of kind `event` (whose revision is unknown here), skips the cache, asks the policy
 *   service with the token (which answers only once its view includes it) and refreshes the entry.
 *
 * Fails closed: any failure to get an answer is a retryable `ServiceUnavailable`, never an allow. The platform
 * administrator's policy is local (it acts in no account): no fetch.
 */
export class PolicyServiceSource implements EffectivePolicySource {
  readonly metrics: PolicyCacheMetrics = {
    hits: 0,
    misses: 0,
    invalidations: 0,
    bypasses: 0,
    coalesced: 0,
    fetchFailures: 0,
    evictions: 0,
  };
  private readonly maxEntries: number;
  private readonly maxAgeMs: number;
  private readonly administrator = new LocalAdministratorPolicies();
  /** Insertion order is recency order: a hit moves its entry to the end. */
  private readonly entries = new Map<string, Entry>();
  private readonly inFlight = new Map<string, Promise<Entry>>();
  /** Per account, bumped by every invalidation: a fetch that started before one does not fill the cache. */
  private readonly generations = new Map<string, number>();
  /** Per account, until when a fetched set may predate an applied event (see {@link invalidateAccount}). */
  private readonly unsettled = new Map<string, number>();

  constructor(private readonly options: PolicyServiceSourceOptions) {
    this.maxEntries = options.maxEntries ?? DEFAULT_POLICY_CACHE_MAX_ENTRIES;
    this.maxAgeMs = options.maxAgeMs ?? DEFAULT_POLICY_CACHE_MAX_AGE_MS;
    if (!Number.isInteger(this.maxEntries) || this.maxEntries < 1) {
      throw new RangeError('maxEntries must be a positive integer');
    }
  }

  /** How many compiled sets are cached. */
  get size(): number {
    return this.entries.size;
  }

  async policiesFor(
    caller: CallerContext,
    resourceAccount: AccountId | undefined,
  ): Promise<SourcedPolicies> {
    if (caller.principalType === 'platform-admin') return this.administrator.for(resourceAccount);
    const callerAccount = caller.accountId;
    if (callerAccount === null) throw new ServiceUnavailableError('the caller acts in no account');
    const key = `${caller.principalArn}\n${resourceAccount ?? ''}`;
    const consistency = consistencyOf(caller);
    const cached = this.entries.get(key);
    const fresh =
      cached !== undefined && this.options.now() < cached.expiresAt ? cached : undefined;
    if (fresh !== undefined && !needsNewer(fresh, consistency?.token)) {
      this.metrics.hits++;
      this.entries.delete(key);
      this.entries.set(key, fresh);
      return fresh.sourced;
    }
    if (fresh !== undefined) this.metrics.bypasses++;
    else this.metrics.misses++;
    // Requests with the same key and the same token share one fetch.
    const flightKey = `${key}\n${consistency?.raw ?? ''}`;
    let flight = this.inFlight.get(flightKey);
    if (flight === undefined) {
      flight = this.fetch(caller, callerAccount, key, resourceAccount, consistency?.raw ?? null);
      this.inFlight.set(flightKey, flight);
      const clear = () => this.inFlight.delete(flightKey);
      flight.then(clear, clear);
    } else {
      this.metrics.coalesced++;
    }
    return (await flight).sourced;
  }

  /**
   * Drops every cached set of `accountId` (its principals', and those asked for its resources). `settleMs`: for a
   * change the policy service learns from the same event (identity's group memberships, tags, deletions), it may
   * answer from a view without it for a moment; sets fetched for the account within `settleMs` are kept only until
   * then, so such a race costs at most `settleMs` of staleness, not `maxAgeMs`.
   */
  invalidateAccount(accountId: string, settleMs = 0): void {
    this.generations.set(accountId, (this.generations.get(accountId) ?? 0) + 1);
    if (settleMs > 0) {
      const until = this.options.now() + settleMs;
      if ((this.unsettled.get(accountId) ?? 0) < until) this.unsettled.set(accountId, until);
    }
    for (const [key, entry] of this.entries) {
      if (entry.callerAccount === accountId || key.endsWith(`\n${accountId}`)) {
        this.entries.delete(key);
        this.metrics.invalidations++;
      }
    }
  }

  /** Drops everything (tests, and a subscription that lost its position). */
  clear(): void {
    for (const account of new Set([...this.entries.values()].map((e) => e.callerAccount))) {
      this.generations.set(account, (this.generations.get(account) ?? 0) + 1);
    }
    this.entries.clear();
  }

  private async fetch(
    caller: CallerContext,
    callerAccount: string,
    key: string,
    resourceAccount: AccountId | undefined,
    consistencyToken: string | null,
  ): Promise<Entry> {
    const callerToken = callerTokenOf(caller);
    if (callerToken === undefined) {
      // A caller not verified by the caller-token middleware: nothing to forward, so nothing to decide on.
      throw new ServiceUnavailableError('no caller token to ask the policy service with');
    }
    const generation = this.generations.get(callerAccount) ?? 0;
    const fetchedAt = this.options.now();
    let answer: EffectivePolicies;
    try {
      answer = await this.options.fetch({ callerToken, consistencyToken });
    } catch (error) {
      this.metrics.fetchFailures++;
      // SECURITY: fail closed. A domain error from the fetcher (a consistency timeout) keeps its code.
      if (error instanceof DomainError) throw error;
      throw new ServiceUnavailableError('the policy service did not answer; retry');
    }
    if (answer.principalArn !== caller.principalArn || answer.accountId !== callerAccount) {
      this.metrics.fetchFailures++;
      throw new ServiceUnavailableError('the policy service answered for another principal');
    }
    let entry: Entry;
    try {
      entry = {
        key,
        callerAccount,
        sourced: {
          policies: compileAnswer(answer, resourceAccount),
          principalContext: principalContextOf(answer),
        },
        revision: BigInt(answer.revision),
        expiresAt: this.expiryOf(callerAccount, fetchedAt),
      };
    } catch {
      this.metrics.fetchFailures++;
      throw new ServiceUnavailableError('the policy service answered something unreadable');
    }
    // An invalidation that arrived while the fetch was in flight may concern a change the answer predates.
    if ((this.generations.get(callerAccount) ?? 0) === generation) this.store(entry);
    return entry;
  }

  private expiryOf(callerAccount: string, fetchedAt: number): number {
    const unsettled = this.unsettled.get(callerAccount);
    if (unsettled === undefined) return fetchedAt + this.maxAgeMs;
    if (unsettled <= fetchedAt) {
      this.unsettled.delete(callerAccount);
      return fetchedAt + this.maxAgeMs;
    }
    return Math.min(unsettled, fetchedAt + this.maxAgeMs);
  }

  private store(entry: Entry): void {
    const existing = this.entries.get(entry.key);
    // Never replace a newer view with an older one (two fetches racing).
    if (existing !== undefined && existing.revision > entry.revision) return;
    this.entries.delete(entry.key);
    this.entries.set(entry.key, entry);
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value as string;
      this.entries.delete(oldest);
      this.metrics.evictions++;
    }
  }
}

/** The request's consistency token (set by the gateway from `X-Iam-Consistency`), parsed. */
function consistencyOf(caller: CallerContext): { raw: string; token: RevisionToken } | undefined {
  const raw = caller.context[CONSISTENCY_TOKEN_CONTEXT_KEY];
  if (typeof raw !== 'string') return undefined;
  return { raw, token: parseRevisionToken(raw) };
}

/** Whether `token` asks for a view the cached entry may not include. */
function needsNewer(entry: Entry, token: RevisionToken | undefined): boolean {
  if (token === undefined) return false;
  if (token.kind === 'event') return true;
  // A token of another account says nothing about this one.
  return token.accountId === entry.callerAccount && token.revision > entry.revision;
}

function policyInput(document: EffectivePolicyDocument): PolicyInput {
  return { id: document.id, document: JSON.parse(document.document) as unknown };
}

function compileAnswer(
  answer: EffectivePolicies,
  resourceAccount: AccountId | undefined,
): CompiledPolicySet {
  return compilePolicySet({
    identityPolicies: answer.identityPolicies.map(policyInput),
    permissionsBoundary:
      answer.permissionsBoundary === null ? null : policyInput(answer.permissionsBoundary),
    guardrails: answer.guardrails.map(policyInput),
    ...(resourceAccount === undefined ? {} : { resourceAccount }),
  });
}

/** `aws:PrincipalTag/<key>` and `aws:userid` (AWS: the unique id for an IAM user; the account id for the root). */
export function principalContextOf(answer: EffectivePolicies): Record<string, ContextValue> {
  const context: Record<string, ContextValue> = {
    'aws:userid': answer.principalId ?? answer.accountId,
  };
  for (const [key, value] of Object.entries(answer.principalTags)) {
    context[`aws:PrincipalTag/${key}`] = value;
  }
  return context;
}
