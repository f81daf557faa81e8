import { toTagModel } from '../principals/graphql/index.js';
import { principalArn } from '../users/iam-rules.js';
import type { RoleEntity } from './role.entity.js';
import type { RoleModel } from './role.model.js';

/** Entity → GraphQL model. */
export function toRoleModel(role: RoleEntity, partition: string): RoleModel {
  return {
    roleId: role.roleId,
    roleName: role.roleName,
    path: role.path,
    arn: principalArn(partition, role.accountId, 'role', role.path, role.roleName),
    accountId: role.accountId,
    assumeRolePolicyDocument: role.assumeRolePolicyDocument,
    description: role.description,
    maxSessionDuration: role.maxSessionDuration,
    createDate: role.createdAt,
    tags: role.tags.map(toTagModel),
  };
}
