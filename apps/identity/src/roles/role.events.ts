import { randomUUID } from 'node:crypto';
import type { CallerContext } from '@iam/common';
import type { EventEnvelope, RoleEventType } from '@iam/event-contracts';
import { roleEvent } from '@iam/event-contracts';
import { actorOf, principalArn } from '../principals/index.js';
import type { RoleEntity } from './role.entity.js';

/** A role event carrying the role's public state, trust policy included (it is not secret). */
export function roleChangedEvent(
  type: RoleEventType,
  role: RoleEntity,
  partition: string,
  caller: CallerContext,
  at: Date,
): EventEnvelope {
  return roleEvent(
    type,
    { id: randomUUID(), occurredAt: at.toISOString(), actor: actorOf(caller) },
    {
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
    },
  );
}
