import type { MigrationInterface, QueryRunner } from 'typeorm';
import { tenantIsolationSql } from '@iam/persistence';

/**
 * Virtual MFA devices and their assignment to users. The TOTP seed is stored sealed (AES-256-GCM, bound to the
 * account and serial number); `last_used_step` makes every code usable once.
 */
export class CreateMfaDevices1795824000003 implements MigrationInterface {
  name = 'CreateMfaDevices1795824000003';

  async up(runner: QueryRunner): Promise<void> {
    // A user cannot be deleted while a device is assigned to it (NO ACTION): deleteUser deactivates (force) or
    // answers DeleteConflict first; the foreign key is the backstop.
    await runner.query(`
      CREATE TABLE identity.mfa_devices (
        serial_number text PRIMARY KEY,
        account_id text NOT NULL
          CONSTRAINT mfa_devices_account_fk REFERENCES identity.accounts (account_id) ON DELETE CASCADE,
        device_name text NOT NULL,
        path text NOT NULL,
        seed_sealed text NOT NULL,
        user_id text NULL
          CONSTRAINT mfa_devices_user_fk REFERENCES identity.users (user_id),
        enabled_at timestamptz NULL,
        last_used_step bigint NULL,
        drift_steps integer NOT NULL,
        tags jsonb NOT NULL,
        created_at timestamptz NOT NULL,
        CONSTRAINT mfa_devices_assignment_ck CHECK ((user_id IS NULL) = (enabled_at IS NULL))
      )`);
    // AWS: a virtual MFA device name is unique within the account; like user names, regardless of case.
    await runner.query(
      `CREATE UNIQUE INDEX mfa_devices_account_name_uq ON identity.mfa_devices (account_id, lower(device_name))`,
    );
    await runner.query(`CREATE INDEX mfa_devices_user_ix ON identity.mfa_devices (user_id)`);
    for (const sql of tenantIsolationSql('identity', 'mfa_devices')) await runner.query(sql);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE IF EXISTS identity.mfa_devices`);
  }
}
