import { randomUUID } from 'node:crypto';
import type { CallerContext } from '@iam/common';
import type { EventActor, EventEnvelope } from '@iam/event-contracts';
import { accountCreatedV1 } from '@iam/event-contracts';
import type { AccountEntity } from './account.entity.js';

/** The event actor for a caller (its ARN and kind, nothing secret). */
export function actorOf(caller: CallerContext): EventActor {
  return { type: caller.principalType, arn: caller.principalArn };
}

/** `account.created.v1` for a new account. */
export function accountCreatedEvent(account: AccountEntity, caller: CallerContext): EventEnvelope {
  return accountCreatedV1({
    id: randomUUID(),
    occurredAt: account.createdAt.toISOString(),
    actor: actorOf(caller),
    account: {
      accountId: account.accountId,
      alias: account.alias,
      status: account.status,
      createdAt: account.createdAt.toISOString(),
    },
  });
}
