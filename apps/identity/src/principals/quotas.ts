import type { EntityManager } from 'typeorm';
import { LimitExceededError, NoSuchEntityError } from '@iam/common';
import type { AccountQuotaEntity } from './account-quota.entity.js';
import { AccountQuotaRepository } from './account-quota.repository.js';
import type { PrincipalKind } from './iam-rules.js';

// AWS: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html — default quotas per account.
// A row in identity.account_quotas overrides them per account (NULL: the default).
export const DEFAULT_QUOTAS: Readonly<Record<PrincipalKind, number>> = {
  user: 5000,
  group: 300,
  role: 1000,
};

const COLUMN = { user: 'maxUsers', group: 'maxGroups', role: 'maxRoles' } as const;

/** The account's quota of `kind`: its override, or AWS's default. */
export function quotaOf(overrides: AccountQuotaEntity | null, kind: PrincipalKind): number {
  return overrides?.[COLUMN[kind]] ?? DEFAULT_QUOTAS[kind];
}

/**
 * Locks the account row (concurrent creations in one account serialise on it, so they cannot both pass a count)
 * and answers its quota of `kind` and its alias; `NoSuchEntity` when there is no such account.
 */
export async function lockQuota(
  tx: EntityManager,
  accountId: string,
  kind: PrincipalKind,
  quotas: AccountQuotaRepository = new AccountQuotaRepository(),
): Promise<{ readonly limit: number; readonly alias: string | null }> {
  const account = await quotas.lockAccount(tx, accountId);
  // Only the platform administrator can name an account that does not exist.
  if (account === null) throw new NoSuchEntityError('account', accountId);
  return { limit: quotaOf(await quotas.overrides(tx, accountId), kind), alias: account.alias };
}

/** Throws `LimitExceeded` when the account already holds its quota of `kind` (see {@link lockQuota}). */
export async function requireQuota(
  tx: EntityManager,
  accountId: string,
  kind: PrincipalKind,
  quotas: AccountQuotaRepository = new AccountQuotaRepository(),
): Promise<void> {
  const { limit } = await lockQuota(tx, accountId, kind, quotas);
  if ((await quotas.count(tx, accountId, kind)) >= limit) {
    throw new LimitExceededError(`the account may hold at most ${limit} ${kind}s`, {
      quota: `${kind}s`,
      limit,
    });
  }
}
