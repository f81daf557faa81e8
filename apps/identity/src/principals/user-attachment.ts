import type { AccountId, CallerContext } from '@iam/common';
import type { EntityManager } from 'typeorm';
import type { UserEntity } from '../users/index.js';

/**
 * Something a user owns that blocks its deletion (AWS `DeleteConflict`) unless the caller forces a cascading
 * delete: a login profile, MFA devices, access keys, attached policies. Each feature exports one; `deleteUser`
 * checks them all in its transaction.
 */
export interface UserAttachment {
  /** How the conflict message names it, plural: `MFA devices`, `login profiles`. */
  readonly kind: string;
  count(tx: EntityManager, accountId: AccountId, userId: string): Promise<number>;
  /** Forced delete: removes every one of them in `tx`, appending its own events to the outbox. */
  removeAll(
    tx: EntityManager,
    accountId: AccountId,
    user: UserEntity,
    caller: CallerContext,
    now: Date,
  ): Promise<void>;
}

/** A {@link UserAttachment} whose conflicts `owned.countForUser` counts. */
export function userAttachment(
  kind: string,
  owned: { countForUser(tx: EntityManager, accountId: string, userId: string): Promise<number> },
  removeAll: UserAttachment['removeAll'],
): UserAttachment {
  return {
    kind,
    count: (tx, accountId, userId) => owned.countForUser(tx, accountId, userId),
    removeAll,
  };
}
