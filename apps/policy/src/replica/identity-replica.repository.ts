import type { EntityManager } from 'typeorm';
import type { KnownPrincipal } from '../principals/principal-directory.repository.js';

/** The state of a user, group or role an identity event carries (what the replica stores of it). */
export type ReplicatedPrincipal = KnownPrincipal;

/** What an upsert did: the principal changed (`name`, `path`, `arn` or tags), was new, or nothing happened. */
export type UpsertOutcome = 'created' | 'changed' | 'unchanged' | 'stale';

/**
 * Writes of the identity replica (`policy.accounts`, `policy.principals`, `policy.group_members`,
 * `policy.principal_tombstones`) and the clean-up of a deleted principal's policies. Every statement is idempotent,
 * so a redelivered event that slipped past the idempotency record would change nothing either.
 */
export class IdentityReplicaRepository {
  async upsertAccount(
    tx: EntityManager,
    account: { accountId: string; status: string; createdAt: string },
  ): Promise<void> {
    await tx.query(
      `INSERT INTO policy.accounts (account_id, status, created_at) VALUES ($1, $2, $3)
       ON CONFLICT (account_id) DO UPDATE SET status = EXCLUDED.status`,
      [account.accountId, account.status, account.createdAt],
    );
  }

  async isTombstoned(tx: EntityManager, ...principalIds: string[]): Promise<boolean> {
    const rows = await tx.query<unknown[]>(
      `SELECT 1 FROM policy.principal_tombstones WHERE principal_id = ANY($1) LIMIT 1`,
      [principalIds],
    );
    return rows.length > 0;
  }

  /**
   * Inserts or updates a principal as of `occurredAt`. An older state than the stored one is `stale` and ignored
   * (events of one aggregate are ordered, so this only guards redelivery). A row of another id holding the same
   * name is a principal deleted and created again whose deletion has not arrived yet: it is removed (with its
   * policies) as that deletion would.
   */
  async upsertPrincipal(
    tx: EntityManager,
    principal: ReplicatedPrincipal,
    occurredAt: string,
  ): Promise<UpsertOutcome> {
    const before = await tx.query<
      { name: string; path: string; arn: string; tags: unknown; newer: boolean }[]
    >(
      `SELECT name, path, arn, tags, updated_at > $2::timestamptz AS newer
       FROM policy.principals WHERE principal_id = $1`,
      [principal.principalId, occurredAt],
    );
    const previous = before[0];
    if (previous?.newer) return 'stale';
    const sameName = await tx.query<{ principal_id: string }[]>(
      `SELECT principal_id FROM policy.principals
       WHERE account_id = $1 AND kind = $2 AND lower(name) = lower($3) AND principal_id <> $4`,
      [principal.accountId, principal.kind, principal.name, principal.principalId],
    );
    for (const row of sameName) {
      await this.removePrincipal(tx, principal.accountId, row.principal_id, occurredAt);
    }
    const tags = JSON.stringify(principal.tags.map((t) => ({ key: t.key, value: t.value })));
    await tx.query(
      `INSERT INTO policy.principals (principal_id, account_id, kind, name, path, arn, tags, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8)
       ON CONFLICT (principal_id) DO UPDATE SET
         name = EXCLUDED.name, path = EXCLUDED.path, arn = EXCLUDED.arn, tags = EXCLUDED.tags,
         updated_at = EXCLUDED.updated_at`,
      [
        principal.principalId,
        principal.accountId,
        principal.kind,
        principal.name,
        principal.path,
        principal.arn,
        tags,
        occurredAt,
      ],
    );
    if (previous === undefined) return 'created';
    const same =
      previous.name === principal.name &&
      previous.path === principal.path &&
      previous.arn === principal.arn &&
      JSON.stringify(previous.tags) === tags;
    return same ? 'unchanged' : 'changed';
  }

  /** Adds a membership; false when it was already there. */
  async addMember(
    tx: EntityManager,
    accountId: string,
    groupId: string,
    userId: string,
  ): Promise<boolean> {
    const rows = await tx.query<unknown[]>(
      `INSERT INTO policy.group_members (group_id, user_id, account_id) VALUES ($1, $2, $3)
       ON CONFLICT DO NOTHING RETURNING group_id`,
      [groupId, userId, accountId],
    );
    return rows.length > 0;
  }

  /** Removes a membership; false when it was not there. */
  async removeMember(tx: EntityManager, groupId: string, userId: string): Promise<boolean> {
    const rows = await tx.query<unknown[]>(
      `DELETE FROM policy.group_members WHERE group_id = $1 AND user_id = $2 RETURNING group_id`,
      [groupId, userId],
    );
    return rows.length > 0;
  }

  /**
   * Removes a deleted principal: its row, memberships, inline policies, attachments and boundary, and leaves a
   * tombstone so that late events about it are ignored.
   */
  async removePrincipal(
    tx: EntityManager,
    accountId: string,
    principalId: string,
    deletedAt: string,
  ): Promise<void> {
    await tx.query(`DELETE FROM policy.inline_policies WHERE principal_id = $1`, [principalId]);
    await tx.query(`DELETE FROM policy.attachments WHERE principal_id = $1`, [principalId]);
    await tx.query(`DELETE FROM policy.permissions_boundaries WHERE principal_id = $1`, [
      principalId,
    ]);
    await tx.query(`DELETE FROM policy.group_members WHERE group_id = $1 OR user_id = $1`, [
      principalId,
    ]);
    const removed = await tx.query<{ arn: string }[]>(
      `SELECT arn FROM policy.principals WHERE principal_id = $1`,
      [principalId],
    );
    await tx.query(`DELETE FROM policy.principals WHERE principal_id = $1`, [principalId]);
    await tx.query(
      `INSERT INTO policy.principal_tombstones (principal_id, account_id, deleted_at, arn) VALUES ($1, $2, $3, $4)
       ON CONFLICT (principal_id) DO NOTHING`,
      [principalId, accountId, deletedAt, removed[0]?.arn ?? null],
    );
  }

  /** Attaches a managed policy (by ARN); false when it was already attached. */
  async attach(
    tx: EntityManager,
    accountId: string,
    principalId: string,
    policyArn: string,
    at: string,
  ): Promise<boolean> {
    const rows = await tx.query<unknown[]>(
      `INSERT INTO policy.attachments (principal_id, policy_arn, account_id, attached_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT DO NOTHING RETURNING principal_id`,
      [principalId, policyArn, accountId, at],
    );
    return rows.length > 0;
  }

  /** What a principal holds, for the counts of `principal-policies.changed.v1`. */
  async policyCounts(
    tx: EntityManager,
    principalId: string,
  ): Promise<{ inline: number; attached: number; boundaryArn: string | null }> {
    const rows = await tx.query<{ inline: number; attached: number; boundary: string | null }[]>(
      `SELECT (SELECT count(*)::int FROM policy.inline_policies WHERE principal_id = $1) AS inline,
              (SELECT count(*)::int FROM policy.attachments WHERE principal_id = $1) AS attached,
              (SELECT policy_arn FROM policy.permissions_boundaries WHERE principal_id = $1) AS boundary`,
      [principalId],
    );
    const row = rows[0]!;
    return { inline: row.inline, attached: row.attached, boundaryArn: row.boundary };
  }
}
