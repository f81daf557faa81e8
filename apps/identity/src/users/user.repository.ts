import type { EntityManager } from 'typeorm';
import { UserEntity } from './user.entity.js';

/** Queries on identity.users. Always filters by account as well as relying on row-level security. */
export class UserRepository {
  async insert(tx: EntityManager, user: UserEntity): Promise<UserEntity> {
    await tx.insert(UserEntity, user);
    return user;
  }

  /** By name, ignoring case (AWS names are case-insensitive); `lock`: hold the row for the rest of the transaction. */
  findByName(
    tx: EntityManager,
    accountId: string,
    userName: string,
    lock = false,
  ): Promise<UserEntity | null> {
    const query = tx
      .createQueryBuilder(UserEntity, 'u')
      .where('u.account_id = :accountId AND lower(u.user_name) = lower(:userName)', {
        accountId,
        userName,
      });
    return (lock ? query.setLock('pessimistic_write') : query).getOne();
  }

  async update(tx: EntityManager, user: UserEntity): Promise<void> {
    await tx.update(
      UserEntity,
      { userId: user.userId, accountId: user.accountId },
      { userName: user.userName, path: user.path, tags: user.tags, updatedAt: user.updatedAt },
    );
  }

  async delete(tx: EntityManager, user: UserEntity): Promise<void> {
    await tx.delete(UserEntity, { userId: user.userId, accountId: user.accountId });
  }

  /** One page ordered by lower-case name, after the marker's key, within a path prefix. */
  list(
    tx: EntityManager,
    accountId: string,
    pathPrefix: string,
    after: string | null,
    limit: number,
  ): Promise<UserEntity[]> {
    const query = tx
      .createQueryBuilder(UserEntity, 'u')
      .where('u.account_id = :accountId', { accountId })
      .andWhere('left(u.path, length(:prefix)) = :prefix', { prefix: pathPrefix })
      .orderBy('lower(u.user_name)', 'ASC')
      .limit(limit);
    if (after !== null) query.andWhere('lower(u.user_name) > :after', { after });
    return query.getMany();
  }
}
