import type { EntityManager } from 'typeorm';
import { PrincipalRepository } from '../principals/index.js';
import { UserEntity } from './user.entity.js';

/** Queries on identity.users. Always filters by account as well as relying on row-level security. */
export class UserRepository extends PrincipalRepository<UserEntity> {
  constructor() {
    super(UserEntity, {
      kind: 'user',
      name: 'userName',
      nameColumn: 'user_name',
      key: ['userId', 'accountId'],
      updatable: ['userName', 'path', 'tags', 'updatedAt'],
    });
  }

  /** The groups the user is a member of, by lower-case group name (what DeleteUser must remove it from). */
  groupMemberships(
    tx: EntityManager,
    accountId: string,
    userId: string,
  ): Promise<{ group_id: string; group_name: string }[]> {
    return tx.query<{ group_id: string; group_name: string }[]>(
      `SELECT g.group_id, g.group_name FROM identity.group_members m
       JOIN identity.groups g ON g.group_id = m.group_id
       WHERE m.account_id = $1 AND m.user_id = $2 ORDER BY lower(g.group_name)`,
      [accountId, userId],
    );
  }
}
