import type { MigrationInterface, QueryRunner } from 'typeorm';
import { processedEventsTableSql } from '@iam/messaging';
import { tenantIsolationSql } from '@iam/persistence';

/**
 * What each user, group and role holds in the policy service (its inline and attached managed policies), as the
 * policy service's `principal-policies.changed.v1` events tell it: DeleteUser, DeleteGroup and DeleteRole answer
 * `DeleteConflict` while a principal still holds policies. `revision` is the account's permission revision of the
 * last change applied (older ones are ignored). And `processed_events`, the idempotency record of identity's
 * consumers.
 */
export class CreatePrincipalPolicyHoldings1795824000007 implements MigrationInterface {
  name = 'CreatePrincipalPolicyHoldings1795824000007';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE identity.principal_policy_holdings (
        principal_id text PRIMARY KEY,
        account_id text NOT NULL
          CONSTRAINT principal_policy_holdings_account_fk
          REFERENCES identity.accounts (account_id) ON DELETE CASCADE,
        principal_kind text NOT NULL
          CONSTRAINT principal_policy_holdings_kind_ck CHECK (principal_kind IN ('user', 'group', 'role')),
        inline_policy_count integer NOT NULL
          CONSTRAINT principal_policy_holdings_inline_ck CHECK (inline_policy_count >= 0),
        attached_policy_count integer NOT NULL
          CONSTRAINT principal_policy_holdings_attached_ck CHECK (attached_policy_count >= 0),
        revision bigint NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
    await runner.query(
      `CREATE INDEX principal_policy_holdings_account_ix ON identity.principal_policy_holdings (account_id)`,
    );
    for (const sql of tenantIsolationSql('identity', 'principal_policy_holdings')) {
      await runner.query(sql);
    }
    for (const sql of processedEventsTableSql('identity')) await runner.query(sql);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE IF EXISTS identity.processed_events`);
    await runner.query(`DROP TABLE IF EXISTS identity.principal_policy_holdings`);
  }
}
