import type { EntityManager } from 'typeorm';
import { AccountQuotaEntity } from './account-quota.entity.js';
import type { PrincipalKind } from './iam-rules.js';

const TABLE: Record<PrincipalKind, string> = {
  user: 'identity.users',
  group: 'identity.groups',
  role: 'identity.roles',
};

/** The principal counts of an account (AWS GetAccountSummary). */
export interface PrincipalCounts {
  readonly users: number;
  readonly groups: number;
  readonly roles: number;
}

/**
 * Queries on identity.account_quotas, and the account row and principal counts the quotas are checked against.
 * Always filters by account as well as relying on row-level security.
 */
export class AccountQuotaRepository {
  /** Whether the account exists (only the platform administrator can name one that does not). */
  async accountExists(tx: EntityManager, accountId: string): Promise<boolean> {
    const rows = await tx.query<unknown[]>(
      `SELECT 1 FROM identity.accounts WHERE account_id = $1`,
      [accountId],
    );
    return rows.length > 0;
  }

  /**
   * Locks the account row for the rest of the transaction, so that concurrent creations in one account serialise;
   * answers its alias, or `null` when there is no such account.
   */
  async lockAccount(
    tx: EntityManager,
    accountId: string,
  ): Promise<{ readonly alias: string | null } | null> {
    const rows = await tx.query<{ alias: string | null }[]>(
      `SELECT alias FROM identity.accounts WHERE account_id = $1 FOR UPDATE`,
      [accountId],
    );
    return rows[0] ?? null;
  }

  /** The account's overrides; `null` when it has none (every quota is the default). */
  overrides(tx: EntityManager, accountId: string): Promise<AccountQuotaEntity | null> {
    return tx.findOne(AccountQuotaEntity, { where: { accountId } });
  }

  async save(tx: EntityManager, quotas: AccountQuotaEntity): Promise<void> {
    await tx.save(AccountQuotaEntity, quotas);
  }

  async count(tx: EntityManager, accountId: string, kind: PrincipalKind): Promise<number> {
    const rows = await tx.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM ${TABLE[kind]} WHERE account_id = $1`,
      [accountId],
    );
    return rows[0]?.n ?? 0;
  }

  async counts(tx: EntityManager, accountId: string): Promise<PrincipalCounts> {
    const [counts] = await tx.query<PrincipalCounts[]>(
      `SELECT (SELECT count(*) FROM identity.users WHERE account_id = $1)::int AS users,
              (SELECT count(*) FROM identity.groups WHERE account_id = $1)::int AS groups,
              (SELECT count(*) FROM identity.roles WHERE account_id = $1)::int AS roles`,
      [accountId],
    );
    return { users: counts?.users ?? 0, groups: counts?.groups ?? 0, roles: counts?.roles ?? 0 };
  }
}
