import { roleEvent } from '@iam/event-contracts';
import { changeEventBuilder } from '../principals/events/change-event.js';
import { principalArn } from '../users/iam-rules.js';
import type { RoleEntity } from './role.entity.js';

/** A role event carrying the role's public state, trust policy included (it is not secret). */
export const roleChangedEvent = changeEventBuilder(
  roleEvent,
  (role: RoleEntity, partition: string) => ({
    accountId: role.accountId,
    roleId: role.roleId,
    roleName: role.roleName,
    path: role.path,
    arn: principalArn(partition, role.accountId, 'role', role.path, role.roleName),
    description: role.description,
    maxSessionDuration: role.maxSessionDuration,
    assumeRolePolicyDocument: role.assumeRolePolicyDocument,
    createdAt: role.createdAt.toISOString(),
    tags: role.tags,
  }),
);
