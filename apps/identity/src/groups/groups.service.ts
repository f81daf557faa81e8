import type { AccountId, CallerContext } from '@iam/common';
import { DeleteConflictError, LimitExceededError, NoSuchEntityError } from '@iam/common';
import { UniqueViolation, toPersistenceError } from '@iam/persistence';
import type { EntityManager } from 'typeorm';
import { targetAccount } from '../authorization/authorizer.js';
import { authorizeExisting } from '../authorization/authorize-existing.js';
import {
  MAX_GROUPS_PER_USER,
  checkMove,
  checkName,
  checkPath,
  checkPathPrefix,
  decodeMarker,
  newUniqueId,
  pageSize,
  principalArn,
} from '../users/iam-rules.js';
import { requireQuota } from '../users/principal-quotas.js';
import type { UserEntity } from '../users/user.entity.js';
import { UserNotFoundError } from '../users/user.errors.js';
import type { UserRepository } from '../users/user.repository.js';
import type { AccountScoped, Page, PrincipalServiceDeps } from '../users/users.service.js';
import { toPage } from '../users/users.service.js';
import type { GroupEntity } from './group.entity.js';
import { GroupAlreadyExistsError, GroupNotFoundError } from './group.errors.js';
import { groupChangedEvent, membershipEvent } from './group.events.js';
import type { GroupRepository } from './group.repository.js';

/** A group with one page of its members (AWS GetGroup). */
export interface GroupWithUsers extends Page<UserEntity> {
  readonly group: GroupEntity;
}

/** IAM groups and their memberships. */
export class GroupsService {
  constructor(
    private readonly deps: PrincipalServiceDeps,
    private readonly groups: GroupRepository,
    private readonly users: UserRepository,
  ) {}

  private arn(accountId: string, path: string, name: string): string {
    return principalArn(this.deps.partition, accountId, 'group', path, name);
  }

  private userArn(accountId: string, path: string, name: string): string {
    return principalArn(this.deps.partition, accountId, 'user', path, name);
  }

  async createGroup(
    caller: CallerContext,
    input: AccountScoped & { groupName: string; path?: string | null },
  ): Promise<GroupEntity> {
    const accountId = targetAccount(caller, input.accountId);
    const path = checkPath(input.path);
    this.deps.authorizer.require(
      caller,
      'iam:CreateGroup',
      this.arn(accountId, path, input.groupName),
      accountId,
    );
    const groupName = checkName('group', input.groupName);
    const now = this.deps.now();
    const group: GroupEntity = {
      groupId: newUniqueId('group'),
      accountId,
      groupName,
      path,
      createdAt: now,
      updatedAt: now,
    };
    return this.write(accountId, groupName, async (tx) => {
      await requireQuota(tx, accountId, 'group');
      if (await this.groups.findByName(tx, accountId, groupName))
        throw new GroupAlreadyExistsError(groupName);
      await this.groups.insert(tx, group);
      await this.deps.outbox.append(
        tx,
        groupChangedEvent('group.created.v1', group, this.deps.partition, caller, now),
      );
      return group;
    });
  }

  /** AWS GetGroup: the group and a page of its users. */
  async getGroup(
    caller: CallerContext,
    input: AccountScoped & { groupName: string; marker?: string | null; maxItems?: number | null },
  ): Promise<GroupWithUsers> {
    const accountId = targetAccount(caller, input.accountId);
    const limit = pageSize(input.maxItems);
    const after = decodeMarker(input.marker);
    return this.deps.tenantTx.run(accountId, async (tx) => {
      const group = await this.existing(tx, caller, 'iam:GetGroup', accountId, input.groupName);
      const rows = await this.groups.members(tx, accountId, group.groupId, after, limit + 1);
      return { group, ...toPage(rows, limit, (u) => u.userName.toLowerCase()) };
    });
  }

  async listGroups(
    caller: CallerContext,
    input: AccountScoped & {
      pathPrefix?: string | null;
      marker?: string | null;
      maxItems?: number | null;
    },
  ): Promise<Page<GroupEntity>> {
    const accountId = targetAccount(caller, input.accountId);
    this.deps.authorizer.require(
      caller,
      'iam:ListGroups',
      this.arn(accountId, '/', '*'),
      accountId,
    );
    const prefix = checkPathPrefix(input.pathPrefix);
    const limit = pageSize(input.maxItems);
    const after = decodeMarker(input.marker);
    const rows = await this.deps.tenantTx.run(accountId, (tx) =>
      this.groups.list(tx, accountId, prefix, after, limit + 1),
    );
    return toPage(rows, limit, (g) => g.groupName.toLowerCase());
  }

  /** AWS UpdateGroup: renames and/or moves a group (authorized on the old and the new ARN). */
  async updateGroup(
    caller: CallerContext,
    input: AccountScoped & {
      groupName: string;
      newGroupName?: string | null;
      newPath?: string | null;
    },
  ): Promise<GroupEntity> {
    const accountId = targetAccount(caller, input.accountId);
    return this.write(accountId, input.newGroupName ?? input.groupName, async (tx) => {
      const group = await this.groups.findByName(tx, accountId, input.groupName, true);
      this.authorize(caller, 'iam:UpdateGroup', accountId, input.groupName, group);
      const { newName, newPath } = checkMove('group', input.newGroupName, input.newPath);
      if (newName !== null || newPath !== null) {
        // The new ARN keeps the group's current path (or name) unless a new one is given.
        authorizeExisting(
          this.deps.authorizer,
          caller,
          'iam:UpdateGroup',
          accountId,
          group,
          (g) => this.arn(accountId, newPath ?? g.path, newName ?? g.groupName),
          this.arn(accountId, newPath ?? '/', newName ?? input.groupName),
        );
      }
      if (!group) throw new GroupNotFoundError(input.groupName);
      if (newName !== null && newName.toLowerCase() !== group.groupName.toLowerCase()) {
        if (await this.groups.findByName(tx, accountId, newName))
          throw new GroupAlreadyExistsError(newName);
      }
      const now = this.deps.now();
      const next: GroupEntity = {
        ...group,
        groupName: newName ?? group.groupName,
        path: newPath ?? group.path,
        updatedAt: now,
      };
      await this.groups.update(tx, next);
      await this.deps.outbox.append(
        tx,
        groupChangedEvent('group.updated.v1', next, this.deps.partition, caller, now),
      );
      return next;
    });
  }

  /** AWS DeleteGroup: a group with members cannot be deleted (`DeleteConflict`). */
  async deleteGroup(
    caller: CallerContext,
    input: AccountScoped & { groupName: string },
  ): Promise<GroupEntity> {
    const accountId = targetAccount(caller, input.accountId);
    return this.write(accountId, input.groupName, async (tx) => {
      const group = await this.existing(
        tx,
        caller,
        'iam:DeleteGroup',
        accountId,
        input.groupName,
        true,
      );
      const members = await this.groups.countMembers(tx, accountId, group.groupId);
      if (members > 0) {
        throw new DeleteConflictError(
          `group \`${group.groupName}\` still has ${members} member(s); remove them first`,
          { groupName: group.groupName, memberCount: members },
        );
      }
      await this.groups.delete(tx, group);
      await this.deps.outbox.append(
        tx,
        groupChangedEvent('group.deleted.v1', group, this.deps.partition, caller, this.deps.now()),
      );
      return group;
    });
  }

  /** AWS AddUserToGroup: idempotent; a user may be in at most 10 groups (`LimitExceeded`). */
  async addUserToGroup(
    caller: CallerContext,
    input: AccountScoped & { groupName: string; userName: string },
  ): Promise<GroupEntity> {
    const accountId = targetAccount(caller, input.accountId);
    return this.write(accountId, input.groupName, async (tx) => {
      const group = await this.existing(
        tx,
        caller,
        'iam:AddUserToGroup',
        accountId,
        input.groupName,
        true,
      );
      const user = await this.existingUser(tx, accountId, input.userName, true);
      if (await this.groups.isMember(tx, accountId, group.groupId, user.userId)) return group;
      const count = await this.groups.countGroupsOf(tx, accountId, user.userId);
      if (count >= MAX_GROUPS_PER_USER) {
        throw new LimitExceededError(
          `user \`${user.userName}\` is already a member of ${MAX_GROUPS_PER_USER} groups`,
          { userName: user.userName, limit: MAX_GROUPS_PER_USER },
        );
      }
      const now = this.deps.now();
      await this.groups.addMember(tx, {
        accountId,
        groupId: group.groupId,
        userId: user.userId,
        addedAt: now,
      });
      await this.deps.outbox.append(
        tx,
        membershipEvent('group.member-added.v1', group, user, caller, now),
      );
      return group;
    });
  }

  /** AWS RemoveUserFromGroup: `NoSuchEntity` when the user is not a member. */
  async removeUserFromGroup(
    caller: CallerContext,
    input: AccountScoped & { groupName: string; userName: string },
  ): Promise<GroupEntity> {
    const accountId = targetAccount(caller, input.accountId);
    return this.write(accountId, input.groupName, async (tx) => {
      const group = await this.existing(
        tx,
        caller,
        'iam:RemoveUserFromGroup',
        accountId,
        input.groupName,
        true,
      );
      const user = await this.existingUser(tx, accountId, input.userName, true);
      if (!(await this.groups.isMember(tx, accountId, group.groupId, user.userId))) {
        throw new NoSuchEntityError('member of group', `${group.groupName}/${user.userName}`);
      }
      await this.groups.removeMember(tx, accountId, group.groupId, user.userId);
      await this.deps.outbox.append(
        tx,
        membershipEvent('group.member-removed.v1', group, user, caller, this.deps.now()),
      );
      return group;
    });
  }

  /** AWS ListGroupsForUser (authorized on the user's real ARN). */
  async listGroupsForUser(
    caller: CallerContext,
    input: AccountScoped & { userName: string; marker?: string | null; maxItems?: number | null },
  ): Promise<Page<GroupEntity>> {
    const accountId = targetAccount(caller, input.accountId);
    const limit = pageSize(input.maxItems);
    const after = decodeMarker(input.marker);
    const rows = await this.deps.tenantTx.run(accountId, async (tx) => {
      const user = await this.users.findByName(tx, accountId, input.userName);
      authorizeExisting(
        this.deps.authorizer,
        caller,
        'iam:ListGroupsForUser',
        accountId,
        user,
        (u) => this.userArn(accountId, u.path, u.userName),
        this.userArn(accountId, '/', input.userName),
      );
      if (!user) throw new UserNotFoundError(input.userName);
      return this.groups.groupsOf(tx, accountId, user.userId, after, limit + 1);
    });
    return toPage(rows, limit, (g) => g.groupName.toLowerCase());
  }

  /** `action` on the group's real ARN (or its name's with path `/` when it does not exist). */
  private authorize(
    caller: CallerContext,
    action: string,
    accountId: AccountId,
    groupName: string,
    group: GroupEntity | null,
  ): void {
    authorizeExisting(
      this.deps.authorizer,
      caller,
      action,
      accountId,
      group,
      (g) => this.arn(accountId, g.path, g.groupName),
      this.arn(accountId, '/', groupName),
    );
  }

  /** Looks the group up, authorizes `action` on it, then answers `NoSuchEntity` when it does not exist. */
  private async existing(
    tx: EntityManager,
    caller: CallerContext,
    action: string,
    accountId: AccountId,
    groupName: string,
    lock = false,
  ): Promise<GroupEntity> {
    const group = await this.groups.findByName(tx, accountId, groupName, lock);
    this.authorize(caller, action, accountId, groupName, group);
    if (!group) throw new GroupNotFoundError(groupName);
    return group;
  }

  private async existingUser(tx: EntityManager, accountId: string, userName: string, lock = false) {
    const user = await this.users.findByName(tx, accountId, userName, lock);
    if (!user) throw new UserNotFoundError(userName);
    return user;
  }

  private async write<T>(
    accountId: AccountId,
    groupName: string,
    work: (tx: EntityManager) => Promise<T>,
  ): Promise<T> {
    try {
      const result = await this.deps.tenantTx.run(accountId, work);
      this.deps.relay.notify();
      return result;
    } catch (error) {
      const mapped = toPersistenceError(error);
      if (mapped instanceof UniqueViolation && mapped.constraint === 'groups_account_name_uq') {
        throw new GroupAlreadyExistsError(groupName);
      }
      throw mapped;
    }
  }
}
