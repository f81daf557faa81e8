import type { EntityManager } from 'typeorm';

/** An inline policy of a principal (or of one of its groups), with the ARN of its holder. */
export interface InlinePolicyRow {
  readonly principalId: string;
  readonly holderArn: string | null;
  readonly policyName: string;
  readonly document: string;
}

/** A managed policy attached to a principal; `document` is the default version of a customer managed one. */
export interface AttachedPolicyRow {
  readonly principalId: string;
  readonly policyArn: string;
  /** null: an AWS managed policy (built in), or a customer managed policy that no longer exists. */
  readonly document: string | null;
}

/** A guardrail of the account. */
export interface GuardrailRow {
  readonly name: string;
  readonly document: string;
}

const ATTACHED_DOCUMENT = `
  LEFT JOIN policy.managed_policies m ON m.account_id = a.account_id AND m.arn = a.policy_arn
  LEFT JOIN policy.policy_versions v ON v.policy_id = m.policy_id AND v.version_id = m.default_version_id`;

/**
 * The reads that assemble a principal's effective policies from the store (inline policies, attachments with the
 * default version of customer managed policies, boundaries, guardrails, memberships). Run inside a transaction
 * scoped to the principal's account.
 */
export class EffectivePolicyRepository {
  /** The groups a user belongs to, in a stable order. */
  async groupsOf(tx: EntityManager, userId: string): Promise<string[]> {
    const rows = await tx.query<{ group_id: string }[]>(
      `SELECT group_id FROM policy.group_members WHERE user_id = $1 ORDER BY group_id`,
      [userId],
    );
    return rows.map((r) => r.group_id);
  }

  async inlinePolicies(
    tx: EntityManager,
    principalIds: readonly string[],
  ): Promise<InlinePolicyRow[]> {
    const rows = await tx.query<
      { principal_id: string; arn: string | null; policy_name: string; document: string }[]
    >(
      `SELECT i.principal_id, p.arn, i.policy_name, i.document
       FROM policy.inline_policies i LEFT JOIN policy.principals p ON p.principal_id = i.principal_id
       WHERE i.principal_id = ANY($1)
       ORDER BY array_position($1::text[], i.principal_id), i.policy_name`,
      [principalIds],
    );
    return rows.map((r) => ({
      principalId: r.principal_id,
      holderArn: r.arn,
      policyName: r.policy_name,
      document: r.document,
    }));
  }

  async attachedPolicies(
    tx: EntityManager,
    principalIds: readonly string[],
  ): Promise<AttachedPolicyRow[]> {
    const rows = await tx.query<
      { principal_id: string; policy_arn: string; document: string | null }[]
    >(
      `SELECT a.principal_id, a.policy_arn, v.document
       FROM policy.attachments a ${ATTACHED_DOCUMENT}
       WHERE a.principal_id = ANY($1)
       ORDER BY array_position($1::text[], a.principal_id), a.policy_arn`,
      [principalIds],
    );
    return rows.map((r) => ({
      principalId: r.principal_id,
      policyArn: r.policy_arn,
      document: r.document,
    }));
  }

  async permissionsBoundary(
    tx: EntityManager,
    principalId: string,
  ): Promise<AttachedPolicyRow | null> {
    const rows = await tx.query<
      { principal_id: string; policy_arn: string; document: string | null }[]
    >(
      `SELECT a.principal_id, a.policy_arn, v.document
       FROM policy.permissions_boundaries a ${ATTACHED_DOCUMENT}
       WHERE a.principal_id = $1`,
      [principalId],
    );
    const row = rows[0];
    return row === undefined
      ? null
      : { principalId: row.principal_id, policyArn: row.policy_arn, document: row.document };
  }

  async guardrails(tx: EntityManager, accountId: string): Promise<GuardrailRow[]> {
    const rows = await tx.query<{ guardrail_name: string; document: string }[]>(
      `SELECT guardrail_name, document FROM policy.guardrails WHERE account_id = $1 ORDER BY guardrail_name`,
      [accountId],
    );
    return rows.map((r) => ({ name: r.guardrail_name, document: r.document }));
  }

  /** Whether the replica consumer applied event `eventId` of the account (a consistency token's event). */
  async eventApplied(tx: EntityManager, consumerGroup: string, eventId: string): Promise<boolean> {
    const rows = await tx.query<unknown[]>(
      `SELECT 1 FROM policy.processed_events WHERE consumer_group = $1 AND event_id = $2`,
      [consumerGroup, eventId],
    );
    return rows.length > 0;
  }

  /** Whether the replica has applied the account's creation (which also attaches its first administrator's policy). */
  async accountKnown(tx: EntityManager, accountId: string): Promise<boolean> {
    const rows = await tx.query<unknown[]>(`SELECT 1 FROM policy.accounts WHERE account_id = $1`, [
      accountId,
    ]);
    return rows.length > 0;
  }

  /** Whether a principal with this ARN was deleted (and none with it has been created since, or not yet applied). */
  async deletedArn(tx: EntityManager, accountId: string, arn: string): Promise<boolean> {
    const rows = await tx.query<unknown[]>(
      `SELECT 1 FROM policy.principal_tombstones WHERE account_id = $1 AND arn = $2 LIMIT 1`,
      [accountId, arn],
    );
    return rows.length > 0;
  }
}
