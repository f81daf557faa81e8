import { Field } from '@nestjs/graphql';
import type { AccountId } from '@iam/common';
import { eventRevisionToken } from '@iam/common';

/**
 * `revisionToken` of a mutation that changes someone's effective permissions: pass it as
 * `consistency: { atLeastAsFreshAs }` (or the `X-Iam-Consistency` header) so that a decision waits for this change.
 */
export const RevisionTokenField = (): PropertyDecorator =>
  Field(() => String, {
    nullable: true,
    description:
      'read-your-writes: a decision asked with this token sees this change (null when nothing changed)',
  });

/** The token naming the event a change wrote to the outbox; null when it wrote none. */
export function revisionTokenOf(accountId: string, eventId: string | null): string | null {
  return eventId === null ? null : eventRevisionToken(accountId as AccountId, eventId);
}
