import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `identity.sign_in_user_throttles.user_name_key` holds a keyed digest of the typed user name (`UserNameKeys`)
 * instead of the lower-cased name: what someone typed for a user name (perhaps a password in the wrong field) is
 * never stored. Counters written before hold typed names: they are dropped, which only forgets recent failures.
 */
export class KeyUserThrottlesByDigest1795824000006 implements MigrationInterface {
  name = 'KeyUserThrottlesByDigest1795824000006';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`DELETE FROM identity.sign_in_user_throttles`);
    await runner.query(
      `COMMENT ON COLUMN identity.sign_in_user_throttles.user_name_key IS ` +
        `'HMAC-SHA256 (base64url) of the lower-cased typed user name; never the name itself'`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DELETE FROM identity.sign_in_user_throttles`);
    await runner.query(`COMMENT ON COLUMN identity.sign_in_user_throttles.user_name_key IS NULL`);
  }
}
