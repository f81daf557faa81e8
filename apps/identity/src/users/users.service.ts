import type { AccountId, CallerContext, Page } from '@iam/common';
import { DeleteConflictError, VERSIONED_MARKER, toPage as toCommonPage } from '@iam/common';
import type { Outbox, OutboxRelay } from '@iam/messaging';
import type { TenantTransaction } from '@iam/persistence';
import { UniqueViolation, toPersistenceError } from '@iam/persistence';
import type { EntityManager } from 'typeorm';
import type { Authorizer } from '../authorization/authorizer.js';
import { targetAccount } from '../authorization/authorizer.js';
import { authorizeExisting } from '../authorization/authorize-existing.js';
import type { StoredTag, UserEntity } from './user.entity.js';
import { UserAlreadyExistsError, UserNotFoundError } from './user.errors.js';
import { userChangedEvent } from './user.events.js';
import type { UserAttachment } from './user-attachment.js';
import type { UserRepository } from './user.repository.js';
import {
  checkMove,
  checkName,
  checkPath,
  checkPathPrefix,
  checkTags,
  decodeMarker,
  mergeTags,
  newUniqueId,
  pageSize,
  principalArn,
  removeTags,
} from './iam-rules.js';
import { requireQuota } from './principal-quotas.js';
import { groupMembershipEvent } from '@iam/event-contracts';
import { randomUUID } from 'node:crypto';
import { actorOf } from '../accounts/account.events.js';

/** Dependencies of the user use cases (shared by groups and roles). */
export interface PrincipalServiceDeps {
  readonly tenantTx: TenantTransaction;
  readonly authorizer: Authorizer;
  readonly outbox: Outbox;
  readonly relay: Pick<OutboxRelay, 'notify'>;
  readonly partition: string;
  readonly now: () => Date;
  /** What blocks `deleteUser` unless forced (login profiles, MFA devices, ...). */
  readonly userAttachments?: readonly UserAttachment[];
  /**
   * Runs in `deleteUser`'s transaction before the row goes: ends what the user's credentials still hold that does
   * not block deletion (its sessions, whose tokens must stop working with the commit).
   */
  readonly onUserDeleted?: (
    tx: EntityManager,
    accountId: AccountId,
    user: UserEntity,
    caller: CallerContext,
    now: Date,
  ) => Promise<void>;
}

/** Every operation may name an account; only the platform administrator must. */
export interface AccountScoped {
  readonly accountId?: string | null;
}

export type { Page } from '@iam/common';

/** Cuts `limit + 1` rows into a page and its marker (identity's versioned marker). */
export function toPage<T>(rows: T[], limit: number, sortKey: (row: T) => string): Page<T> {
  return toCommonPage(rows, limit, sortKey, VERSIONED_MARKER);
}

/** IAM users: authorize (on the user's real ARN once looked up), validate, one tenant transaction, outbox. */
export class UsersService {
  constructor(
    private readonly deps: PrincipalServiceDeps,
    private readonly users: UserRepository,
  ) {}

  private arn(accountId: string, path: string, name: string): string {
    return principalArn(this.deps.partition, accountId, 'user', path, name);
  }

  async createUser(
    caller: CallerContext,
    input: AccountScoped & {
      userName: string;
      path?: string | null;
      tags?: StoredTag[] | null;
    },
  ): Promise<UserEntity> {
    const accountId = targetAccount(caller, input.accountId);
    const path = checkPath(input.path);
    this.deps.authorizer.require(
      caller,
      'iam:CreateUser',
      this.arn(accountId, path, input.userName),
      accountId,
    );
    const userName = checkName('user', input.userName);
    const tags = checkTags(input.tags);
    const now = this.deps.now();
    const user: UserEntity = {
      userId: newUniqueId('user'),
      accountId,
      userName,
      path,
      tags,
      createdAt: now,
      updatedAt: now,
    };
    return this.write(accountId, userName, async (tx) => {
      await requireQuota(tx, accountId, 'user');
      if (await this.users.findByName(tx, accountId, userName))
        throw new UserAlreadyExistsError(userName);
      await this.users.insert(tx, user);
      await this.deps.outbox.append(
        tx,
        userChangedEvent('user.created.v1', user, this.deps.partition, caller, now),
      );
      return user;
    });
  }

  async getUser(
    caller: CallerContext,
    input: AccountScoped & { userName: string },
  ): Promise<UserEntity> {
    const accountId = targetAccount(caller, input.accountId);
    return this.deps.tenantTx.run(accountId, (tx) =>
      this.existing(tx, caller, 'iam:GetUser', accountId, input.userName),
    );
  }

  async listUsers(
    caller: CallerContext,
    input: AccountScoped & {
      pathPrefix?: string | null;
      marker?: string | null;
      maxItems?: number | null;
    },
  ): Promise<Page<UserEntity>> {
    const accountId = targetAccount(caller, input.accountId);
    this.deps.authorizer.require(
      caller,
      'iam:ListUsers',
      principalArn(this.deps.partition, accountId, 'user', '/', '*'),
      accountId,
    );
    const prefix = checkPathPrefix(input.pathPrefix);
    const limit = pageSize(input.maxItems);
    const after = decodeMarker(input.marker);
    const rows = await this.deps.tenantTx.run(accountId, (tx) =>
      this.users.list(tx, accountId, prefix, after, limit + 1),
    );
    return toPage(rows, limit, (u) => u.userName.toLowerCase());
  }

  /** AWS UpdateUser: renames and/or moves a user; the caller needs the action on the old and the new ARN. */
  async updateUser(
    caller: CallerContext,
    input: AccountScoped & {
      userName: string;
      newUserName?: string | null;
      newPath?: string | null;
    },
  ): Promise<UserEntity> {
    const accountId = targetAccount(caller, input.accountId);
    return this.write(accountId, input.newUserName ?? input.userName, async (tx) => {
      const user = await this.users.findByName(tx, accountId, input.userName, true);
      this.authorize(caller, 'iam:UpdateUser', accountId, input.userName, user);
      const { newName, newPath } = checkMove('user', input.newUserName, input.newPath);
      if (newName !== null || newPath !== null) {
        // The new ARN keeps the user's current path (or name) unless a new one is given.
        authorizeExisting(
          this.deps.authorizer,
          caller,
          'iam:UpdateUser',
          accountId,
          user,
          (u) => this.arn(accountId, newPath ?? u.path, newName ?? u.userName),
          this.arn(accountId, newPath ?? '/', newName ?? input.userName),
        );
      }
      if (!user) throw new UserNotFoundError(input.userName);
      if (newName !== null && newName.toLowerCase() !== user.userName.toLowerCase()) {
        if (await this.users.findByName(tx, accountId, newName))
          throw new UserAlreadyExistsError(newName);
      }
      const now = this.deps.now();
      const next: UserEntity = {
        ...user,
        userName: newName ?? user.userName,
        path: newPath ?? user.path,
        updatedAt: now,
      };
      await this.users.update(tx, next);
      await this.deps.outbox.append(
        tx,
        userChangedEvent('user.updated.v1', next, this.deps.partition, caller, now),
      );
      return next;
    });
  }

  /**
   * AWS DeleteUser: a user still in groups cannot be deleted (`DeleteConflict`) unless `force`, which removes the
   * memberships first (one `group.member-removed.v1` each), like the console's delete.
   */
  async deleteUser(
    caller: CallerContext,
    input: AccountScoped & { userName: string; force?: boolean | null },
  ): Promise<UserEntity> {
    const accountId = targetAccount(caller, input.accountId);
    return this.write(accountId, input.userName, async (tx) => {
      const user = await this.existing(
        tx,
        caller,
        'iam:DeleteUser',
        accountId,
        input.userName,
        true,
      );
      const groups = await tx.query<{ group_id: string; group_name: string }[]>(
        `SELECT g.group_id, g.group_name FROM identity.group_members m
         JOIN identity.groups g ON g.group_id = m.group_id
         WHERE m.account_id = $1 AND m.user_id = $2 ORDER BY lower(g.group_name)`,
        [accountId, user.userId],
      );
      if (groups.length > 0 && input.force !== true) {
        throw new DeleteConflictError(
          `user \`${user.userName}\` is a member of ${groups.length} group(s); remove it from them or pass force`,
          { userName: user.userName, groupCount: groups.length },
        );
      }
      const attachments = this.deps.userAttachments ?? [];
      for (const attachment of attachments) {
        const count = await attachment.count(tx, accountId, user.userId);
        if (count > 0 && input.force !== true) {
          throw new DeleteConflictError(
            `user \`${user.userName}\` has ${count} ${attachment.kind}; delete them first or pass force`,
            { userName: user.userName, kind: attachment.kind, count },
          );
        }
      }
      const now = this.deps.now();
      for (const attachment of attachments) {
        await attachment.removeAll(tx, accountId, user, caller, now);
      }
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
      // ON DELETE CASCADE removes the memberships.
      await this.users.delete(tx, user);
      await this.deps.outbox.append(
        tx,
        userChangedEvent('user.deleted.v1', user, this.deps.partition, caller, now),
      );
      return user;
    });
  }

  async tagUser(
    caller: CallerContext,
    input: AccountScoped & { userName: string; tags: StoredTag[] },
  ): Promise<UserEntity> {
    return this.retag(caller, input, 'iam:TagUser', 'user.tagged.v1', (tags) =>
      mergeTags(tags, input.tags),
    );
  }

  async untagUser(
    caller: CallerContext,
    input: AccountScoped & { userName: string; tagKeys: string[] },
  ): Promise<UserEntity> {
    return this.retag(caller, input, 'iam:UntagUser', 'user.untagged.v1', (tags) =>
      removeTags(tags, input.tagKeys),
    );
  }

  /** AWS ListUserTags: the user's tags, paged by position. */
  async listUserTags(
    caller: CallerContext,
    input: AccountScoped & { userName: string; marker?: string | null; maxItems?: number | null },
  ): Promise<Page<StoredTag>> {
    const accountId = targetAccount(caller, input.accountId);
    const limit = pageSize(input.maxItems);
    const after = decodeMarker(input.marker);
    const user = await this.deps.tenantTx.run(accountId, (tx) =>
      this.existing(tx, caller, 'iam:ListUserTags', accountId, input.userName),
    );
    return tagPage(user.tags, after, limit);
  }

  private async retag(
    caller: CallerContext,
    input: AccountScoped & { userName: string },
    action: string,
    type: 'user.tagged.v1' | 'user.untagged.v1',
    change: (tags: StoredTag[]) => StoredTag[],
  ): Promise<UserEntity> {
    const accountId = targetAccount(caller, input.accountId);
    return this.write(accountId, input.userName, async (tx) => {
      const user = await this.existing(tx, caller, action, accountId, input.userName, true);
      const now = this.deps.now();
      const next: UserEntity = { ...user, tags: change(user.tags), updatedAt: now };
      await this.users.update(tx, next);
      await this.deps.outbox.append(
        tx,
        userChangedEvent(type, next, this.deps.partition, caller, now),
      );
      return next;
    });
  }

  /** `action` on the user's real ARN (or its name's with path `/` when it does not exist). */
  private authorize(
    caller: CallerContext,
    action: string,
    accountId: AccountId,
    userName: string,
    user: UserEntity | null,
  ): void {
    authorizeExisting(
      this.deps.authorizer,
      caller,
      action,
      accountId,
      user,
      (u) => this.arn(accountId, u.path, u.userName),
      this.arn(accountId, '/', userName),
    );
  }

  /** Looks the user up, authorizes `action` on it, then answers `NoSuchEntity` when it does not exist. */
  private async existing(
    tx: EntityManager,
    caller: CallerContext,
    action: string,
    accountId: AccountId,
    userName: string,
    lock = false,
  ): Promise<UserEntity> {
    const user = await this.users.findByName(tx, accountId, userName, lock);
    this.authorize(caller, action, accountId, userName, user);
    if (!user) throw new UserNotFoundError(userName);
    return user;
  }

  /** One tenant transaction; maps the name index to EntityAlreadyExists and nudges the relay on success. */
  private async write<T>(
    accountId: AccountId,
    userName: string,
    work: (tx: EntityManager) => Promise<T>,
  ): Promise<T> {
    try {
      const result = await this.deps.tenantTx.run(accountId, work);
      this.deps.relay.notify();
      return result;
    } catch (error) {
      const mapped = toPersistenceError(error);
      if (mapped instanceof UniqueViolation && mapped.constraint === 'users_account_name_uq') {
        throw new UserAlreadyExistsError(userName);
      }
      throw mapped;
    }
  }
}

/** Pages a tag list by the lower-case key of the last tag returned. */
export function tagPage(tags: readonly StoredTag[], after: string | null, limit: number) {
  const start = after === null ? 0 : tags.findIndex((t) => t.key.toLowerCase() === after) + 1;
  return toPage(tags.slice(start, start + limit + 1), limit, (t) => t.key.toLowerCase());
}
