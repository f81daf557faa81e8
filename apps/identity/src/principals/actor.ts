import type { CallerContext } from '@iam/common';
import type { EventActor } from '@iam/event-contracts';

/** The event actor for a caller (its ARN and kind, nothing secret). */
export function actorOf(caller: CallerContext): EventActor {
  return { type: caller.principalType, arn: caller.principalArn };
}
