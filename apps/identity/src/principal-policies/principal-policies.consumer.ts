import type { EventEnvelope, PrincipalPoliciesPayload } from '@iam/event-contracts';
import { topicFor } from '@iam/event-contracts';
import type { EntityManager } from 'typeorm';
import type { PolicyHolderKind } from './principal-policy-holdings.repository.js';
import { PrincipalPolicyHoldingsRepository } from './principal-policy-holdings.repository.js';

/** The consumer group of identity's principal-policies consumer. */
export const PRINCIPAL_POLICIES_CONSUMER_GROUP = 'iam-identity-principal-policies';

/** Where the policy service publishes `principal-policies.changed.v1` (keyed by principal id). */
export const PRINCIPAL_POLICIES_TOPIC = topicFor('policy', 'principal-policies');

const KINDS: ReadonlySet<string> = new Set<PolicyHolderKind>(['user', 'group', 'role']);
const REVISION = /^(0|[1-9][0-9]{0,18})$/;

/** What the consumer did with one event. */
export type PrincipalPoliciesOutcome = 'applied' | 'stale' | 'unknown-principal' | 'ignored';

/** Where the consumer reports an event it cannot use (no payload content: counts and ids only). */
export interface ConsumerLog {
  warn(message: string, fields?: Record<string, unknown>): void;
}

const holdings = new PrincipalPolicyHoldingsRepository();

/**
 * Applies a `principal-policies.changed.v1` in the idempotent consumer's transaction (scoped to the event's
 * account): stores the principal's counts after the change, unless a later revision is already stored or the
 * principal no longer exists here (deleted: the policy service is cleaning up after `user.deleted.v1`). An event
 * that is not one (another type, a malformed payload, another account's principal) is logged and skipped: it must
 * not block its partition.
 */
export async function applyPrincipalPolicies(
  tx: EntityManager,
  envelope: EventEnvelope,
  log: ConsumerLog,
): Promise<PrincipalPoliciesOutcome> {
  if (envelope.type !== 'principal-policies.changed.v1') return 'ignored';
  const payload = readPayload(envelope.payload);
  if (payload === null || payload.accountId !== envelope.accountId) {
    log.warn('skipped a malformed principal-policies event', {
      eventId: envelope.id,
      accountId: envelope.accountId,
    });
    return 'ignored';
  }
  const kind = payload.principalKind;
  if (!(await holdings.lockExisting(tx, payload.accountId, kind, payload.principalId))) {
    return 'unknown-principal';
  }
  const applied = await holdings.apply(tx, {
    accountId: payload.accountId,
    principalId: payload.principalId,
    principalKind: kind,
    inlinePolicyCount: payload.inlinePolicyCount,
    attachedPolicyCount: payload.attachedPolicyCount,
    revision: BigInt(payload.revision),
    updatedAt: new Date(envelope.occurredAt),
  });
  return applied ? 'applied' : 'stale';
}

/** The fields identity uses, checked; null when any is missing or out of range. */
function readPayload(value: unknown): PrincipalPoliciesPayload | null {
  if (typeof value !== 'object' || value === null) return null;
  const p = value as Record<string, unknown>;
  const count = (n: unknown) => typeof n === 'number' && Number.isSafeInteger(n) && n >= 0;
  const ok =
    typeof p['accountId'] === 'string' &&
    typeof p['principalId'] === 'string' &&
    p['principalId'].length > 0 &&
    p['principalId'].length <= 128 &&
    typeof p['principalKind'] === 'string' &&
    KINDS.has(p['principalKind']) &&
    count(p['inlinePolicyCount']) &&
    count(p['attachedPolicyCount']) &&
    typeof p['revision'] === 'string' &&
    REVISION.test(p['revision']);
  return ok ? (value as PrincipalPoliciesPayload) : null;
}
