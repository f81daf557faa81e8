import type { EntityManager } from 'typeorm';

/** The kinds of principal that hold policies. */
export type PrincipalKind = 'user' | 'group' | 'role';

/** A user, group or role as the policy service's replica of identity knows it. */
export interface KnownPrincipal {
  readonly principalId: string;
  readonly accountId: string;
  readonly kind: PrincipalKind;
  readonly name: string;
  readonly path: string;
  readonly arn: string;
  readonly tags: readonly { readonly key: string; readonly value: string }[];
}

interface PrincipalRow {
  principal_id: string;
  account_id: string;
  kind: PrincipalKind;
  name: string;
  path: string;
  arn: string;
  tags: { key: string; value: string }[];
}

const COLUMNS = 'principal_id, account_id, kind, name, path, arn, tags';

function toPrincipal(row: PrincipalRow): KnownPrincipal {
  return {
    principalId: row.principal_id,
    accountId: row.account_id,
    kind: row.kind,
    name: row.name,
    path: row.path,
    arn: row.arn,
    tags: row.tags,
  };
}

/**
 * Reads of the principals replica (`policy.principals`, kept from identity's events by the replica consumer, which
 * owns the writes). Names are matched regardless of case, as AWS does.
 */
export class PrincipalDirectoryRepository {
  async findByName(
    tx: EntityManager,
    accountId: string,
    kind: PrincipalKind,
    name: string,
  ): Promise<KnownPrincipal | null> {
    const rows = await tx.query<PrincipalRow[]>(
      `SELECT ${COLUMNS} FROM policy.principals
       WHERE account_id = $1 AND kind = $2 AND lower(name) = lower($3)`,
      [accountId, kind, name],
    );
    return rows.length === 0 ? null : toPrincipal(rows[0]!);
  }

  async findById(tx: EntityManager, principalId: string): Promise<KnownPrincipal | null> {
    const rows = await tx.query<PrincipalRow[]>(
      `SELECT ${COLUMNS} FROM policy.principals WHERE principal_id = $1`,
      [principalId],
    );
    return rows.length === 0 ? null : toPrincipal(rows[0]!);
  }

  async findByArn(
    tx: EntityManager,
    accountId: string,
    arn: string,
  ): Promise<KnownPrincipal | null> {
    const rows = await tx.query<PrincipalRow[]>(
      `SELECT ${COLUMNS} FROM policy.principals WHERE account_id = $1 AND arn = $2`,
      [accountId, arn],
    );
    return rows.length === 0 ? null : toPrincipal(rows[0]!);
  }
}
