import type { EventActor, EventEnvelope } from '../envelope.js';

/** What every builder needs besides the payload. Pure: the caller supplies the event id and time. */
export interface EventMeta {
  readonly id: string;
  readonly occurredAt: string;
  readonly actor: EventActor | null;
}

/**
 * The envelope of an identity event on `iam.identity.<aggregateType>`, keyed by `aggregateId` (so one aggregate's
 * events stay ordered) and in the payload's account.
 */
export function identityEnvelope<
  TType extends string,
  TPayload extends { readonly accountId: string },
>(
  type: TType,
  aggregateType: string,
  aggregateId: string,
  meta: EventMeta,
  payload: TPayload,
): EventEnvelope<TType, TPayload> {
  return {
    specVersion: 1,
    id: meta.id,
    type,
    source: 'identity',
    accountId: payload.accountId,
    aggregateType,
    aggregateId,
    occurredAt: meta.occurredAt,
    actor: meta.actor,
    payload,
  };
}
