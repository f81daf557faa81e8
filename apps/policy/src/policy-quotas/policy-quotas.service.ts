import type { CallerContext } from '@iam/common';
import { AccessDeniedError, InvalidInputError, accountRootArn, revisionToken } from '@iam/common';
import { targetAccount } from '@iam/authorization';
import { policyServiceEvent } from '@iam/event-contracts';
import type { PolicyStoreDeps } from '../managed-policies/store.js';
import { eventMeta } from '../managed-policies/store.js';
import type { PolicyQuotaOverrides } from './policy-quota.repository.js';
import {
  DEFAULT_MAX_CUSTOMER_MANAGED_POLICIES,
  DEFAULT_MAX_MANAGED_POLICIES_PER_PRINCIPAL,
} from './policy-quota.repository.js';

/** The suite's action for setting an account's policy quotas (the platform administrator's alone). */
export const UPDATE_POLICY_QUOTAS_ACTION = 'iam:UpdateAccountPolicyQuotas';

/** An account's policy quotas in effect. */
export interface PolicyQuotasView {
  readonly accountId: string;
  readonly maxManagedPoliciesPerPrincipal: number;
  readonly maxCustomerManagedPolicies: number;
}

function checkRange(name: string, value: number | null, max: number): number | null {
  if (value !== null && (!Number.isInteger(value) || value < 1 || value > max)) {
    throw new InvalidInputError(`${name} must be an integer from 1 to ${max}`, { [name]: value });
  }
  return value;
}

/** Per-account policy quotas (AWS: adjustable through Service Quotas; here by the platform administrator). */
export class PolicyQuotasService {
  constructor(private readonly deps: PolicyStoreDeps) {}

  /** Sets an account's quotas (`null`: AWS's default). Platform administrator only. */
  async updateAccountPolicyQuotas(
    caller: CallerContext,
    input: { accountId?: string | null } & Partial<PolicyQuotaOverrides>,
  ): Promise<PolicyQuotasView & { revisionToken: string }> {
    const accountId = targetAccount(caller, input.accountId, UPDATE_POLICY_QUOTAS_ACTION);
    const resource = accountRootArn(accountId, this.deps.partition);
    if (caller.principalType !== 'platform-admin') {
      throw new AccessDeniedError(UPDATE_POLICY_QUOTAS_ACTION, resource);
    }
    await this.deps.authorizer.require(caller, UPDATE_POLICY_QUOTAS_ACTION, resource, accountId);
    const quotas: PolicyQuotaOverrides = {
      // AWS: at most 20 managed policies per entity, 5,000 customer managed policies per account.
      maxManagedPoliciesPerPrincipal: checkRange(
        'maxManagedPoliciesPerPrincipal',
        input.maxManagedPoliciesPerPrincipal ?? null,
        20,
      ),
      maxCustomerManagedPolicies: checkRange(
        'maxCustomerManagedPolicies',
        input.maxCustomerManagedPolicies ?? null,
        5000,
      ),
    };
    const now = this.deps.now();
    return this.deps.tenantTx.run(accountId, async (tx) => {
      await this.deps.quotas.set(tx, accountId, quotas);
      const revision = await this.deps.revisions.bump(tx, accountId);
      await this.deps.outbox.append(
        tx,
        policyServiceEvent(
          'policy-quotas.updated.v1',
          'policy',
          accountId,
          eventMeta(caller, now),
          {
            accountId,
            revision: revision.toString(),
            ...quotas,
          },
        ),
      );
      return {
        accountId,
        maxManagedPoliciesPerPrincipal:
          quotas.maxManagedPoliciesPerPrincipal ?? DEFAULT_MAX_MANAGED_POLICIES_PER_PRINCIPAL,
        maxCustomerManagedPolicies:
          quotas.maxCustomerManagedPolicies ?? DEFAULT_MAX_CUSTOMER_MANAGED_POLICIES,
        revisionToken: revisionToken(accountId, revision),
      };
    });
  }
}
