import { userEvent } from '@iam/event-contracts';
import { changeEventBuilder } from '../principals/events/change-event.js';
import type { UserEntity } from './user.entity.js';
import { principalArn } from './iam-rules.js';

/** A user event carrying the user's public state (no credentials exist on it). */
export const userChangedEvent = changeEventBuilder(
  userEvent,
  (user: UserEntity, partition: string) => ({
    accountId: user.accountId,
    userId: user.userId,
    userName: user.userName,
    path: user.path,
    arn: principalArn(partition, user.accountId, 'user', user.path, user.userName),
    createdAt: user.createdAt.toISOString(),
    tags: user.tags,
  }),
);
