import type { MigrationInterface, QueryRunner } from 'typeorm';
import { processedEventsTableSql } from '@iam/messaging';
import { tenantIsolationSql } from '@iam/persistence';

/**
 * The policy service's store. Two kinds of tables, all with `account_id` and forced row-level security:
 *
 * - **Owned** here: customer managed policies and their versions, inline policies, attachments, permissions
 *   boundaries, account guardrails, registered product services, per-account settings (quotas, the revision).
 * - **Replicas** of identity's principals (`principals`, `group_members`, `accounts`), kept from identity's events
 *   by an idempotent consumer (`processed_events`), so that a decision never reads another service's tables.
 *
 * Principals are keyed by their unique id (`AIDA...`, `AGPA...`, `AROA...`), as AWS attaches policies to the entity:
 * a user deleted and created again under the same name holds none of the old policies.
 */
export class CreatePolicyStore1795824000001 implements MigrationInterface {
  name = 'CreatePolicyStore1795824000001';

  async up(runner: QueryRunner): Promise<void> {
    // Replica of identity's accounts (status decides nothing here yet; existence lets guardrails name accounts).
    await runner.query(`
      CREATE TABLE policy.accounts (
        account_id text PRIMARY KEY,
        status text NOT NULL,
        created_at timestamptz NOT NULL
      )`);
    // Per-account settings: the permission revision (bumped in the transaction of every change of anyone's effective
    // permissions in the account, including replicated identity changes) and quota overrides (NULL: AWS default).
    await runner.query(`
      CREATE TABLE policy.account_settings (
        account_id text PRIMARY KEY,
        revision bigint NOT NULL DEFAULT 0,
        max_managed_policies_per_principal integer NULL
          CONSTRAINT account_settings_max_attached_ck
            CHECK (max_managed_policies_per_principal BETWEEN 1 AND 20),
        max_customer_managed_policies integer NULL
          CONSTRAINT account_settings_max_policies_ck
            CHECK (max_customer_managed_policies BETWEEN 1 AND 5000)
      )`);
    // Replica of identity's users, groups and roles.
    await runner.query(`
      CREATE TABLE policy.principals (
        principal_id text PRIMARY KEY,
        account_id text NOT NULL,
        kind text NOT NULL CONSTRAINT principals_kind_ck CHECK (kind IN ('user', 'group', 'role')),
        name text NOT NULL,
        path text NOT NULL,
        arn text NOT NULL,
        tags jsonb NOT NULL DEFAULT '[]'::jsonb,
        updated_at timestamptz NOT NULL
      )`);
    await runner.query(
      `CREATE UNIQUE INDEX principals_account_kind_name_uq ON policy.principals (account_id, kind, lower(name))`,
    );
    await runner.query(`CREATE INDEX principals_arn_ix ON policy.principals (account_id, arn)`);
    // Replica of identity's group memberships.
    await runner.query(`
      CREATE TABLE policy.group_members (
        group_id text NOT NULL,
        user_id text NOT NULL,
        account_id text NOT NULL,
        CONSTRAINT group_members_pkey PRIMARY KEY (group_id, user_id)
      )`);
    await runner.query(`CREATE INDEX group_members_user_ix ON policy.group_members (user_id)`);
    // Customer managed policies (AWS managed ones are built in, read-only, and stored nowhere).
    await runner.query(`
      CREATE TABLE policy.managed_policies (
        policy_id text PRIMARY KEY,
        account_id text NOT NULL,
        policy_name text NOT NULL,
        path text NOT NULL,
        arn text NOT NULL,
        description text NULL,
        default_version_id text NOT NULL,
        next_version_number integer NOT NULL,
        tags jsonb NOT NULL DEFAULT '[]'::jsonb,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
    // AWS: policy names are unique in an account regardless of case (and of path).
    await runner.query(
      `CREATE UNIQUE INDEX managed_policies_account_name_uq ON policy.managed_policies (account_id, lower(policy_name))`,
    );
    await runner.query(
      `CREATE UNIQUE INDEX managed_policies_account_arn_uq ON policy.managed_policies (account_id, arn)`,
    );
    await runner.query(`
      CREATE TABLE policy.policy_versions (
        policy_id text NOT NULL
          CONSTRAINT policy_versions_policy_fk REFERENCES policy.managed_policies (policy_id) ON DELETE CASCADE,
        version_id text NOT NULL,
        account_id text NOT NULL,
        document text NOT NULL,
        created_at timestamptz NOT NULL,
        CONSTRAINT policy_versions_pkey PRIMARY KEY (policy_id, version_id)
      )`);
    // Inline policies of users, groups and roles; `size` is the document's length without whitespace (AWS's
    // aggregate limits per entity count it so).
    await runner.query(`
      CREATE TABLE policy.inline_policies (
        principal_id text NOT NULL,
        policy_name text NOT NULL,
        account_id text NOT NULL,
        document text NOT NULL,
        size integer NOT NULL,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        CONSTRAINT inline_policies_pkey PRIMARY KEY (principal_id, policy_name)
      )`);
    // Managed policies (customer or AWS: `policy_arn`) attached to principals.
    await runner.query(`
      CREATE TABLE policy.attachments (
        principal_id text NOT NULL,
        policy_arn text NOT NULL,
        account_id text NOT NULL,
        attached_at timestamptz NOT NULL,
        CONSTRAINT attachments_pkey PRIMARY KEY (principal_id, policy_arn)
      )`);
    await runner.query(
      `CREATE INDEX attachments_policy_ix ON policy.attachments (account_id, policy_arn)`,
    );
    // One permissions boundary per user or role.
    await runner.query(`
      CREATE TABLE policy.permissions_boundaries (
        principal_id text PRIMARY KEY,
        policy_arn text NOT NULL,
        account_id text NOT NULL,
        set_at timestamptz NOT NULL
      )`);
    await runner.query(
      `CREATE INDEX permissions_boundaries_policy_ix ON policy.permissions_boundaries (account_id, policy_arn)`,
    );
    // Account guardrails (SCP semantics), set by the platform administrator.
    await runner.query(`
      CREATE TABLE policy.guardrails (
        account_id text NOT NULL,
        guardrail_name text NOT NULL,
        document text NOT NULL,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        CONSTRAINT guardrails_pkey PRIMARY KEY (account_id, guardrail_name)
      )`);
    // Product services registered by an account in the action catalogue (prefix, actions, resource types, keys).
    await runner.query(`
      CREATE TABLE policy.registered_services (
        account_id text NOT NULL,
        service_prefix text NOT NULL,
        definition jsonb NOT NULL,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        CONSTRAINT registered_services_pkey PRIMARY KEY (account_id, service_prefix)
      )`);
    for (const table of TABLES) {
      for (const sql of tenantIsolationSql('policy', table)) await runner.query(sql);
    }
    for (const sql of processedEventsTableSql('policy')) await runner.query(sql);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE IF EXISTS policy.processed_events');
    for (const table of [...TABLES].reverse()) {
      await runner.query(`DROP TABLE IF EXISTS policy.${table}`);
    }
  }
}

const TABLES = [
  'accounts',
  'account_settings',
  'principals',
  'group_members',
  'managed_policies',
  'policy_versions',
  'inline_policies',
  'attachments',
  'permissions_boundaries',
  'guardrails',
  'registered_services',
] as const;
