import type { EventActor, EventEnvelope } from '../envelope.js';
import { identityEnvelope } from './identity-envelope.js';
import type { AccountPayload } from './account-payload.js';

/** `account.created.v1` on `iam.identity.account`. */
export type AccountCreatedV1 = EventEnvelope<'account.created.v1', AccountPayload>;

/** Builds `account.created.v1`. Pure: the caller supplies the event id and time. */
export function accountCreatedV1(input: {
  id: string;
  occurredAt: string;
  actor: EventActor | null;
  account: AccountPayload;
}): AccountCreatedV1 {
  return identityEnvelope(
    'account.created.v1',
    'account',
    input.account.accountId,
    input,
    input.account,
  );
}
