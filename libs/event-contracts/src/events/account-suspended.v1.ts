import type { EventActor } from '../envelope.js';
import type { AccountPayload } from './account-payload.js';
import type { AccountChangedEvent } from './account-events.js';
import { accountChanged } from './account-events.js';

/** `account.suspended.v1` on `iam.identity.account`: the account's state after suspension. */
export type AccountSuspendedV1 = AccountChangedEvent & { readonly type: 'account.suspended.v1' };

/** Builds `account.suspended.v1`. Pure: the caller supplies the event id and time. */
export function accountSuspendedV1(input: {
  id: string;
  occurredAt: string;
  actor: EventActor | null;
  account: AccountPayload;
}): AccountSuspendedV1 {
  return accountChanged('account.suspended.v1', input) as AccountSuspendedV1;
}
