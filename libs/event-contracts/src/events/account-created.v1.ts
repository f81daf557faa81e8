import type { EventActor, EventEnvelope } from '../envelope.js';
import { identityEnvelope } from './identity-envelope.js';
import type { AccountPayload } from './account-payload.js';

/**
 * The account's first administrator, created with the account (`createAccount` with an administrator): an IAM user
 * with a login profile. The policy service attaches `AdministratorAccess` to it when it applies this event, so a
 * tenant admin portal signs in as that user and never holds the platform-wide token.
 */
export interface InitialAdministratorPayload {
  readonly userId: string;
  readonly userName: string;
  readonly path: string;
  readonly arn: string;
}

/** The payload of `account.created.v1`: the account, and its first administrator when one was created. */
export interface AccountCreatedPayload extends AccountPayload {
  /** Absent or null: the account was created without an administrator. */
  readonly initialAdministrator?: InitialAdministratorPayload | null;
}

/** `account.created.v1` on `iam.identity.account`. */
export type AccountCreatedV1 = EventEnvelope<'account.created.v1', AccountCreatedPayload>;

/** Builds `account.created.v1`. Pure: the caller supplies the event id and time. */
export function accountCreatedV1(input: {
  id: string;
  occurredAt: string;
  actor: EventActor | null;
  account: AccountCreatedPayload;
}): AccountCreatedV1 {
  return identityEnvelope(
    'account.created.v1',
    'account',
    input.account.accountId,
    input,
    input.account,
  );
}
