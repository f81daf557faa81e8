import type { AccountId, CallerContext } from '@iam/common';
import { principalPoliciesChanged } from '@iam/event-contracts';
import type { EntityManager } from 'typeorm';
import type { KnownPrincipal } from '../principals/principal-directory.repository.js';
import type { PolicyStoreDeps } from '../managed-policies/store.js';
import { commitChange, eventMeta } from '../managed-policies/store.js';
import type { PrincipalPoliciesRepository } from './principal-policies.repository.js';

/** What changed in a principal's policies (the AWS action, the policy named, the inline document put). */
export interface PrincipalPolicyChange {
  readonly change: string;
  readonly policy: string | null;
  readonly policyDocument: string | null;
}

/**
 * Ends a change of a principal's inline policies, attachments or boundary: bumps the account's revision and
 * appends `principal-policies.changed.v1` with what the principal holds after the change; returns the token.
 */
export async function commitPrincipalChange(
  deps: PolicyStoreDeps,
  held: PrincipalPoliciesRepository,
  tx: EntityManager,
  principal: KnownPrincipal,
  change: PrincipalPolicyChange,
  caller: CallerContext,
  at: Date,
): Promise<string> {
  const inline = await held.inlinePolicies(tx, principal.principalId);
  const attached = await held.attachedArns(tx, principal.principalId);
  const boundary = await held.boundary(tx, principal.principalId);
  return commitChange(deps, tx, principal.accountId as AccountId, (revision) =>
    principalPoliciesChanged(eventMeta(caller, at), {
      accountId: principal.accountId,
      principalId: principal.principalId,
      principalKind: principal.kind,
      principalName: principal.name,
      principalArn: principal.arn,
      ...change,
      inlinePolicyCount: inline.length,
      attachedPolicyCount: attached.length,
      permissionsBoundaryArn: boundary,
      revision,
    }),
  );
}
