import { groupEvent, groupMembershipEvent } from '@iam/event-contracts';
import { changeEventBuilder } from '../principals/events/change-event.js';
import { principalArn } from '../users/iam-rules.js';
import type { UserEntity } from '../users/user.entity.js';
import type { GroupEntity } from './group.entity.js';

/** A group event carrying the group's public state. */
export const groupChangedEvent = changeEventBuilder(
  groupEvent,
  (group: GroupEntity, partition: string) => ({
    accountId: group.accountId,
    groupId: group.groupId,
    groupName: group.groupName,
    path: group.path,
    arn: principalArn(partition, group.accountId, 'group', group.path, group.groupName),
    createdAt: group.createdAt.toISOString(),
  }),
);

/** `group.member-added.v1` / `group.member-removed.v1`. */
export const membershipEvent = changeEventBuilder(
  groupMembershipEvent,
  (group: GroupEntity, user: UserEntity) => ({
    accountId: group.accountId,
    groupId: group.groupId,
    groupName: group.groupName,
    userId: user.userId,
    userName: user.userName,
  }),
);
