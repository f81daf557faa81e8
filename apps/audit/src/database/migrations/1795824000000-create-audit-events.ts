import type { MigrationInterface, QueryRunner } from 'typeorm';
import { outboxTableSql, processedEventsTableSql } from '@iam/messaging';
import { tenantIsolationSql } from '@iam/persistence';

export class CreateAuditEvents1795824000000 implements MigrationInterface {
  name = 'CreateAuditEvents1795824000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE audit.audit_events (
        event_id uuid PRIMARY KEY,
        account_id text NOT NULL CONSTRAINT audit_events_account_id_ck CHECK (account_id ~ '^[0-9]{12}$'),
        event_type text NOT NULL,
        event_source text NOT NULL,
        aggregate_type text NOT NULL,
        aggregate_id text NOT NULL,
        actor_type text NULL,
        actor_arn text NULL,
        occurred_at timestamptz NOT NULL,
        received_at timestamptz NOT NULL,
        payload jsonb NOT NULL,
        seq bigint GENERATED ALWAYS AS IDENTITY
      )`);
    await runner.query(
      `CREATE INDEX audit_events_account_seq_ix ON audit.audit_events (account_id, seq)`,
    );
    for (const sql of tenantIsolationSql('audit', 'audit_events')) await runner.query(sql);
    for (const sql of processedEventsTableSql('audit')) await runner.query(sql);
    // The audit service publishes its own (CloudTrail-shaped) records through an outbox too.
    for (const sql of outboxTableSql('audit')) await runner.query(sql);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE IF EXISTS audit.outbox');
    await runner.query('DROP TABLE IF EXISTS audit.processed_events');
    await runner.query('DROP TABLE IF EXISTS audit.audit_events');
  }
}
