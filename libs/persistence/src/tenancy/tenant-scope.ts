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
