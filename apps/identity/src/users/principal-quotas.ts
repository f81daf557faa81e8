import type { EntityManager } from 'typeorm';
import { LimitExceededError, NoSuchEntityError } from '@iam/common';
import { AccountQuotaEntity } from './account-quota.entity.js';
import type { PrincipalKind } from './iam-rules.js';

// AWS: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html — default quotas per account.
// A row in identity.account_quotas overrides them per account (NULL: the default).
export const DEFAULT_QUOTAS: Readonly<Record<PrincipalKind, number>> = {
  user: 5000,
  group: 300,
  role: 1000,
};

const TABLE: Record<PrincipalKind, string> = {
  user: 'identity.users',
  group: 'identity.groups',
  role: 'identity.roles',
};

/**
 * Throws `LimitExceeded` when the account already holds its quota of `kind`. Locks the account row first, so
 * concurrent creations in one account serialise and cannot both pass the count.
 */
export async function requireQuota(
  tx: EntityManager,
  accountId: string,
  kind: PrincipalKind,
): Promise<void> {
  const account = await tx.query<unknown[]>(
    `SELECT 1 FROM identity.accounts WHERE account_id = $1 FOR UPDATE`,
    [accountId],
  );
  // Only the platform administrator can name an account that does not exist.
  if (account.length === 0) throw new NoSuchEntityError('account', accountId);
  const override = await tx.findOne(AccountQuotaEntity, { where: { accountId } });
  const column = { user: 'maxUsers', group: 'maxGroups', role: 'maxRoles' } as const;
  const limit = override?.[column[kind]] ?? DEFAULT_QUOTAS[kind];
  const rows = await tx.query<{ n: number }[]>(
    `SELECT count(*)::int AS n FROM ${TABLE[kind]} WHERE account_id = $1`,
    [accountId],
  );
  const count = rows[0]?.n ?? 0;
  if (count >= limit) {
    throw new LimitExceededError(`the account may hold at most ${limit} ${kind}s`, {
      quota: `${kind}s`,
      limit,
    });
  }
}
