import type { MigrationInterface, QueryRunner } from 'typeorm';
import { tenantIsolationSql } from '@iam/persistence';

/** Row-level security for global tables: only platform transactions (`app.platform = on`) see or write rows. */
function platformOnlySql(table: string): string[] {
  const predicate = `(current_setting('app.platform', true) = 'on')`;
  return [
    `ALTER TABLE identity.${table} ENABLE ROW LEVEL SECURITY`,
    `ALTER TABLE identity.${table} FORCE ROW LEVEL SECURITY`,
    `CREATE POLICY ${table}_platform_only ON identity.${table} USING ${predicate} WITH CHECK ${predicate}`,
  ];
}

/**
 * Sign-in: sessions (refresh tokens stored only as SHA-256 digests, rotated ones kept to detect reuse), the
 * per-user and per-source-address guessing counters, and the session-token signing keys (private keys sealed with
 * the service's SecretBox). Tenant tables have forced row-level security; the global ones (signing keys, source
 * counters) are reachable only from platform transactions. The application role gets DML on every table of the
 * schema when migrations run.
 */
export class CreateSessions1795824000004 implements MigrationInterface {
  name = 'CreateSessions1795824000004';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE identity.sessions (
        session_id uuid PRIMARY KEY,
        account_id text NOT NULL
          CONSTRAINT sessions_account_fk REFERENCES identity.accounts (account_id) ON DELETE CASCADE,
        user_id text NOT NULL
          CONSTRAINT sessions_user_fk REFERENCES identity.users (user_id) ON DELETE CASCADE,
        user_name text NOT NULL,
        principal_arn text NOT NULL,
        auth_methods text[] NOT NULL,
        auth_time timestamptz NOT NULL,
        restricted boolean NOT NULL,
        source_ip text NOT NULL,
        refresh_token_hash bytea NOT NULL
          CONSTRAINT sessions_refresh_token_hash_ck CHECK (octet_length(refresh_token_hash) = 32),
        created_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        refreshed_at timestamptz NULL,
        revoked_at timestamptz NULL,
        revoked_reason text NULL
      )`);
    await runner.query(
      `CREATE UNIQUE INDEX sessions_refresh_token_hash_uq ON identity.sessions (refresh_token_hash)`,
    );
    await runner.query(
      `CREATE INDEX sessions_account_user_ix ON identity.sessions (account_id, user_id)`,
    );
    await runner.query(`
      CREATE TABLE identity.retired_refresh_tokens (
        refresh_token_hash bytea PRIMARY KEY,
        session_id uuid NOT NULL
          CONSTRAINT retired_refresh_tokens_session_fk REFERENCES identity.sessions (session_id) ON DELETE CASCADE,
        account_id text NOT NULL
          CONSTRAINT retired_refresh_tokens_account_fk
          REFERENCES identity.accounts (account_id) ON DELETE CASCADE,
        retired_at timestamptz NOT NULL
      )`);
    await runner.query(
      `CREATE INDEX retired_refresh_tokens_session_ix ON identity.retired_refresh_tokens (session_id)`,
    );
    // Keyed by the lower-cased name whether or not such a user exists: unknown names are throttled alike.
    await runner.query(`
      CREATE TABLE identity.sign_in_user_throttles (
        account_id text NOT NULL
          CONSTRAINT sign_in_user_throttles_account_fk
          REFERENCES identity.accounts (account_id) ON DELETE CASCADE,
        user_name_key text NOT NULL,
        failures integer NOT NULL CONSTRAINT sign_in_user_throttles_failures_ck CHECK (failures >= 0),
        next_allowed_at timestamptz NOT NULL,
        locked boolean NOT NULL,
        last_failure_at timestamptz NULL,
        CONSTRAINT sign_in_user_throttles_pkey PRIMARY KEY (account_id, user_name_key)
      )`);
    await runner.query(`
      CREATE TABLE identity.sign_in_source_throttles (
        source_ip text PRIMARY KEY,
        failures integer NOT NULL CONSTRAINT sign_in_source_throttles_failures_ck CHECK (failures >= 0),
        next_allowed_at timestamptz NOT NULL,
        locked boolean NOT NULL,
        last_failure_at timestamptz NOT NULL
      )`);
    await runner.query(`
      CREATE TABLE identity.session_signing_keys (
        kid text PRIMARY KEY,
        algorithm text NOT NULL,
        public_jwk jsonb NOT NULL,
        private_key_sealed text NOT NULL,
        created_at timestamptz NOT NULL,
        signs_until timestamptz NOT NULL,
        published_until timestamptz NOT NULL,
        CONSTRAINT session_signing_keys_periods_ck
          CHECK (created_at < signs_until AND signs_until < published_until)
      )`);
    await runner.query(
      `CREATE INDEX session_signing_keys_created_ix ON identity.session_signing_keys (created_at)`,
    );
    for (const table of ['sessions', 'retired_refresh_tokens', 'sign_in_user_throttles']) {
      for (const sql of tenantIsolationSql('identity', table)) await runner.query(sql);
    }
    for (const table of ['sign_in_source_throttles', 'session_signing_keys']) {
      for (const sql of platformOnlySql(table)) await runner.query(sql);
    }
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const table of [
      'session_signing_keys',
      'sign_in_source_throttles',
      'sign_in_user_throttles',
      'retired_refresh_tokens',
      'sessions',
    ]) {
      await runner.query(`DROP TABLE IF EXISTS identity.${table}`);
    }
  }
}
