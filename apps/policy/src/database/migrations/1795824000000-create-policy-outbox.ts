import type { MigrationInterface, QueryRunner } from 'typeorm';
import { outboxTableSql } from '@iam/messaging';

export class CreatePolicyOutbox1795824000000 implements MigrationInterface {
  name = 'CreatePolicyOutbox1795824000000';

  async up(runner: QueryRunner): Promise<void> {
    for (const sql of outboxTableSql('policy')) await runner.query(sql);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE IF EXISTS policy.outbox');
  }
}
