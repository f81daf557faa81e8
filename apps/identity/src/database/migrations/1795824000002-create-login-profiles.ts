import type { MigrationInterface, QueryRunner } from 'typeorm';
import { tenantIsolationSql } from '@iam/persistence';

/**
 * Login profiles (a user's console password, argon2id PHC strings only), the password history that reuse
 * prevention checks, and the per-account password policy.
 */
export class CreateLoginProfiles1795824000002 implements MigrationInterface {
  name = 'CreateLoginProfiles1795824000002';

  async up(runner: QueryRunner): Promise<void> {
    // A user cannot be deleted while it has a login profile (NO ACTION): deleteUser answers DeleteConflict or,
    // forced, removes it first; the foreign key is the backstop.
    await runner.query(`
      CREATE TABLE identity.login_profiles (
        user_id text PRIMARY KEY
          CONSTRAINT login_profiles_user_fk REFERENCES identity.users (user_id),
        account_id text NOT NULL
          CONSTRAINT login_profiles_account_fk REFERENCES identity.accounts (account_id) ON DELETE CASCADE,
        password_hash text NOT NULL,
        password_reset_required boolean NOT NULL,
        created_at timestamptz NOT NULL,
        password_changed_at timestamptz NOT NULL,
        password_last_used_at timestamptz NULL,
        updated_at timestamptz NOT NULL
      )`);
    // The history outlives a deleted login profile (a delete and re-create must not reset reuse prevention) and
    // goes with the user.
    await runner.query(`
      CREATE TABLE identity.password_history (
        history_id uuid PRIMARY KEY,
        user_id text NOT NULL
          CONSTRAINT password_history_user_fk REFERENCES identity.users (user_id) ON DELETE CASCADE,
        account_id text NOT NULL
          CONSTRAINT password_history_account_fk REFERENCES identity.accounts (account_id) ON DELETE CASCADE,
        seq integer NOT NULL,
        password_hash text NOT NULL,
        created_at timestamptz NOT NULL
      )`);
    await runner.query(
      `CREATE UNIQUE INDEX password_history_user_seq_uq ON identity.password_history (user_id, seq)`,
    );
    await runner.query(`
      CREATE TABLE identity.account_password_policies (
        account_id text PRIMARY KEY
          CONSTRAINT account_password_policies_account_fk
            REFERENCES identity.accounts (account_id) ON DELETE CASCADE,
        minimum_password_length integer NOT NULL,
        require_symbols boolean NOT NULL,
        require_numbers boolean NOT NULL,
        require_uppercase_characters boolean NOT NULL,
        require_lowercase_characters boolean NOT NULL,
        allow_users_to_change_password boolean NOT NULL,
        max_password_age integer NULL,
        password_reuse_prevention integer NULL,
        hard_expiry boolean NOT NULL,
        updated_at timestamptz NOT NULL,
        CONSTRAINT account_password_policies_minimum_length_ck
          CHECK (minimum_password_length BETWEEN 6 AND 128),
        CONSTRAINT account_password_policies_max_age_ck CHECK (max_password_age BETWEEN 1 AND 1095),
        CONSTRAINT account_password_policies_reuse_ck CHECK (password_reuse_prevention BETWEEN 1 AND 24)
      )`);
    for (const table of ['login_profiles', 'password_history', 'account_password_policies']) {
      for (const sql of tenantIsolationSql('identity', table)) await runner.query(sql);
    }
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const table of ['account_password_policies', 'password_history', 'login_profiles']) {
      await runner.query(`DROP TABLE IF EXISTS identity.${table}`);
    }
  }
}
