import { accountRootArn } from '@iam/common';
import type { AccountEntity } from './account.entity.js';
import type { AccountModel } from './account.model.js';

/** Entity → GraphQL model; only public fields cross. */
export function toAccountModel(entity: AccountEntity, partition: string): AccountModel {
  return {
    accountId: entity.accountId,
    arn: accountRootArn(entity.accountId, partition),
    alias: entity.alias,
    status: entity.status,
    createdAt: entity.createdAt,
  };
}
