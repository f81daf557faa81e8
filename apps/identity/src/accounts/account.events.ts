import type { CallerContext } from '@iam/common';
import type { AccountChangeType, AccountPayload, EventEnvelope } from '@iam/event-contracts';
import { accountChanged, accountCreatedV1 } from '@iam/event-contracts';
import { eventMeta } from '../principals/index.js';
import type { AccountEntity } from './account.entity.js';
import type { CreatedAdministrator } from './initial-administrator.js';

/** An account's public state, as its events carry it. */
function accountPayload(account: AccountEntity): AccountPayload {
  return {
    accountId: account.accountId,
    alias: account.alias,
    status: account.status,
    createdAt: account.createdAt.toISOString(),
  };
}

/** `account.created.v1` for a new account, naming its first administrator when one was created with it. */
export function accountCreatedEvent(
  account: AccountEntity,
  administrator: CreatedAdministrator | null,
  caller: CallerContext,
): EventEnvelope {
  return accountCreatedV1({
    ...eventMeta(caller, account.createdAt),
    account: {
      ...accountPayload(account),
      ...(administrator === null
        ? {}
        : {
            initialAdministrator: {
              userId: administrator.user.userId,
              userName: administrator.user.userName,
              path: administrator.user.path,
              arn: administrator.arn,
            },
          }),
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
  return accountChanged(type, { ...eventMeta(caller, at), account: accountPayload(account) });
}
