import { toTagModel } from '../principals/graphql/index.js';
import type { UserEntity } from './user.entity.js';
import type { UserModel } from './user.model.js';
import { principalArn } from './iam-rules.js';

/** Entity → GraphQL model. */
export function toUserModel(user: UserEntity, partition: string): UserModel {
  return {
    userId: user.userId,
    userName: user.userName,
    path: user.path,
    arn: principalArn(partition, user.accountId, 'user', user.path, user.userName),
    accountId: user.accountId,
    createDate: user.createdAt,
    tags: user.tags.map(toTagModel),
  };
}
