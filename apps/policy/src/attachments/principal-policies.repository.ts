import type { EntityManager } from 'typeorm';

/** An inline policy of a user, group or role. */
export interface InlinePolicyRow {
  readonly policyName: string;
  readonly document: string;
  readonly size: number;
}

/**
 * What users, groups and roles hold: inline policies (`policy.inline_policies`), attached managed policies
 * (`policy.attachments`) and permissions boundaries (`policy.permissions_boundaries`), by principal id.
 */
export class PrincipalPoliciesRepository {
  async inlinePolicies(tx: EntityManager, principalId: string): Promise<InlinePolicyRow[]> {
    const rows = await tx.query<{ policy_name: string; document: string; size: number }[]>(
      `SELECT policy_name, document, size FROM policy.inline_policies WHERE principal_id = $1
       ORDER BY lower(policy_name) COLLATE "C", policy_name COLLATE "C"`,
      [principalId],
    );
    return rows.map((r) => ({ policyName: r.policy_name, document: r.document, size: r.size }));
  }

  async putInline(
    tx: EntityManager,
    row: {
      accountId: string;
      principalId: string;
      policyName: string;
      document: string;
      size: number;
    },
    at: Date,
  ): Promise<void> {
    await tx.query(
      `INSERT INTO policy.inline_policies (principal_id, policy_name, account_id, document, size, created_at,
         updated_at) VALUES ($1, $2, $3, $4, $5, $6, $6)
       ON CONFLICT (principal_id, policy_name)
       DO UPDATE SET document = EXCLUDED.document, size = EXCLUDED.size, updated_at = EXCLUDED.updated_at`,
      [row.principalId, row.policyName, row.accountId, row.document, row.size, at],
    );
  }

  async deleteInline(tx: EntityManager, principalId: string, policyName: string): Promise<void> {
    await tx.query(
      `DELETE FROM policy.inline_policies WHERE principal_id = $1 AND policy_name = $2`,
      [principalId, policyName],
    );
  }

  async attachedArns(tx: EntityManager, principalId: string): Promise<string[]> {
    const rows = await tx.query<{ policy_arn: string }[]>(
      `SELECT policy_arn FROM policy.attachments WHERE principal_id = $1`,
      [principalId],
    );
    return rows.map((r) => r.policy_arn);
  }

  async attach(
    tx: EntityManager,
    accountId: string,
    principalId: string,
    policyArn: string,
    at: Date,
  ): Promise<void> {
    await tx.query(
      `INSERT INTO policy.attachments (principal_id, policy_arn, account_id, attached_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT DO NOTHING`,
      [principalId, policyArn, accountId, at],
    );
  }

  async detach(tx: EntityManager, principalId: string, policyArn: string): Promise<void> {
    await tx.query(`DELETE FROM policy.attachments WHERE principal_id = $1 AND policy_arn = $2`, [
      principalId,
      policyArn,
    ]);
  }

  async boundary(tx: EntityManager, principalId: string): Promise<string | null> {
    const rows = await tx.query<{ policy_arn: string }[]>(
      `SELECT policy_arn FROM policy.permissions_boundaries WHERE principal_id = $1`,
      [principalId],
    );
    return rows[0]?.policy_arn ?? null;
  }

  async setBoundary(
    tx: EntityManager,
    accountId: string,
    principalId: string,
    policyArn: string | null,
    at: Date,
  ): Promise<void> {
    if (policyArn === null) {
      await tx.query(`DELETE FROM policy.permissions_boundaries WHERE principal_id = $1`, [
        principalId,
      ]);
      return;
    }
    await tx.query(
      `INSERT INTO policy.permissions_boundaries (principal_id, policy_arn, account_id, set_at)
       VALUES ($1, $2, $3, $4)
       ON CONFLICT (principal_id) DO UPDATE SET policy_arn = EXCLUDED.policy_arn, set_at = EXCLUDED.set_at`,
      [principalId, policyArn, accountId, at],
    );
  }

  /**
   * The principals (of the replica) that use a policy: as an attached permissions policy and/or as a boundary.
   */
  async entitiesUsing(
    tx: EntityManager,
    accountId: string,
    policyArn: string,
    usage: { permissions: boolean; boundary: boolean },
  ): Promise<
    { principalId: string; kind: 'user' | 'group' | 'role'; name: string; path: string }[]
  > {
    return tx.query(
      `SELECT p.principal_id AS "principalId", p.kind, p.name, p.path FROM policy.principals p
       WHERE p.account_id = $1 AND (
         ($3::boolean AND EXISTS (SELECT 1 FROM policy.attachments a
            WHERE a.principal_id = p.principal_id AND a.policy_arn = $2))
         OR ($4::boolean AND EXISTS (SELECT 1 FROM policy.permissions_boundaries b
            WHERE b.principal_id = p.principal_id AND b.policy_arn = $2)))
       ORDER BY p.kind, lower(p.name) COLLATE "C"`,
      [accountId, policyArn, usage.permissions, usage.boundary],
    );
  }
}
