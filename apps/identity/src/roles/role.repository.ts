import { PrincipalRepository } from '../principals/index.js';
import { RoleEntity } from './role.entity.js';

/** Queries on identity.roles; always filtered by account as well as by row-level security. */
export class RoleRepository extends PrincipalRepository<RoleEntity> {
  constructor() {
    super(RoleEntity, {
      kind: 'role',
      name: 'roleName',
      nameColumn: 'role_name',
      key: ['roleId', 'accountId'],
      updatable: [
        'assumeRolePolicyDocument',
        'description',
        'maxSessionDuration',
        'tags',
        'updatedAt',
      ],
    });
  }
}
