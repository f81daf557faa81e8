import type { EventEnvelope } from '../envelope.js';
import type { EventMeta } from './identity-envelope.js';

/**
 * Events of the policy service, on `iam.policy.<aggregateType>`. Documents travel in payloads (a policy is not a
 * secret); every payload carries the account's permission `revision` after the change (decimal), so a consumer can
 * tell which revision its view reached.
 */

/** What a principal holds after a change of its inline policies, attachments or boundary (`principal-policies`). */
export interface PrincipalPoliciesPayload {
  readonly accountId: string;
  readonly principalId: string;
  readonly principalKind: 'user' | 'group' | 'role';
  readonly principalName: string;
  readonly principalArn: string;
  /** The change: `PutUserPolicy`, `AttachRolePolicy`, `DeleteUserPermissionsBoundary`, ... (AWS action name). */
  readonly change: string;
  /** The inline policy or managed policy ARN the change is about (`null` for a boundary removal). */
  readonly policy: string | null;
  /** The inline policy document put (`PutUserPolicy`...), else null. */
  readonly policyDocument: string | null;
  /** Counts after the change: identity refuses to delete a principal that still holds policies. */
  readonly inlinePolicyCount: number;
  readonly attachedPolicyCount: number;
  readonly permissionsBoundaryArn: string | null;
  readonly revision: string;
}

/** `principal-policies.changed.v1` (aggregate: the principal id, so one principal's changes stay ordered). */
export type PrincipalPoliciesEvent = EventEnvelope<
  'principal-policies.changed.v1',
  PrincipalPoliciesPayload
>;

/** Builds a principal-policies event. Pure: the caller supplies the event id and time. */
export function principalPoliciesChanged(
  meta: EventMeta,
  payload: PrincipalPoliciesPayload,
): PrincipalPoliciesEvent {
  return {
    specVersion: 1,
    id: meta.id,
    type: 'principal-policies.changed.v1',
    source: 'policy',
    accountId: payload.accountId,
    aggregateType: 'principal-policies',
    aggregateId: payload.principalId,
    occurredAt: meta.occurredAt,
    actor: meta.actor,
    payload,
  };
}

/**
 * Builds any other policy-service event (managed policies `policy.*`, guardrails `guardrail.*`, registered services
 * `registered-service.*`), keyed by `aggregateId`.
 */
export function policyServiceEvent<TType extends string, TPayload extends PolicyServicePayload>(
  type: TType,
  aggregateType: string,
  aggregateId: string,
  meta: EventMeta,
  payload: TPayload,
): EventEnvelope<TType, TPayload> {
  return {
    specVersion: 1,
    id: meta.id,
    type,
    source: 'policy',
    accountId: payload.accountId,
    aggregateType,
    aggregateId,
    occurredAt: meta.occurredAt,
    actor: meta.actor,
    payload,
  };
}

/** What every policy-service payload carries. */
export interface PolicyServicePayload {
  readonly accountId: string;
  readonly revision: string;
}

/**
 * The topics whose events may change someone's effective permissions: caches of compiled policy sets (every
 * service's authorizer) drop the event's account when one arrives.
 */
export const PERMISSION_TOPICS = [
  'iam.policy.policy',
  'iam.policy.principal-policies',
  'iam.policy.guardrail',
  'iam.identity.account',
  'iam.identity.user',
  'iam.identity.group',
  'iam.identity.role',
] as const;
