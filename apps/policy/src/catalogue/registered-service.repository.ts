import type { EntityManager } from 'typeorm';
import type { ServiceDefinition } from '@iam/policy-engine';

/** A product service registered by an account (`policy.registered_services`). */
export interface RegisteredServiceRecord {
  readonly accountId: string;
  readonly definition: ServiceDefinition;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

interface Row {
  account_id: string;
  service_prefix: string;
  definition: Omit<ServiceDefinition, 'prefix'>;
  created_at: Date;
  updated_at: Date;
}

const COLUMNS = 'account_id, service_prefix, definition, created_at, updated_at';

function toRecord(row: Row): RegisteredServiceRecord {
  return {
    accountId: row.account_id,
    definition: { ...row.definition, prefix: row.service_prefix },
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** SQL of the registered services; every call runs in a transaction scoped to `accountId`. */
export class RegisteredServiceRepository {
  /** Serialises registrations of one account (the count check and the insert), until the transaction ends. */
  async lockAccount(tx: EntityManager, accountId: string): Promise<void> {
    await tx.query(
      `SELECT pg_advisory_xact_lock(hashtext('policy.registered_services'), hashtext($1))`,
      [accountId],
    );
  }

  async find(
    tx: EntityManager,
    accountId: string,
    prefix: string,
  ): Promise<RegisteredServiceRecord | null> {
    const rows = await tx.query<Row[]>(
      `SELECT ${COLUMNS} FROM policy.registered_services WHERE account_id = $1 AND service_prefix = $2`,
      [accountId, prefix],
    );
    return rows.length === 0 ? null : toRecord(rows[0]!);
  }

  async count(tx: EntityManager, accountId: string): Promise<number> {
    const rows = await tx.query<{ count: number }[]>(
      `SELECT count(*)::int AS count FROM policy.registered_services WHERE account_id = $1`,
      [accountId],
    );
    return rows[0]!.count;
  }

  /** Inserts or replaces the account's definition of the prefix (keeping its creation time). */
  async put(
    tx: EntityManager,
    accountId: string,
    definition: ServiceDefinition,
    now: Date,
  ): Promise<RegisteredServiceRecord> {
    const { prefix, ...stored } = definition;
    const rows = await tx.query<Row[]>(
      `INSERT INTO policy.registered_services (account_id, service_prefix, definition, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $4)
       ON CONFLICT (account_id, service_prefix)
         DO UPDATE SET definition = EXCLUDED.definition, updated_at = EXCLUDED.updated_at
       RETURNING ${COLUMNS}`,
      [accountId, prefix, JSON.stringify(stored), now],
    );
    return toRecord(rows[0]!);
  }

  /** Deletes the registration; the deleted record, or null when there was none. */
  async delete(
    tx: EntityManager,
    accountId: string,
    prefix: string,
  ): Promise<RegisteredServiceRecord | null> {
    const rows = await tx.query<[Row[], number]>(
      `DELETE FROM policy.registered_services WHERE account_id = $1 AND service_prefix = $2
       RETURNING ${COLUMNS}`,
      [accountId, prefix],
    );
    const deleted = rows[0];
    return deleted === undefined || deleted.length === 0 ? null : toRecord(deleted[0]!);
  }

  /** Up to `limit` registrations after the prefix `after` (exclusive), by prefix. */
  async list(
    tx: EntityManager,
    accountId: string,
    after: string | null,
    limit: number,
  ): Promise<RegisteredServiceRecord[]> {
    const rows = await tx.query<Row[]>(
      `SELECT ${COLUMNS} FROM policy.registered_services
       WHERE account_id = $1 AND ($2::text IS NULL OR service_prefix COLLATE "C" > $2)
       ORDER BY service_prefix COLLATE "C" LIMIT $3`,
      [accountId, after, limit],
    );
    return rows.map(toRecord);
  }
}
