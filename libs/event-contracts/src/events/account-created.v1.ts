import type { EventActor, EventEnvelope } from '../envelope.js';
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
  return {
    specVersion: 1,
    id: input.id,
    type: 'account.created.v1',
    source: 'identity',
    accountId: input.account.accountId,
    aggregateType: 'account',
    aggregateId: input.account.accountId,
    occurredAt: input.occurredAt,
    actor: input.actor,
    payload: input.account,
  };
}
