import type { EventActor } from '../envelope.js';
import type { AccountPayload } from './account-payload.js';
import type { AccountChangedEvent } from './account-events.js';
import { accountChanged } from './account-events.js';

/** `account.updated.v1` on `iam.identity.account`: the account's state after the change (e.g. a new alias). */
export type AccountUpdatedV1 = AccountChangedEvent & { readonly type: 'account.updated.v1' };

/** Builds `account.updated.v1`. Pure: the caller supplies the event id and time. */
export function accountUpdatedV1(input: {
  id: string;
  occurredAt: string;
  actor: EventActor | null;
  account: AccountPayload;
}): AccountUpdatedV1 {
  return accountChanged('account.updated.v1', input) as AccountUpdatedV1;
}
