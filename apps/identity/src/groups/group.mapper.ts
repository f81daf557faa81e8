import { principalArn } from '../principals/index.js';
import type { GroupEntity } from './group.entity.js';
import type { GroupModel } from './group.model.js';

/** Entity → GraphQL model. */
export function toGroupModel(group: GroupEntity, partition: string): GroupModel {
  return {
    groupId: group.groupId,
    groupName: group.groupName,
    path: group.path,
    arn: principalArn(partition, group.accountId, 'group', group.path, group.groupName),
    accountId: group.accountId,
    createDate: group.createdAt,
  };
}
