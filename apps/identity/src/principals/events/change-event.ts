import { randomUUID } from 'node:crypto';
import type { CallerContext } from '@iam/common';
import type { EventActor, EventMeta } from '@iam/event-contracts';

/** The event actor for a caller (its ARN and kind, nothing secret). */
export function actorOf(caller: CallerContext): EventActor {
  return { type: caller.principalType, arn: caller.principalArn };
}

/** The envelope fields of an event a caller's change causes: a fresh id, when, and who. */
export function eventMeta(caller: CallerContext, at: Date): EventMeta {
  return { id: randomUUID(), occurredAt: at.toISOString(), actor: actorOf(caller) };
}

/**
 * One aggregate's event builder, `(type, ...state, caller, at) => envelope`: the contract's envelope builder
 * (`userEvent`, ...) given the caller's meta and the payload that `payloadOf` makes of the aggregate's state.
 */
export function changeEventBuilder<T extends string, S extends unknown[], P, E>(
  envelope: (type: T, meta: EventMeta, payload: P) => E,
  payloadOf: (...state: S) => P,
): (type: T, ...stateCallerAt: [...state: S, caller: CallerContext, at: Date]) => E {
  return (type, ...stateCallerAt) => {
    const state = stateCallerAt.slice(0, -2) as S;
    const [caller, at] = stateCallerAt.slice(-2) as [CallerContext, Date];
    return envelope(type, eventMeta(caller, at), payloadOf(...state));
  };
}
