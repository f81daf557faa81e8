import type { MigrationInterface, QueryRunner } from 'typeorm';
import { outboxTableSql } from '@iam/messaging';

export class CreateCredentialOutbox1795824000000 implements MigrationInterface {
  name = 'CreateCredentialOutbox1795824000000';

  async up(runner: QueryRunner): Promise<void> {
    for (const sql of outboxTableSql('credential')) await runner.query(sql);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE IF EXISTS credential.outbox');
  }
}
