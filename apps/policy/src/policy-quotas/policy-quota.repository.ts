import type { EntityManager } from 'typeorm';

// AWS: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html
//   "Managed policies attached to an IAM user / group / role: 10" (adjustable up to 20);
//   "Customer managed policies in an AWS account: 1,500" (adjustable up to 5,000).

/** AWS's default number of managed policies attached to one user, group or role. */
export const DEFAULT_MAX_MANAGED_POLICIES_PER_PRINCIPAL = 10;
/** AWS's default number of customer managed policies in an account. */
export const DEFAULT_MAX_CUSTOMER_MANAGED_POLICIES = 1500;

/** An account's policy quotas (`null`: AWS's default). */
export interface PolicyQuotaOverrides {
  readonly maxManagedPoliciesPerPrincipal: number | null;
  readonly maxCustomerManagedPolicies: number | null;
}

/** The per-account quota overrides of `policy.account_settings`. */
export class PolicyQuotaRepository {
  async overrides(tx: EntityManager, accountId: string): Promise<PolicyQuotaOverrides> {
    const rows = await tx.query<{ a: number | null; c: number | null }[]>(
      `SELECT max_managed_policies_per_principal AS a, max_customer_managed_policies AS c
       FROM policy.account_settings WHERE account_id = $1`,
      [accountId],
    );
    const row = rows[0];
    return {
      maxManagedPoliciesPerPrincipal: row?.a ?? null,
      maxCustomerManagedPolicies: row?.c ?? null,
    };
  }

  async maxManagedPoliciesPerPrincipal(tx: EntityManager, accountId: string): Promise<number> {
    return (
      (await this.overrides(tx, accountId)).maxManagedPoliciesPerPrincipal ??
      DEFAULT_MAX_MANAGED_POLICIES_PER_PRINCIPAL
    );
  }

  async maxCustomerManagedPolicies(tx: EntityManager, accountId: string): Promise<number> {
    return (
      (await this.overrides(tx, accountId)).maxCustomerManagedPolicies ??
      DEFAULT_MAX_CUSTOMER_MANAGED_POLICIES
    );
  }

  /** Sets both overrides (creating the account's settings row). */
  async set(tx: EntityManager, accountId: string, quotas: PolicyQuotaOverrides): Promise<void> {
    await tx.query(
      `INSERT INTO policy.account_settings (account_id, max_managed_policies_per_principal,
         max_customer_managed_policies) VALUES ($1, $2, $3)
       ON CONFLICT (account_id) DO UPDATE SET max_managed_policies_per_principal = $2,
         max_customer_managed_policies = $3`,
      [accountId, quotas.maxManagedPoliciesPerPrincipal, quotas.maxCustomerManagedPolicies],
    );
  }
}
