import type { EntityManager } from 'typeorm';
import { RoleEntity } from './role.entity.js';

/** Queries on identity.roles; always filtered by account as well as by row-level security. */
export class RoleRepository {
  async insert(tx: EntityManager, role: RoleEntity): Promise<RoleEntity> {
    await tx.insert(RoleEntity, role);
    return role;
  }

  /** By name, ignoring case; `lock`: hold the row for the rest of the transaction. */
  findByName(
    tx: EntityManager,
    accountId: string,
    roleName: string,
    lock = false,
  ): Promise<RoleEntity | null> {
    const query = tx
      .createQueryBuilder(RoleEntity, 'r')
      .where('r.account_id = :accountId AND lower(r.role_name) = lower(:roleName)', {
        accountId,
        roleName,
      });
    return (lock ? query.setLock('pessimistic_write') : query).getOne();
  }

  async update(tx: EntityManager, role: RoleEntity): Promise<void> {
    await tx.update(
      RoleEntity,
      { roleId: role.roleId, accountId: role.accountId },
      {
        assumeRolePolicyDocument: role.assumeRolePolicyDocument,
        description: role.description,
        maxSessionDuration: role.maxSessionDuration,
        tags: role.tags,
        updatedAt: role.updatedAt,
      },
    );
  }

  async delete(tx: EntityManager, role: RoleEntity): Promise<void> {
    await tx.delete(RoleEntity, { roleId: role.roleId, accountId: role.accountId });
  }

  list(
    tx: EntityManager,
    accountId: string,
    pathPrefix: string,
    after: string | null,
    limit: number,
  ): Promise<RoleEntity[]> {
    const query = tx
      .createQueryBuilder(RoleEntity, 'r')
      .where('r.account_id = :accountId', { accountId })
      .andWhere('left(r.path, length(:prefix)) = :prefix', { prefix: pathPrefix })
      .orderBy('lower(r.role_name)', 'ASC')
      .limit(limit);
    if (after !== null) query.andWhere('lower(r.role_name) > :after', { after });
    return query.getMany();
  }
}
