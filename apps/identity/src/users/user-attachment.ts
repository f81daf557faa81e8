import type { AccountId, CallerContext } from '@iam/common';
import type { EntityManager } from 'typeorm';
import type { UserEntity } from './user.entity.js';

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
