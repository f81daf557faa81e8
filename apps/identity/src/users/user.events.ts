import { randomUUID } from 'node:crypto';
import type { CallerContext } from '@iam/common';
import type { EventEnvelope, UserEventType } from '@iam/event-contracts';
import { userEvent } from '@iam/event-contracts';
import { actorOf, principalArn } from '../principals/index.js';
import type { UserEntity } from './user.entity.js';

/** A user event carrying the user's public state (no credentials exist on it). */
export function userChangedEvent(
  type: UserEventType,
  user: UserEntity,
  partition: string,
  caller: CallerContext,
  at: Date,
): EventEnvelope {
  return userEvent(
    type,
    { id: randomUUID(), occurredAt: at.toISOString(), actor: actorOf(caller) },
    {
      accountId: user.accountId,
      userId: user.userId,
      userName: user.userName,
      path: user.path,
      arn: principalArn(partition, user.accountId, 'user', user.path, user.userName),
      createdAt: user.createdAt.toISOString(),
      tags: user.tags,
    },
  );
}
