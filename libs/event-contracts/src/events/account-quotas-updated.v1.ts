import type { EventActor, EventEnvelope } from '../envelope.js';
import { identityEnvelope } from './identity-envelope.js';

/** The quota overrides of one account after the change; `null`: the default applies. */
export interface AccountQuotasPayload {
  readonly accountId: string;
  readonly maxUsers: number | null;
  readonly maxGroups: number | null;
  readonly maxRoles: number | null;
}

/** `account.quotas-updated.v1` on `iam.identity.account`: the platform administrator changed an account's quotas. */
export type AccountQuotasUpdatedV1 = EventEnvelope<
  'account.quotas-updated.v1',
  AccountQuotasPayload
>;

/** Builds `account.quotas-updated.v1`. Pure: the caller supplies the event id and time. */
export function accountQuotasUpdatedV1(input: {
  id: string;
  occurredAt: string;
  actor: EventActor | null;
  quotas: AccountQuotasPayload;
}): AccountQuotasUpdatedV1 {
  return identityEnvelope(
    'account.quotas-updated.v1',
    'account',
    input.quotas.accountId,
    input,
    input.quotas,
  );
}
