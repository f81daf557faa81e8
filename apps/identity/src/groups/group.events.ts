import { randomUUID } from 'node:crypto';
import type { CallerContext } from '@iam/common';
import type { EventEnvelope, GroupEventType, GroupMembershipEventType } from '@iam/event-contracts';
import { groupEvent, groupMembershipEvent } from '@iam/event-contracts';
import { actorOf, principalArn } from '../principals/index.js';
import type { UserEntity } from '../users/index.js';
import type { GroupEntity } from './group.entity.js';

/** A group event carrying the group's public state. */
export function groupChangedEvent(
  type: GroupEventType,
  group: GroupEntity,
  partition: string,
  caller: CallerContext,
  at: Date,
): EventEnvelope {
  return groupEvent(
    type,
    { id: randomUUID(), occurredAt: at.toISOString(), actor: actorOf(caller) },
    {
      accountId: group.accountId,
      groupId: group.groupId,
      groupName: group.groupName,
      path: group.path,
      arn: principalArn(partition, group.accountId, 'group', group.path, group.groupName),
      createdAt: group.createdAt.toISOString(),
    },
  );
}

/** `group.member-added.v1` / `group.member-removed.v1`. */
export function membershipEvent(
  type: GroupMembershipEventType,
  group: GroupEntity,
  user: UserEntity,
  caller: CallerContext,
  at: Date,
): EventEnvelope {
  return groupMembershipEvent(
    type,
    { id: randomUUID(), occurredAt: at.toISOString(), actor: actorOf(caller) },
    {
      accountId: group.accountId,
      groupId: group.groupId,
      groupName: group.groupName,
      userId: user.userId,
      userName: user.userName,
    },
  );
}
