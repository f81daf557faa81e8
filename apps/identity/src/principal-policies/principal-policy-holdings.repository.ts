import type { EntityManager } from 'typeorm';

/** The kinds of principal that hold policies. */
export type PolicyHolderKind = 'user' | 'group' | 'role';

/** What a principal holds after a change of its policies (from `principal-policies.changed.v1`). */
export interface PolicyHoldings {
  readonly accountId: string;
  readonly principalId: string;
  readonly principalKind: PolicyHolderKind;
  readonly inlinePolicyCount: number;
  readonly attachedPolicyCount: number;
  readonly revision: bigint;
  readonly updatedAt: Date;
}

/** The principal tables, by kind, and their id column (fixed strings, never input). */
const PRINCIPAL_TABLES: Readonly<Record<PolicyHolderKind, { table: string; id: string }>> = {
  user: { table: 'identity.users', id: 'user_id' },
  group: { table: 'identity.groups', id: 'group_id' },
  role: { table: 'identity.roles', id: 'role_id' },
};

/**
 * Queries on identity.principal_policy_holdings. Always filters by account as well as relying on row-level
 * security.
 */
export class PrincipalPolicyHoldingsRepository {
  /**
   * Whether the principal exists, holding a key-share lock on its row until the transaction ends: a concurrent
   * delete (which locks the row for update) either commits first (then the principal is gone) or waits for this
   * change and sees it.
   */
  async lockExisting(
    tx: EntityManager,
    accountId: string,
    kind: PolicyHolderKind,
    principalId: string,
  ): Promise<boolean> {
    const { table, id } = PRINCIPAL_TABLES[kind];
    const rows = await tx.query<unknown[]>(
      `SELECT 1 FROM ${table} WHERE account_id = $1 AND ${id} = $2 FOR KEY SHARE`,
      [accountId, principalId],
    );
    return rows.length > 0;
  }

  /** Stores `holdings` unless a change of a later (or the same) revision is already stored; answers whether it did. */
  async apply(tx: EntityManager, holdings: PolicyHoldings): Promise<boolean> {
    const rows = await tx.query<unknown[]>(
      `INSERT INTO identity.principal_policy_holdings AS h
         (principal_id, account_id, principal_kind, inline_policy_count, attached_policy_count, revision, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (principal_id) DO UPDATE SET
         inline_policy_count = EXCLUDED.inline_policy_count,
         attached_policy_count = EXCLUDED.attached_policy_count,
         revision = EXCLUDED.revision,
         updated_at = EXCLUDED.updated_at
       WHERE h.account_id = EXCLUDED.account_id AND h.revision < EXCLUDED.revision
       RETURNING principal_id`,
      [
        holdings.principalId,
        holdings.accountId,
        holdings.principalKind,
        holdings.inlinePolicyCount,
        holdings.attachedPolicyCount,
        holdings.revision.toString(),
        holdings.updatedAt,
      ],
    );
    return rows.length > 0;
  }

  /** The principal's counts (zero when the policy service never told of any). */
  async counts(
    tx: EntityManager,
    accountId: string,
    principalId: string,
  ): Promise<{ inline: number; attached: number }> {
    const rows = await tx.query<{ inline_policy_count: number; attached_policy_count: number }[]>(
      `SELECT inline_policy_count, attached_policy_count FROM identity.principal_policy_holdings
       WHERE account_id = $1 AND principal_id = $2`,
      [accountId, principalId],
    );
    const row = rows[0];
    return { inline: row?.inline_policy_count ?? 0, attached: row?.attached_policy_count ?? 0 };
  }

  /** Forgets a deleted principal's row. */
  async forget(tx: EntityManager, accountId: string, principalId: string): Promise<void> {
    await tx.query(
      `DELETE FROM identity.principal_policy_holdings WHERE account_id = $1 AND principal_id = $2`,
      [accountId, principalId],
    );
  }
}
