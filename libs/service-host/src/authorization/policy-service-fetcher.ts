import type { EffectivePolicies, EffectivePoliciesFetcher } from '@iam/authorization';
import { CONSISTENCY_HEADER, EFFECTIVE_POLICIES_PATH } from '@iam/authorization';
import { ServiceUnavailableError } from '@iam/common';
import { CALLER_HEADER } from '@iam/service-kit';

/** How long the authorizer waits for the policy service (a consistency wait included) before failing closed. */
export const DEFAULT_POLICY_FETCH_TIMEOUT_MS = 5_000;

/**
 * The I/O half of `PolicyServiceSource`: `GET <baseUrl>/internal/effective-policies` with the caller's token
 * (`x-iam-caller`) and, when the request carries one, its consistency token (`x-iam-consistency`). Any answer but a
 * well-formed 200 rejects; the source turns that into `ServiceUnavailable` (fail closed).
 * SECURITY: neither the token nor the answer is logged.
 */
export function httpEffectivePoliciesFetcher(
  baseUrl: string,
  timeoutMs = DEFAULT_POLICY_FETCH_TIMEOUT_MS,
): EffectivePoliciesFetcher {
  const url = new URL(EFFECTIVE_POLICIES_PATH, baseUrl).toString();
  return async ({ callerToken, consistencyToken }) => {
    const headers: Record<string, string> = {
      accept: 'application/json',
      [CALLER_HEADER]: callerToken,
    };
    if (consistencyToken !== null) headers[CONSISTENCY_HEADER] = consistencyToken;
    const response = await fetch(url, { headers, signal: AbortSignal.timeout(timeoutMs) });
    if (response.status === 503) {
      await response.body?.cancel();
      throw new ServiceUnavailableError(
        'the policy service could not answer in time (its view may not include the consistency token yet); retry',
      );
    }
    if (response.status !== 200) {
      await response.body?.cancel();
      throw new Error(`the policy service answered ${response.status}`);
    }
    const body: unknown = await response.json();
    if (!isEffectivePolicies(body))
      throw new Error('the policy service answered an unexpected body');
    return body;
  };
}

function isDocument(value: unknown): boolean {
  const v = value as { id?: unknown; document?: unknown } | null;
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof v.id === 'string' &&
    typeof v.document === 'string'
  );
}

function isEffectivePolicies(value: unknown): value is EffectivePolicies {
  const v = value as Partial<Record<keyof EffectivePolicies, unknown>> | null;
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof v.accountId === 'string' &&
    typeof v.principalArn === 'string' &&
    (v.principalId === null || typeof v.principalId === 'string') &&
    typeof v.revision === 'string' &&
    /^(0|[1-9][0-9]{0,18})$/.test(v.revision) &&
    Array.isArray(v.identityPolicies) &&
    v.identityPolicies.every(isDocument) &&
    (v.permissionsBoundary === null || isDocument(v.permissionsBoundary)) &&
    Array.isArray(v.guardrails) &&
    v.guardrails.every(isDocument) &&
    typeof v.principalTags === 'object' &&
    v.principalTags !== null &&
    Object.values(v.principalTags).every((t) => typeof t === 'string')
  );
}
