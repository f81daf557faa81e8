import type { AccountId, CallerContext } from '@iam/common';
import type { EntityManager } from 'typeorm';
import type { Authorizer } from '../authorization/authorizer.js';
import { authorizeExistingUser } from '../authorization/authorize-existing.js';
import type { UserEntity } from './user.entity.js';
import { UserNotFoundError } from './user.errors.js';
import type { UserRepository } from './user.repository.js';

/**
 * The user a credential operation names (login profile, MFA device, ...): looked up by name (`lock`: held for the
 * rest of the transaction), then, with `access`, authorized on its real ARN as AWS does, and only then
 * `NoSuchEntity` when missing — so a denied caller cannot tell whether the user exists.
 */
export async function findExistingUser(
  deps: { readonly authorizer: Authorizer; readonly partition: string },
  users: UserRepository,
  tx: EntityManager,
  accountId: AccountId,
  userName: string,
  lock: boolean,
  access?: { readonly caller: CallerContext; readonly action: string },
): Promise<UserEntity> {
  const user = await users.findByName(tx, accountId, userName, lock);
  if (access !== undefined) {
    authorizeExistingUser(
      deps.authorizer,
      access.caller,
      access.action,
      accountId,
      deps.partition,
      user,
      userName,
    );
  }
  if (!user) throw new UserNotFoundError(userName);
  return user;
}
