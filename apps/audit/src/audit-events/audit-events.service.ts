import type { EntityManager } from 'typeorm';
import type { CallerContext } from '@iam/common';
import { InvalidInputError, NoSuchEntityError, isAccountId } from '@iam/common';
import type { EventEnvelope } from '@iam/event-contracts';
import type { TenantTransaction } from '@iam/persistence';
import type { AuditEventEntity } from './audit-event.entity.js';
import type { AuditEventRepository } from './audit-event.repository.js';

const MAX_PAGE_SIZE = 1000;
const DEFAULT_PAGE_SIZE = 100;

/** A page of audit events, newest first. */
export interface AuditEventPage {
  readonly events: AuditEventEntity[];
  readonly isTruncated: boolean;
  readonly marker: string | null;
}

/** Records events and answers audit queries. */
export class AuditEventsService {
  constructor(
    private readonly tenantTx: TenantTransaction,
    private readonly events: AuditEventRepository,
    private readonly now: () => Date,
  ) {}

  /** Stores one event; called inside the idempotent consumer's transaction (already scoped to its account). */
  async record(tx: EntityManager, envelope: EventEnvelope): Promise<void> {
    await this.events.append(tx, {
      eventId: envelope.id,
      accountId: envelope.accountId,
      eventType: envelope.type,
      eventSource: envelope.source,
      aggregateType: envelope.aggregateType,
      aggregateId: envelope.aggregateId,
      actorType: envelope.actor?.type ?? null,
      actorArn: envelope.actor?.arn ?? null,
      occurredAt: new Date(envelope.occurredAt),
      receivedAt: this.now(),
      payload: envelope.payload as Record<string, unknown>,
    });
  }

  async auditEvents(
    caller: CallerContext,
    args: { accountId: string; maxItems?: number | null; marker?: string | null },
  ): Promise<AuditEventPage> {
    // The platform administrator reads any account's trail; a tenant principal only its own. Another account's id
    // answers like an unknown one.
    if (
      !isAccountId(args.accountId) ||
      (caller.principalType !== 'platform-admin' && caller.accountId !== args.accountId)
    ) {
      throw new NoSuchEntityError('account', args.accountId);
    }
    const size = args.maxItems ?? DEFAULT_PAGE_SIZE;
    if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE_SIZE) {
      throw new InvalidInputError(`maxItems must be an integer from 1 to ${MAX_PAGE_SIZE}`, {
        maxItems: size,
      });
    }
    const before = args.marker ? decodeMarker(args.marker) : null;
    const accountId = args.accountId;
    const rows = await this.tenantTx.run(accountId, (tx) =>
      this.events.listForAccount(tx, accountId, before, size + 1),
    );
    const events = rows.slice(0, size);
    const last = events.at(-1);
    const isTruncated = rows.length > size;
    return {
      events,
      isTruncated,
      marker: isTruncated && last ? Buffer.from(last.seq).toString('base64url') : null,
    };
  }
}

/** The largest `bigint` (the type of the sequence the marker carries). */
const MAX_SEQ = 2n ** 63n - 1n;

function decodeMarker(marker: string): string {
  const seq = Buffer.from(marker, 'base64url').toString('utf8');
  // Nineteen digits can exceed bigint's range, which PostgreSQL would refuse as an error of its own.
  if (!/^\d{1,19}$/.test(seq) || BigInt(seq) > MAX_SEQ)
    throw new InvalidInputError('marker is not one this service returned');
  return seq;
}
