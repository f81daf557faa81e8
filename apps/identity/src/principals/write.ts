import type { AccountId } from '@iam/common';
import { UniqueViolation, toPersistenceError } from '@iam/persistence';
import type { EntityManager } from 'typeorm';
import type { PrincipalServiceDeps } from './service-deps.js';

/** The domain error each unique index's violation means (`users_account_name_uq` → `EntityAlreadyExists`, ...). */
export type UniqueConflicts = Readonly<Record<string, () => Error>>;

/**
 * Runs `work` in one tenant transaction of `accountId` (its changes and their outbox rows commit together), nudges
 * the outbox relay once it has committed, and maps a violated unique index named in `conflicts` to its domain error
 * (a concurrent create that passed the lookup); any other database error goes through `toPersistenceError`.
 */
export async function write<T>(
  deps: Pick<PrincipalServiceDeps, 'tenantTx' | 'relay'>,
  accountId: AccountId,
  work: (tx: EntityManager) => Promise<T>,
  conflicts: UniqueConflicts = {},
): Promise<T> {
  try {
    const result = await deps.tenantTx.run(accountId, work);
    deps.relay.notify();
    return result;
  } catch (error) {
    const mapped = toPersistenceError(error);
    if (mapped instanceof UniqueViolation && Object.hasOwn(conflicts, mapped.constraint)) {
      throw conflicts[mapped.constraint]!();
    }
    throw mapped;
  }
}
