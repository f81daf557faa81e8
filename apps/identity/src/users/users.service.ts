import type { AccountId, CallerContext } from '@iam/common';
import { DeleteConflictError } from '@iam/common';
import type { UserEventType } from '@iam/event-contracts';
import { groupMembershipEvent } from '@iam/event-contracts';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import {
  actorOf,
  TaggedPrincipalUseCases,
  mergeTags,
  removeTags,
  checkName,
  checkPath,
  checkTags,
  newUniqueId,
  removeAttachments,
} from '../principals/index.js';
import type {
  AccountScoped,
  ListInput,
  Page,
  PageInput,
  Tag,
  PrincipalServiceDeps,
  Revised,
} from '../principals/index.js';
import type { StoredTag, UserEntity } from './user.entity.js';
import { UserAlreadyExistsError, UserNotFoundError } from './user.errors.js';
import { userChangedEvent } from './user.events.js';
import type { UserRepository } from './user.repository.js';

/** IAM users: authorize (on the user's real ARN once looked up), validate, one tenant transaction, outbox. */
export class UsersService {
  private readonly principals: TaggedPrincipalUseCases<UserEntity, UserEventType>;

  constructor(
    private readonly deps: PrincipalServiceDeps,
    private readonly users: UserRepository,
  ) {
    this.principals = new TaggedPrincipalUseCases(deps, users, {
      nameIndex: 'users_account_name_uq',
      notFound: (name) => new UserNotFoundError(name),
      alreadyExists: (name) => new UserAlreadyExistsError(name),
      changed: userChangedEvent,
    });
  }

  async createUser(
    caller: CallerContext,
    input: AccountScoped & {
      userName: string;
      path?: string | null;
      tags?: StoredTag[] | null;
    },
  ): Promise<UserEntity> {
    return this.principals.create(
      caller,
      { ...input, name: input.userName },
      'iam:CreateUser',
      'user.created.v1',
      ({ accountId, name, path, now }) =>
        newUser(accountId, name, path, checkTags(input.tags), now),
    );
  }

  /**
   * Creates a user in the caller's transaction `tx` (the account's first administrator, created with the account
   * by the platform administrator, who was authorized for CreateAccount): checked like CreateUser, with its
   * `user.created.v1`.
   */
  async createInTransaction(
    tx: EntityManager,
    caller: CallerContext,
    accountId: AccountId,
    input: { userName: string; path?: string | null },
    now: Date,
  ): Promise<UserEntity> {
    const { userName, path } = checkNewUser(input);
    const user = newUser(accountId, userName, path, [], now);
    await this.principals.insertNew(tx, accountId, user, userName, 'user.created.v1', caller, now);
    return user;
  }

  async getUser(
    caller: CallerContext,
    input: AccountScoped & { userName: string },
  ): Promise<UserEntity> {
    return this.principals.get(caller, input, input.userName, 'iam:GetUser');
  }

  async listUsers(caller: CallerContext, input: ListInput): Promise<Page<UserEntity>> {
    return this.principals.list(caller, input, 'iam:ListUsers');
  }

  /** AWS UpdateUser: renames and/or moves a user; the caller needs the action on the old and the new ARN. */
  async updateUser(
    caller: CallerContext,
    input: AccountScoped & {
      userName: string;
      newUserName?: string | null;
      newPath?: string | null;
    },
  ): Promise<Revised<UserEntity>> {
    return this.principals.move(
      caller,
      { ...input, name: input.userName, newName: input.newUserName },
      'iam:UpdateUser',
      'user.updated.v1',
    );
  }

  /**
   * AWS DeleteUser: a user still in groups, with a login profile, MFA devices or policies cannot be deleted
   * (`DeleteConflict`) unless `force`, which removes the memberships first (one `group.member-removed.v1` each) and
   * what the attachments hold, like the console's delete (the policy service removes the user's policies when it
   * applies `user.deleted.v1`). Answers the user's last state and the id of `user.deleted.v1`.
   */
  async deleteUser(
    caller: CallerContext,
    input: AccountScoped & { userName: string; force?: boolean | null },
  ): Promise<Revised<UserEntity>> {
    const force = input.force === true;
    return this.principals.delete(
      caller,
      input,
      input.userName,
      'iam:DeleteUser',
      'user.deleted.v1',
      // ON DELETE CASCADE removes the memberships.
      (tx, accountId, user, now) => this.removeOwned(tx, accountId, user, caller, now, force),
    );
  }

  async tagUser(
    caller: CallerContext,
    input: AccountScoped & { userName: string; tags: StoredTag[] },
  ): Promise<Revised<UserEntity>> {
    return this.principals.retag(
      caller,
      input,
      input.userName,
      'iam:TagUser',
      'user.tagged.v1',
      (tags) => mergeTags(tags, input.tags),
    );
  }

  async untagUser(
    caller: CallerContext,
    input: AccountScoped & { userName: string; tagKeys: string[] },
  ): Promise<Revised<UserEntity>> {
    return this.principals.retag(
      caller,
      input,
      input.userName,
      'iam:UntagUser',
      'user.untagged.v1',
      (tags) => removeTags(tags, input.tagKeys),
    );
  }

  /** AWS ListUserTags: the user's tags, paged by position. */
  async listUserTags(
    caller: CallerContext,
    input: AccountScoped & PageInput & { userName: string },
  ): Promise<Page<Tag>> {
    return this.principals.listTags(caller, input, input.userName, 'iam:ListUserTags');
  }

  /**
   * What DeleteUser removes before the user: its group memberships (with their events) and its attachments (login
   * profile, MFA devices), each a `DeleteConflict` unless `force`; then the `onUserDeleted` hook (its sessions).
   */
  private async removeOwned(
    tx: EntityManager,
    accountId: AccountId,
    user: UserEntity,
    caller: CallerContext,
    now: Date,
    force: boolean,
  ): Promise<void> {
    const groups = await this.users.groupMemberships(tx, accountId, user.userId);
    if (groups.length > 0 && !force) {
      throw new DeleteConflictError(
        `user \`${user.userName}\` is a member of ${groups.length} group(s); remove it from them or pass force`,
        { userName: user.userName, groupCount: groups.length },
      );
    }
    await removeAttachments(
      tx,
      accountId,
      this.deps.userAttachments ?? [],
      { principal: user, id: user.userId, kind: 'user', name: user.userName },
      { force, caller, now },
    );
    for (const group of groups) {
      await this.deps.outbox.append(
        tx,
        groupMembershipEvent(
          'group.member-removed.v1',
          { id: randomUUID(), occurredAt: now.toISOString(), actor: actorOf(caller) },
          {
            accountId,
            groupId: group.group_id,
            groupName: group.group_name,
            userId: user.userId,
            userName: user.userName,
          },
        ),
      );
    }
    await this.deps.onUserDeleted?.(tx, accountId, user, caller, now);
  }
}

/** A CreateUser's name and path, checked (`InvalidInput` otherwise). */
export function checkNewUser(input: { userName: string; path?: string | null }): {
  userName: string;
  path: string;
} {
  return { path: checkPath(input.path), userName: checkName('user', input.userName) };
}

function newUser(
  accountId: AccountId,
  userName: string,
  path: string,
  tags: StoredTag[],
  now: Date,
): UserEntity {
  return {
    userId: newUniqueId('user'),
    accountId,
    userName,
    path,
    tags,
    createdAt: now,
    updatedAt: now,
  };
}
