import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { accountCreatedV1 } from '@iam/event-contracts';
import type { EventEnvelope } from '@iam/event-contracts';
import { createTestDatabase } from '@iam/testing';
import type { TestDatabase } from '@iam/testing';
import { outboxTableSql } from '../../src/index.js';

/** A logger that says nothing (the tests read what the relay and transports do, not what they log). */
export const QUIET_LOGGER = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};

/** The application role the messaging tests connect as (no superuser, no BYPASSRLS). */
export const TEST_APP_ROLE = 'iam_msgtest_app';

/** An `account.created.v1` event of `accountId`, with a fresh id. */
export function accountCreated(accountId: string, alias: string | null = null): EventEnvelope {
  return accountCreatedV1({
    id: randomUUID(),
    occurredAt: new Date().toISOString(),
    actor: { type: 'platform-admin', arn: 'arn:aws:iam::platform:admin' },
    account: { accountId, alias, status: 'active', createdAt: new Date().toISOString() },
  });
}

function dataSourceFor(url: string, poolSize: number): DataSource {
  return new DataSource({ type: 'postgres', url, poolSize, synchronize: false });
}

/** A DataSource on `db` as {@link TEST_APP_ROLE} with `poolSize` connections (not yet initialized). */
export function appDataSource(db: TestDatabase, poolSize = 4): DataSource {
  return dataSourceFor(db.urlFor(TEST_APP_ROLE), poolSize);
}

/**
 * A fresh database cloned from the template `key`: `schema` with its outbox table, then `extraSql`, all granted to
 * {@link TEST_APP_ROLE}.
 */
export function messagingTestDatabase(
  key: string,
  schema: string,
  extraSql: readonly string[] = [],
): Promise<TestDatabase> {
  return createTestDatabase({
    template: {
      key,
      prepare: async (url) => {
        const admin = dataSourceFor(url, 1);
        await admin.initialize();
        await admin.query(`CREATE SCHEMA ${schema}`);
        for (const sql of [...outboxTableSql(schema), ...extraSql]) await admin.query(sql);
        await admin.query(`GRANT USAGE ON SCHEMA ${schema} TO ${TEST_APP_ROLE}`);
        await admin.query(
          `GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA ${schema} TO ${TEST_APP_ROLE}`,
        );
        await admin.destroy();
      },
    },
    appRoles: [TEST_APP_ROLE],
  });
}
