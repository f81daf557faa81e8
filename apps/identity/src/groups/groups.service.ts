import type { CallerContext } from '@iam/common';
import { DeleteConflictError, LimitExceededError, NoSuchEntityError } from '@iam/common';
import type { EventEnvelope, GroupEventType } from '@iam/event-contracts';
import type { EntityManager } from 'typeorm';
import { targetAccount } from '@iam/authorization';
import type {
  AccountScoped,
  ListInput,
  Page,
  PageInput,
  PrincipalServiceDeps,
  Revised,
} from '../principals/index.js';
import {
  ExistingPrincipals,
  MAX_GROUPS_PER_USER,
  PrincipalUseCases,
  decodeMarker,
  newUniqueId,
  pageSize,
  removeAttachments,
  toPage,
} from '../principals/index.js';
import type { UserEntity, UserRepository } from '../users/index.js';
import { UserNotFoundError } from '../users/index.js';
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
  private readonly principals: PrincipalUseCases<GroupEntity, GroupEventType>;
  private readonly existingUsers: ExistingPrincipals<UserEntity>;

  constructor(
    private readonly deps: PrincipalServiceDeps,
    private readonly groups: GroupRepository,
    users: UserRepository,
  ) {
    this.principals = new PrincipalUseCases(deps, groups, {
      nameIndex: 'groups_account_name_uq',
      notFound: (name) => new GroupNotFoundError(name),
      alreadyExists: (name) => new GroupAlreadyExistsError(name),
      changed: groupChangedEvent,
    });
    this.existingUsers = new ExistingPrincipals(deps, users, (name) => new UserNotFoundError(name));
  }

  async createGroup(
    caller: CallerContext,
    input: AccountScoped & { groupName: string; path?: string | null },
  ): Promise<GroupEntity> {
    return this.principals.create(
      caller,
      { ...input, name: input.groupName },
      'iam:CreateGroup',
      'group.created.v1',
      ({ accountId, name, path, now }) => ({
        groupId: newUniqueId('group'),
        accountId,
        groupName: name,
        path,
        createdAt: now,
        updatedAt: now,
      }),
    );
  }

  /** AWS GetGroup: the group and a page of its users. */
  async getGroup(
    caller: CallerContext,
    input: AccountScoped & PageInput & { groupName: string },
  ): Promise<GroupWithUsers> {
    const accountId = targetAccount(caller, input.accountId);
    const limit = pageSize(input.maxItems);
    const after = decodeMarker(input.marker);
    return this.deps.tenantTx.run(accountId, async (tx) => {
      const group = await this.principals.existing.find(tx, accountId, input.groupName, {
        access: { caller, action: 'iam:GetGroup' },
      });
      const rows = await this.groups.members(tx, accountId, group.groupId, after, limit + 1);
      return { group, ...toPage(rows, limit, (u) => u.userName.toLowerCase()) };
    });
  }

  async listGroups(caller: CallerContext, input: ListInput): Promise<Page<GroupEntity>> {
    return this.principals.list(caller, input, 'iam:ListGroups');
  }

  /** AWS UpdateGroup: renames and/or moves a group (authorized on the old and the new ARN). */
  async updateGroup(
    caller: CallerContext,
    input: AccountScoped & {
      groupName: string;
      newGroupName?: string | null;
      newPath?: string | null;
    },
  ): Promise<Revised<GroupEntity>> {
    return this.principals.move(
      caller,
      { ...input, name: input.groupName, newName: input.newGroupName },
      'iam:UpdateGroup',
      'group.updated.v1',
    );
  }

  /**
   * AWS DeleteGroup: a group with members, inline policies or attached managed policies cannot be deleted
   * (`DeleteConflict`; there is no forced delete).
   */
  async deleteGroup(
    caller: CallerContext,
    input: AccountScoped & { groupName: string },
  ): Promise<Revised<GroupEntity>> {
    return this.principals.delete(
      caller,
      input,
      input.groupName,
      'iam:DeleteGroup',
      'group.deleted.v1',
      async (tx, accountId, group, now) => {
        const members = await this.groups.countMembers(tx, accountId, group.groupId);
        if (members > 0) {
          throw new DeleteConflictError(
            `group \`${group.groupName}\` still has ${members} member(s); remove them first`,
            { groupName: group.groupName, memberCount: members },
          );
        }
        await removeAttachments(
          tx,
          accountId,
          this.deps.groupAttachments ?? [],
          { principal: group, id: group.groupId, kind: 'group', name: group.groupName },
          { force: null, caller, now },
        );
      },
    );
  }

  /**
   * AWS AddUserToGroup: idempotent (adding a member again changes nothing: no event, a null revision token); a user
   * may be in at most 10 groups (`LimitExceeded`).
   */
  async addUserToGroup(
    caller: CallerContext,
    input: AccountScoped & { groupName: string; userName: string },
  ): Promise<Revised<GroupEntity>> {
    return this.membership(caller, input, 'iam:AddUserToGroup', async (tx, group, user) => {
      const accountId = group.accountId;
      if (await this.groups.isMember(tx, accountId, group.groupId, user.userId)) return null;
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
      return membershipEvent('group.member-added.v1', group, user, caller, now);
    });
  }

  /** AWS RemoveUserFromGroup: `NoSuchEntity` when the user is not a member. */
  async removeUserFromGroup(
    caller: CallerContext,
    input: AccountScoped & { groupName: string; userName: string },
  ): Promise<Revised<GroupEntity>> {
    return this.membership(caller, input, 'iam:RemoveUserFromGroup', async (tx, group, user) => {
      const accountId = group.accountId;
      if (!(await this.groups.isMember(tx, accountId, group.groupId, user.userId))) {
        throw new NoSuchEntityError('member of group', `${group.groupName}/${user.userName}`);
      }
      await this.groups.removeMember(tx, accountId, group.groupId, user.userId);
      return membershipEvent('group.member-removed.v1', group, user, caller, this.deps.now());
    });
  }

  /** AWS ListGroupsForUser (authorized on the user's real ARN). */
  async listGroupsForUser(
    caller: CallerContext,
    input: AccountScoped & PageInput & { userName: string },
  ): Promise<Page<GroupEntity>> {
    const accountId = targetAccount(caller, input.accountId);
    const limit = pageSize(input.maxItems);
    const after = decodeMarker(input.marker);
    const rows = await this.deps.tenantTx.run(accountId, async (tx) => {
      const user = await this.existingUsers.find(tx, accountId, input.userName, {
        access: { caller, action: 'iam:ListGroupsForUser' },
      });
      return this.groups.groupsOf(tx, accountId, user.userId, after, limit + 1);
    });
    return toPage(rows, limit, (g) => g.groupName.toLowerCase());
  }

  /**
   * A change of one membership: the group (locked, `action` authorized on it) and the user (locked), in one
   * transaction; `apply` answers the event of the change (appended here) or null when nothing changed. Answers the
   * group and the event's id.
   */
  private membership(
    caller: CallerContext,
    input: AccountScoped & { groupName: string; userName: string },
    action: string,
    apply: (
      tx: EntityManager,
      group: GroupEntity,
      user: UserEntity,
    ) => Promise<EventEnvelope | null>,
  ): Promise<Revised<GroupEntity>> {
    const accountId = targetAccount(caller, input.accountId);
    return this.principals.write(accountId, input.groupName, async (tx) => {
      const group = await this.principals.existing.find(tx, accountId, input.groupName, {
        lock: true,
        access: { caller, action },
      });
      const user = await this.existingUsers.find(tx, accountId, input.userName, { lock: true });
      const event = await apply(tx, group, user);
      if (event !== null) await this.deps.outbox.append(tx, event);
      return { entity: group, eventId: event?.id ?? null };
    });
  }
}
