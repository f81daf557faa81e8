import type { EntityManager } from 'typeorm';
import { UserEntity } from '../users/user.entity.js';
import { GroupEntity, GroupMemberEntity } from './group.entity.js';

/** Queries on identity.groups and identity.group_members; always filtered by account as well as by RLS. */
export class GroupRepository {
  async insert(tx: EntityManager, group: GroupEntity): Promise<GroupEntity> {
    await tx.insert(GroupEntity, group);
    return group;
  }

  /** By name, ignoring case; `lock`: hold the row for the rest of the transaction. */
  findByName(
    tx: EntityManager,
    accountId: string,
    groupName: string,
    lock = false,
  ): Promise<GroupEntity | null> {
    const query = tx
      .createQueryBuilder(GroupEntity, 'g')
      .where('g.account_id = :accountId AND lower(g.group_name) = lower(:groupName)', {
        accountId,
        groupName,
      });
    return (lock ? query.setLock('pessimistic_write') : query).getOne();
  }

  async update(tx: EntityManager, group: GroupEntity): Promise<void> {
    await tx.update(
      GroupEntity,
      { groupId: group.groupId, accountId: group.accountId },
      { groupName: group.groupName, path: group.path, updatedAt: group.updatedAt },
    );
  }

  async delete(tx: EntityManager, group: GroupEntity): Promise<void> {
    await tx.delete(GroupEntity, { groupId: group.groupId, accountId: group.accountId });
  }

  list(
    tx: EntityManager,
    accountId: string,
    pathPrefix: string,
    after: string | null,
    limit: number,
  ): Promise<GroupEntity[]> {
    const query = tx
      .createQueryBuilder(GroupEntity, 'g')
      .where('g.account_id = :accountId', { accountId })
      .andWhere('left(g.path, length(:prefix)) = :prefix', { prefix: pathPrefix })
      .orderBy('lower(g.group_name)', 'ASC')
      .limit(limit);
    if (after !== null) query.andWhere('lower(g.group_name) > :after', { after });
    return query.getMany();
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
      .where('u.account_id = :accountId AND m.group_id = :groupId', { accountId, groupId })
      .orderBy('lower(u.user_name)', 'ASC')
      .limit(limit);
    if (after !== null) query.andWhere('lower(u.user_name) > :after', { after });
    return query.getMany();
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
      .where('g.account_id = :accountId AND m.user_id = :userId', { accountId, userId })
      .orderBy('lower(g.group_name)', 'ASC')
      .limit(limit);
    if (after !== null) query.andWhere('lower(g.group_name) > :after', { after });
    return query.getMany();
  }
}
