import type { MigrationInterface, QueryRunner } from 'typeorm';
import { outboxTableSql } from '@iam/messaging';
import { tenantIsolationSql } from '@iam/persistence';

export class CreateAccounts1795824000000 implements MigrationInterface {
  name = 'CreateAccounts1795824000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE identity.accounts (
        account_id text PRIMARY KEY CONSTRAINT accounts_account_id_ck CHECK (account_id ~ '^[0-9]{12}$'),
        alias text NULL,
        status text NOT NULL CONSTRAINT accounts_status_ck CHECK (status IN ('active', 'suspended')),
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
    // AWS: account aliases are globally unique; the index (not a pre-check) is the guarantee.
    await runner.query(
      `CREATE UNIQUE INDEX accounts_alias_uq ON identity.accounts (alias) WHERE alias IS NOT NULL`,
    );
    for (const sql of tenantIsolationSql('identity', 'accounts')) await runner.query(sql);
    for (const sql of outboxTableSql('identity')) await runner.query(sql);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE IF EXISTS identity.outbox');
    await runner.query('DROP TABLE IF EXISTS identity.accounts');
  }
}
