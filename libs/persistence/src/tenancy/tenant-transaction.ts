import type { DataSource, EntityManager } from 'typeorm';
import type { AccountId } from '@iam/common';

/** What the scoping statements need of a transaction: TypeORM's `EntityManager` and `QueryRunner` both fit. */
export interface TransactionQueries {
  query(sql: string, parameters?: unknown[]): Promise<unknown>;
}

/**
 * The SQL expression that marks the current transaction as platform work, which every tenant table's policy lets
 * see all accounts' rows. Select it alone ({@link scopeToPlatform}) or beside another expression of the
 * transaction's first statement (the outbox relay takes its batch lock in the same round trip).
 *
 * SECURITY: transaction-local (`set_config(..., true)`), so it cannot leak to the next user of a pooled connection.
 */
export const PLATFORM_SCOPE_SQL = `set_config('app.platform', 'on', true)`;

/**
 * Scopes the current transaction to one account: sets the transaction-local `app.account_id` that every row-level
 * security policy reads, and turns the platform flag off (a no-op unless platform work ran first in the same
 * transaction). Use cases scope through `TenantTransaction.run`, which takes a checked `AccountId`; this is the
 * statement it runs, shared with the event consumers (whose envelope's account id was checked when parsed).
 *
 * SECURITY: transaction-local, as {@link PLATFORM_SCOPE_SQL}; a transaction never scoped reads back '' and matches
 * no row (the policies use NULLIF), so forgetting to scope fails closed.
 */
export async function scopeToAccount(tx: TransactionQueries, accountId: string): Promise<void> {
  await tx.query(
    `SELECT set_config('app.platform', '', true), set_config('app.account_id', $1, true)`,
    [accountId],
  );
}

/** Marks the current transaction as platform work (see {@link PLATFORM_SCOPE_SQL}). */
export async function scopeToPlatform(tx: TransactionQueries): Promise<void> {
  await tx.query(`SELECT ${PLATFORM_SCOPE_SQL}`);
}

/**
 * Runs work in a transaction scoped to one account. The first statement sets the transaction-local
 * `app.account_id`, which every row-level security policy reads.
 *
 * SECURITY: the setting is transaction-local ({@link scopeToAccount}), so it cannot leak to the next user of a
 * pooled connection; a missing setting reads back as '' and matches no row (policies use NULLIF), so forgetting
 * to scope a transaction fails closed.
 */
export class TenantTransaction {
  constructor(private readonly dataSource: DataSource) {}

  run<T>(accountId: AccountId, work: (tx: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(async (tx) => {
      await scopeToAccount(tx, accountId);
      return work(tx);
    });
  }

  /**
   * Runs platform-level work (tenant administration, the outbox relay) that may see every account's rows.
   * Only platform use cases call this; tenant-scoped use cases always use {@link run}.
   */
  runAsPlatform<T>(work: (tx: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(async (tx) => {
      await scopeToPlatform(tx);
      return work(tx);
    });
  }

  /**
   * One transaction in two phases, to save the round trips of a second transaction: `lookup` runs as platform
   * work (it may see every account's rows, as in {@link runAsPlatform}), then one statement turns the platform flag
   * off and scopes the transaction to the account `scope` names, and `work` runs as in {@link run}.
   *
   * SECURITY: `work` only ever runs after the flag is off and `app.account_id` is set, so it sees the scoped
   * account's rows alone; `scope` decides the account from what `lookup` found (it may throw to stop before any
   * tenant work).
   */
  runPlatformThenScoped<P, T>(
    lookup: (tx: EntityManager) => Promise<P>,
    scope: (found: P) => AccountId,
    work: (tx: EntityManager, found: P) => Promise<T>,
  ): Promise<T> {
    return this.dataSource.transaction(async (tx) => {
      await scopeToPlatform(tx);
      const found = await lookup(tx);
      await scopeToAccount(tx, scope(found));
      return work(tx, found);
    });
  }
}

/** The USING/WITH CHECK expression shared by every tenant table's policy. */
export function tenantPredicate(column = 'account_id'): string {
  return (
    `(${column} = NULLIF(current_setting('app.account_id', true), '') ` +
    `OR current_setting('app.platform', true) = 'on')`
  );
}

/**
 * Statements that turn on row-level security for a tenant table, for use in the migration that creates it.
 * `FORCE` makes the policy apply to the table owner too.
 */
export function tenantIsolationSql(schema: string, table: string, column = 'account_id'): string[] {
  const qualified = `${schema}.${table}`;
  const predicate = tenantPredicate(column);
  return [
    `ALTER TABLE ${qualified} ENABLE ROW LEVEL SECURITY`,
    `ALTER TABLE ${qualified} FORCE ROW LEVEL SECURITY`,
    `CREATE POLICY ${table}_tenant_isolation ON ${qualified} USING ${predicate} WITH CHECK ${predicate}`,
  ];
}
