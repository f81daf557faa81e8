import type { MigrationInterface, QueryRunner } from 'typeorm';
import { tenantIsolationSql } from '@iam/persistence';

/**
 * The session revocation list: one row per session ended before its time (sign-out, revokeUserSessions, refresh
 * reuse, account suspension, user deletion), kept until no session token of it can still be valid. The gateway
 * reads it (through identity's `/internal/session-revocations`) to refuse tokens that were issued before the
 * revocation. No foreign keys: a row must outlive the user or account it names (deletion cascades the sessions).
 * `recorded_at` is the insert's clock time, the cursor readers page by.
 */
export class CreateSessionRevocations1795824000005 implements MigrationInterface {
  name = 'CreateSessionRevocations1795824000005';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE identity.session_revocations (
        session_id uuid PRIMARY KEY,
        account_id text NOT NULL,
        user_id text NOT NULL,
        reason text NOT NULL,
        revoked_at timestamptz NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        tokens_valid_until timestamptz NOT NULL
      )`);
    await runner.query(
      `CREATE INDEX session_revocations_recorded_ix ON identity.session_revocations (recorded_at)`,
    );
    await runner.query(
      `CREATE INDEX session_revocations_valid_until_ix ON identity.session_revocations (tokens_valid_until)`,
    );
    for (const sql of tenantIsolationSql('identity', 'session_revocations'))
      await runner.query(sql);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE IF EXISTS identity.session_revocations`);
  }
}
