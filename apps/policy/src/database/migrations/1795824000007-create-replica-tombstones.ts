import type { MigrationInterface, QueryRunner } from 'typeorm';
import { tenantIsolationSql } from '@iam/persistence';

/**
 * Tombstones of the identity replica: the ids of users, groups and roles whose deletion the replica applied. Events
 * of one aggregate arrive in order, but events of different aggregates do not (a membership is keyed by its group,
 * a deletion by its user), so a late `group.member-added.v1` or a redelivered update for a deleted principal must
 * not bring it back: the replica ignores any event about a tombstoned id. Ids are never reused (a user created again
 * under the same name gets a new id), so a tombstone never hides a live principal.
 */
export class CreateReplicaTombstones1795824000007 implements MigrationInterface {
  name = 'CreateReplicaTombstones1795824000007';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE policy.principal_tombstones (
        principal_id text PRIMARY KEY,
        account_id text NOT NULL,
        deleted_at timestamptz NOT NULL
      )`);
    for (const sql of tenantIsolationSql('policy', 'principal_tombstones')) await runner.query(sql);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE IF EXISTS policy.principal_tombstones');
  }
}
