import type { EntityManager } from 'typeorm';
import { PrincipalRepository, pageByName } from '../principals/index.js';
import { UserEntity } from '../users/index.js';
import { GroupEntity, GroupMemberEntity } from './group.entity.js';

/** Queries on identity.groups and identity.group_members; always filtered by account as well as by RLS. */
export class GroupRepository extends PrincipalRepository<GroupEntity> {
  constructor() {
    super(GroupEntity, {
      kind: 'group',
      name: 'groupName',
      nameColumn: 'group_name',
      key: ['groupId', 'accountId'],
      updatable: ['groupName', 'path', 'updatedAt'],
    });
  }

  isMember(tx: EntityManager, accountId: string, groupId: string, userId: string) {
    return tx.exists(GroupMemberEntity, { where: { accountId, groupId, userId } });
  }

  countGroupsOf(tx: EntityManager, accountId: string, userId: string): Promise<number> {
    return tx.count(GroupMemberEntity, { where: { accountId, userId } });
  }

  countMembers(tx: EntityManager, accountId: string, groupId: string): Promise<number> {
    return tx.count(GroupMemberEntity, { where: { accountId, groupId } });
  }

  async addMember(tx: EntityManager, member: GroupMemberEntity): Promise<void> {
    await tx.insert(GroupMemberEntity, member);
  }

  async removeMember(tx: EntityManager, accountId: string, groupId: string, userId: string) {
    await tx.delete(GroupMemberEntity, { accountId, groupId, userId });
  }

  /** The members of a group, by lower-case user name, after the marker's key. */
  members(
    tx: EntityManager,
    accountId: string,
    groupId: string,
    after: string | null,
    limit: number,
  ): Promise<UserEntity[]> {
    const query = tx
      .createQueryBuilder(UserEntity, 'u')
      .innerJoin(GroupMemberEntity, 'm', 'm.user_id = u.user_id AND m.account_id = u.account_id')
      .where('u.account_id = :accountId AND m.group_id = :groupId', { accountId, groupId });
    return pageByName(query, 'u.user_name', after, limit);
  }

  /** The groups of a user, by lower-case group name, after the marker's key. */
  groupsOf(
    tx: EntityManager,
    accountId: string,
    userId: string,
    after: string | null,
    limit: number,
  ): Promise<GroupEntity[]> {
    const query = tx
      .createQueryBuilder(GroupEntity, 'g')
      .innerJoin(GroupMemberEntity, 'm', 'm.group_id = g.group_id AND m.account_id = g.account_id')
      .where('g.account_id = :accountId AND m.user_id = :userId', { accountId, userId });
    return pageByName(query, 'g.group_name', after, limit);
  }
}
