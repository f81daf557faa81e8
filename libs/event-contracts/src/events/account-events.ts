import type { EventActor, EventEnvelope } from '../envelope.js';
import { identityEnvelope } from './identity-envelope.js';
import type { AccountPayload } from './account-payload.js';

export type { AccountPayload } from './account-payload.js';
export type {
  AccountCreatedPayload,
  AccountCreatedV1,
  InitialAdministratorPayload,
} from './account-created.v1.js';
export { accountCreatedV1 } from './account-created.v1.js';

/** Account lifecycle events after creation, on `iam.identity.account`. */
export type AccountChangeType =
  'account.updated.v1' | 'account.suspended.v1' | 'account.reactivated.v1' | 'account.deleted.v1';

/** An account change: the account's state after the change (for deletion, its last state). */
export type AccountChangedEvent = EventEnvelope<AccountChangeType, AccountPayload>;

/** Builds an account lifecycle event. Pure: the caller supplies the event id and time. */
export function accountChanged(
  type: AccountChangeType,
  input: { id: string; occurredAt: string; actor: EventActor | null; account: AccountPayload },
): AccountChangedEvent {
  return identityEnvelope(type, 'account', input.account.accountId, input, input.account);
}
