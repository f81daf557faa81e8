import { randomUUID } from 'node:crypto';
import type { CallerContext } from '@iam/common';
import type { AccountChangeType, EventEnvelope } from '@iam/event-contracts';
import { accountChanged, accountCreatedV1 } from '@iam/event-contracts';
import { actorOf } from '../principals/index.js';
import type { AccountEntity } from './account.entity.js';

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

/** A lifecycle event (`account.updated.v1`, `.suspended`, `.reactivated`, `.deleted`) for an account's new state. */
export function accountChangedEvent(
  type: AccountChangeType,
  account: AccountEntity,
  caller: CallerContext,
  at: Date,
): EventEnvelope {
  return accountChanged(type, {
    id: randomUUID(),
    occurredAt: at.toISOString(),
    actor: actorOf(caller),
    account: {
      accountId: account.accountId,
      alias: account.alias,
      status: account.status,
      createdAt: account.createdAt.toISOString(),
    },
  });
}
