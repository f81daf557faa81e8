import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The ARN a deleted principal had, in its tombstone: a caller whose principal is not in the replica is either just
 * created (its creation is on the way: wait for it) or deleted (answer at once: it holds nothing). A user created
 * again under the same ARN is decided with no policies until its creation arrives, the safe side.
 */
export class TombstoneArns1795824000008 implements MigrationInterface {
  name = 'TombstoneArns1795824000008';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE policy.principal_tombstones ADD COLUMN arn text NULL`);
    await runner.query(
      `CREATE INDEX principal_tombstones_arn_ix ON policy.principal_tombstones (account_id, arn)`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP INDEX IF EXISTS policy.principal_tombstones_arn_ix`);
    await runner.query(`ALTER TABLE policy.principal_tombstones DROP COLUMN IF EXISTS arn`);
  }
}
