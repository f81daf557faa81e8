import type { MigrationInterface, QueryRunner } from 'typeorm';
import { tenantIsolationSql } from '@iam/persistence';

/**
 * Users, groups, group memberships, roles and per-account quota overrides. Every table carries `account_id` with
 * forced row-level security, and references its account with ON DELETE CASCADE so that deleting an account
 * removes everything it owns.
 */
export class CreatePrincipals1795824000001 implements MigrationInterface {
  name = 'CreatePrincipals1795824000001';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE identity.users (
        user_id text PRIMARY KEY,
        account_id text NOT NULL
          CONSTRAINT users_account_fk REFERENCES identity.accounts (account_id) ON DELETE CASCADE,
        user_name text NOT NULL,
        path text NOT NULL,
        tags jsonb NOT NULL,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
    // AWS: names are unique within an account regardless of case; the index (not a pre-check) guarantees it.
    await runner.query(
      `CREATE UNIQUE INDEX users_account_name_uq ON identity.users (account_id, lower(user_name))`,
    );
    await runner.query(`
      CREATE TABLE identity.groups (
        group_id text PRIMARY KEY,
        account_id text NOT NULL
          CONSTRAINT groups_account_fk REFERENCES identity.accounts (account_id) ON DELETE CASCADE,
        group_name text NOT NULL,
        path text NOT NULL,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
    await runner.query(
      `CREATE UNIQUE INDEX groups_account_name_uq ON identity.groups (account_id, lower(group_name))`,
    );
    // A group with members cannot be deleted (DeleteConflict, checked by the service; NO ACTION is the backstop);
    // deleting a user (only with force) removes its memberships.
    await runner.query(`
      CREATE TABLE identity.group_members (
        group_id text NOT NULL
          CONSTRAINT group_members_group_fk REFERENCES identity.groups (group_id),
        user_id text NOT NULL
          CONSTRAINT group_members_user_fk REFERENCES identity.users (user_id) ON DELETE CASCADE,
        account_id text NOT NULL
          CONSTRAINT group_members_account_fk REFERENCES identity.accounts (account_id) ON DELETE CASCADE,
        added_at timestamptz NOT NULL,
        CONSTRAINT group_members_pkey PRIMARY KEY (group_id, user_id)
      )`);
    await runner.query(`CREATE INDEX group_members_user_ix ON identity.group_members (user_id)`);
    await runner.query(`
      CREATE TABLE identity.roles (
        role_id text PRIMARY KEY,
        account_id text NOT NULL
          CONSTRAINT roles_account_fk REFERENCES identity.accounts (account_id) ON DELETE CASCADE,
        role_name text NOT NULL,
        path text NOT NULL,
        assume_role_policy_document text NOT NULL,
        description text NULL,
        max_session_duration integer NOT NULL
          CONSTRAINT roles_max_session_duration_ck CHECK (max_session_duration BETWEEN 3600 AND 43200),
        tags jsonb NOT NULL,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
    await runner.query(
      `CREATE UNIQUE INDEX roles_account_name_uq ON identity.roles (account_id, lower(role_name))`,
    );
    // Per-account overrides of the AWS default quotas (NULL: the default in principal-quotas.ts applies).
    await runner.query(`
      CREATE TABLE identity.account_quotas (
        account_id text PRIMARY KEY
          CONSTRAINT account_quotas_account_fk REFERENCES identity.accounts (account_id) ON DELETE CASCADE,
        max_users integer NULL,
        max_groups integer NULL,
        max_roles integer NULL
      )`);
    for (const table of ['users', 'groups', 'group_members', 'roles', 'account_quotas']) {
      for (const sql of tenantIsolationSql('identity', table)) await runner.query(sql);
    }
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const table of ['account_quotas', 'roles', 'group_members', 'groups', 'users']) {
      await runner.query(`DROP TABLE IF EXISTS identity.${table}`);
    }
  }
}
