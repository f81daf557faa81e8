import type { EntityManager } from 'typeorm';
import type { PolicyTag } from './policy-tags.js';

/** A customer managed policy as stored (its versions apart), with its use in the account. */
export interface StoredPolicy {
  readonly policyId: string;
  readonly accountId: string;
  readonly policyName: string;
  readonly path: string;
  readonly arn: string;
  readonly description: string | null;
  readonly defaultVersionId: string;
  readonly nextVersionNumber: number;
  readonly tags: PolicyTag[];
  readonly createdAt: Date;
  readonly updatedAt: Date;
  /** Users, groups and roles it is attached to (AWS AttachmentCount). */
  readonly attachmentCount: number;
  /** Users and roles whose permissions boundary it is (AWS PermissionsBoundaryUsageCount). */
  readonly boundaryUsageCount: number;
}

/** One version of a managed policy. */
export interface StoredVersion {
  readonly versionId: string;
  readonly document: string;
  readonly createdAt: Date;
}

/** Filters of ListPolicies over the customer managed policies. */
export interface PolicyFilter {
  readonly pathPrefix: string;
  readonly onlyAttached: boolean;
  readonly usage: 'PermissionsPolicy' | 'PermissionsBoundary' | null;
  /** The sort key after which the page starts (`lower(name) arn`), or null. */
  readonly after: string | null;
  readonly limit: number;
}

interface PolicyRow {
  policy_id: string;
  account_id: string;
  policy_name: string;
  path: string;
  arn: string;
  description: string | null;
  default_version_id: string;
  next_version_number: number;
  tags: PolicyTag[];
  created_at: Date;
  updated_at: Date;
  attachment_count: number;
  boundary_usage_count: number;
}

/** The list order of policies (customer and AWS managed alike): the name regardless of case, then the ARN. */
export function policySortKey(policy: { policyName: string; arn: string }): string {
  return `${policy.policyName.toLowerCase()} ${policy.arn}`;
}

const SELECT = `
  SELECT p.policy_id, p.account_id, p.policy_name, p.path, p.arn, p.description, p.default_version_id,
         p.next_version_number, p.tags, p.created_at, p.updated_at,
         (SELECT count(*)::int FROM policy.attachments a
           WHERE a.account_id = p.account_id AND a.policy_arn = p.arn) AS attachment_count,
         (SELECT count(*)::int FROM policy.permissions_boundaries b
           WHERE b.account_id = p.account_id AND b.policy_arn = p.arn) AS boundary_usage_count
  FROM policy.managed_policies p`;

function toPolicy(row: PolicyRow): StoredPolicy {
  return {
    policyId: row.policy_id,
    accountId: row.account_id,
    policyName: row.policy_name,
    path: row.path,
    arn: row.arn,
    description: row.description,
    defaultVersionId: row.default_version_id,
    nextVersionNumber: row.next_version_number,
    tags: row.tags,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    attachmentCount: row.attachment_count,
    boundaryUsageCount: row.boundary_usage_count,
  };
}

/** Customer managed policies and their versions (`policy.managed_policies`, `policy.policy_versions`). */
export class ManagedPolicyRepository {
  async insert(
    tx: EntityManager,
    policy: Omit<StoredPolicy, 'attachmentCount' | 'boundaryUsageCount'>,
    document: string,
  ): Promise<void> {
    await tx.query(
      `INSERT INTO policy.managed_policies (policy_id, account_id, policy_name, path, arn, description,
         default_version_id, next_version_number, tags, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb, $10, $10)`,
      [
        policy.policyId,
        policy.accountId,
        policy.policyName,
        policy.path,
        policy.arn,
        policy.description,
        policy.defaultVersionId,
        policy.nextVersionNumber,
        JSON.stringify(policy.tags),
        policy.createdAt,
      ],
    );
    await this.insertVersion(tx, policy.accountId, policy.policyId, {
      versionId: policy.defaultVersionId,
      document,
      createdAt: policy.createdAt,
    });
  }

  async countInAccount(tx: EntityManager, accountId: string): Promise<number> {
    const rows = await tx.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM policy.managed_policies WHERE account_id = $1`,
      [accountId],
    );
    return rows[0]!.n;
  }

  async nameTaken(tx: EntityManager, accountId: string, name: string): Promise<boolean> {
    const rows = await tx.query<unknown[]>(
      `SELECT 1 FROM policy.managed_policies WHERE account_id = $1 AND lower(policy_name) = lower($2)`,
      [accountId, name],
    );
    return rows.length > 0;
  }

  /** The policy with this ARN; `lock` takes its row for the rest of the transaction. */
  async findByArn(
    tx: EntityManager,
    accountId: string,
    arn: string,
    lock = false,
  ): Promise<StoredPolicy | null> {
    if (lock) {
      await tx.query(
        `SELECT 1 FROM policy.managed_policies WHERE account_id = $1 AND arn = $2 FOR UPDATE`,
        [accountId, arn],
      );
    }
    const rows = await tx.query<PolicyRow[]>(`${SELECT} WHERE p.account_id = $1 AND p.arn = $2`, [
      accountId,
      arn,
    ]);
    return rows.length === 0 ? null : toPolicy(rows[0]!);
  }

  /** `filter.limit` policies (ask one more to learn whether the list goes on), in {@link policySortKey} order. */
  async list(tx: EntityManager, accountId: string, filter: PolicyFilter): Promise<StoredPolicy[]> {
    const rows = await tx.query<PolicyRow[]>(
      `SELECT * FROM (${SELECT} WHERE p.account_id = $1 AND starts_with(p.path, $2)) q
       WHERE ($3::text IS NULL OR (lower(q.policy_name) || ' ' || q.arn) COLLATE "C" > $3::text COLLATE "C")
         AND (NOT $4::boolean OR q.attachment_count > 0)
         AND ($5::text IS NULL OR ($5::text = 'PermissionsPolicy' AND q.attachment_count > 0)
              OR ($5::text = 'PermissionsBoundary' AND q.boundary_usage_count > 0))
       ORDER BY (lower(q.policy_name) || ' ' || q.arn) COLLATE "C"
       LIMIT $6`,
      [accountId, filter.pathPrefix, filter.after, filter.onlyAttached, filter.usage, filter.limit],
    );
    return rows.map(toPolicy);
  }

  async delete(tx: EntityManager, accountId: string, policyId: string): Promise<void> {
    await tx.query(`DELETE FROM policy.managed_policies WHERE account_id = $1 AND policy_id = $2`, [
      accountId,
      policyId,
    ]);
  }

  async setTags(
    tx: EntityManager,
    accountId: string,
    policyId: string,
    tags: PolicyTag[],
    at: Date,
  ) {
    await tx.query(
      `UPDATE policy.managed_policies SET tags = $3::jsonb, updated_at = $4
       WHERE account_id = $1 AND policy_id = $2`,
      [accountId, policyId, JSON.stringify(tags), at],
    );
  }

  async versions(tx: EntityManager, accountId: string, policyId: string): Promise<StoredVersion[]> {
    const rows = await tx.query<{ version_id: string; document: string; created_at: Date }[]>(
      `SELECT version_id, document, created_at FROM policy.policy_versions
       WHERE account_id = $1 AND policy_id = $2
       ORDER BY substring(version_id from 2)::int DESC`,
      [accountId, policyId],
    );
    return rows.map((r) => ({
      versionId: r.version_id,
      document: r.document,
      createdAt: r.created_at,
    }));
  }

  async insertVersion(
    tx: EntityManager,
    accountId: string,
    policyId: string,
    version: StoredVersion,
  ): Promise<void> {
    await tx.query(
      `INSERT INTO policy.policy_versions (policy_id, version_id, account_id, document, created_at)
       VALUES ($1, $2, $3, $4, $5)`,
      [policyId, version.versionId, accountId, version.document, version.createdAt],
    );
  }

  async deleteVersion(tx: EntityManager, accountId: string, policyId: string, versionId: string) {
    await tx.query(
      `DELETE FROM policy.policy_versions WHERE account_id = $1 AND policy_id = $2 AND version_id = $3`,
      [accountId, policyId, versionId],
    );
  }

  /** Records a new version number taken and, when `defaultVersionId` is given, the new default. */
  async update(
    tx: EntityManager,
    accountId: string,
    policyId: string,
    change: { defaultVersionId?: string; nextVersionNumber?: number },
    at: Date,
  ): Promise<void> {
    await tx.query(
      `UPDATE policy.managed_policies
       SET default_version_id = COALESCE($3, default_version_id),
           next_version_number = COALESCE($4, next_version_number), updated_at = $5
       WHERE account_id = $1 AND policy_id = $2`,
      [accountId, policyId, change.defaultVersionId ?? null, change.nextVersionNumber ?? null, at],
    );
  }

  /** AWS managed policy ARN → number of attachments / boundary uses in the account. */
  async usageOf(
    tx: EntityManager,
    accountId: string,
    arns: readonly string[],
  ): Promise<Map<string, { attachments: number; boundaries: number }>> {
    const rows = await tx.query<{ arn: string; attachments: number; boundaries: number }[]>(
      `SELECT arn,
         (SELECT count(*)::int FROM policy.attachments a WHERE a.account_id = $1 AND a.policy_arn = arn) AS attachments,
         (SELECT count(*)::int FROM policy.permissions_boundaries b
           WHERE b.account_id = $1 AND b.policy_arn = arn) AS boundaries
       FROM unnest($2::text[]) AS arn`,
      [accountId, arns],
    );
    return new Map(
      rows.map((r) => [r.arn, { attachments: r.attachments, boundaries: r.boundaries }]),
    );
  }
}
