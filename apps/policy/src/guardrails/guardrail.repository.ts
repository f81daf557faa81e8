import type { EntityManager } from 'typeorm';

/** An account guardrail as stored. */
export interface StoredGuardrail {
  readonly accountId: string;
  readonly name: string;
  readonly document: string;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

interface GuardrailRow {
  account_id: string;
  guardrail_name: string;
  document: string;
  created_at: Date;
  updated_at: Date;
}

function toGuardrail(row: GuardrailRow): StoredGuardrail {
  return {
    accountId: row.account_id,
    name: row.guardrail_name,
    document: row.document,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** The account guardrails (`policy.guardrails`), in name order. */
export class GuardrailRepository {
  async list(tx: EntityManager, accountId: string): Promise<StoredGuardrail[]> {
    const rows = await tx.query<GuardrailRow[]>(
      `SELECT account_id, guardrail_name, document, created_at, updated_at FROM policy.guardrails
       WHERE account_id = $1 ORDER BY guardrail_name COLLATE "C"`,
      [accountId],
    );
    return rows.map(toGuardrail);
  }

  async put(tx: EntityManager, guardrail: StoredGuardrail): Promise<void> {
    await tx.query(
      `INSERT INTO policy.guardrails (account_id, guardrail_name, document, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (account_id, guardrail_name)
       DO UPDATE SET document = EXCLUDED.document, updated_at = EXCLUDED.updated_at`,
      [
        guardrail.accountId,
        guardrail.name,
        guardrail.document,
        guardrail.createdAt,
        guardrail.updatedAt,
      ],
    );
  }

  async delete(tx: EntityManager, accountId: string, name: string): Promise<void> {
    await tx.query(`DELETE FROM policy.guardrails WHERE account_id = $1 AND guardrail_name = $2`, [
      accountId,
      name,
    ]);
  }
}
