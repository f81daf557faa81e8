import type { AccountId, CallerContext } from '@iam/common';
import { DeleteConflictError } from '@iam/common';
import type { EntityManager } from 'typeorm';
import type { UserEntity } from '../users/index.js';

/**
 * Something a principal owns or holds that blocks its deletion (AWS `DeleteConflict`) unless the caller forces a
 * cascading delete (users only): a login profile, MFA devices, access keys, inline and attached policies. Each
 * feature exports one; `deleteUser`, `deleteGroup` and `deleteRole` check theirs in their transaction.
 */
export interface PrincipalAttachment<P> {
  /** How the conflict message names it, plural: `MFA devices`, `login profiles`. */
  readonly kind: string;
  /** AWS's own words for the refusal, put first in the message when set (`Cannot delete entity, ...`). */
  readonly refusal?: string;
  /** What the caller must do first, as the message says it (default `delete them first`). */
  readonly remedy?: string;
  count(tx: EntityManager, accountId: AccountId, principalId: string): Promise<number>;
  /**
   * Runs before the principal's row goes, once nothing blocks the deletion (forced, or nothing held): removes
   * every one of them in `tx`, appending its own events to the outbox.
   */
  removeAll(
    tx: EntityManager,
    accountId: AccountId,
    principal: P,
    caller: CallerContext,
    now: Date,
  ): Promise<void>;
}

/** What blocks DeleteUser unless forced. */
export type UserAttachment = PrincipalAttachment<UserEntity>;

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

/** The principal being deleted, as a conflict names it. */
export interface DeletedPrincipal<P> {
  readonly principal: P;
  readonly id: string;
  /** `user`, `group`, `role`. */
  readonly kind: string;
  readonly name: string;
}

/**
 * Refuses the deletion (`DeleteConflict`) while the principal holds any of `attachments`, unless `force` (which
 * only users offer); then lets each attachment remove what it holds.
 */
export async function removeAttachments<P>(
  tx: EntityManager,
  accountId: AccountId,
  attachments: readonly PrincipalAttachment<P>[],
  deleted: DeletedPrincipal<P>,
  options: { readonly force: boolean | null; readonly caller: CallerContext; readonly now: Date },
): Promise<void> {
  for (const attachment of attachments) {
    const count = await attachment.count(tx, accountId, deleted.id);
    if (count > 0 && options.force !== true) {
      const prefix = attachment.refusal === undefined ? '' : `${attachment.refusal} `;
      const orForce = options.force === null ? '' : ' or pass force';
      throw new DeleteConflictError(
        `${prefix}${deleted.kind} \`${deleted.name}\` still has ${attachment.kind} (${count}); ${attachment.remedy ?? 'delete them first'}${orForce}`,
        { [`${deleted.kind}Name`]: deleted.name, kind: attachment.kind, count },
      );
    }
  }
  for (const attachment of attachments) {
    await attachment.removeAll(tx, accountId, deleted.principal, options.caller, options.now);
  }
}
