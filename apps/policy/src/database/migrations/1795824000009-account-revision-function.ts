import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `policy.account_revision(account)`: an account's permission revision in one statement, for the decision path's
 * cache hits (issue 11's profile: a hit cost four round trips, begin, scope, select and commit, and a third of the
 * policy service's CPU went to writing them). Called outside any transaction, its statement is its own transaction:
 * the function scopes it to the account (transaction-local settings, as `scopeToAccount` does) before reading, so
 * row-level security applies to the read exactly as in a scoped transaction, and nothing outlives the statement.
 * SECURITY INVOKER: it runs as the application role, under the table's policy; it restores the settings it found,
 * so called inside a transaction it would not re-scope that transaction.
 */
export class AccountRevisionFunction1795824000009 implements MigrationInterface {
  name = 'AccountRevisionFunction1795824000009';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE FUNCTION policy.account_revision(p_account_id text) RETURNS bigint
        LANGUAGE plpgsql VOLATILE SECURITY INVOKER
      AS $fn$
      DECLARE
        previous_account text := current_setting('app.account_id', true);
        previous_platform text := current_setting('app.platform', true);
        found_revision bigint;
      BEGIN
        PERFORM set_config('app.platform', '', true);
        PERFORM set_config('app.account_id', p_account_id, true);
        SELECT s.revision INTO found_revision FROM policy.account_settings s WHERE s.account_id = p_account_id;
        PERFORM set_config('app.account_id', COALESCE(previous_account, ''), true);
        PERFORM set_config('app.platform', COALESCE(previous_platform, ''), true);
        RETURN COALESCE(found_revision, 0);
      END
      $fn$`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP FUNCTION IF EXISTS policy.account_revision(text)`);
  }
}
