import type { EntityManager } from 'typeorm';
import type { Authorizer } from '@iam/authorization';
import { targetAccount } from '@iam/authorization';
import type { CallerContext } from '@iam/common';
import { pageSize, plainMarker, readMarker, toPage } from '@iam/common';
import type { EventEnvelope } from '@iam/event-contracts';
import type { TenantTransaction } from '@iam/persistence';
import type { AuditEventEntity } from './audit-event.entity.js';
import type { AuditEventRepository } from './audit-event.repository.js';

/**
 * AWS: reading the trail is CloudTrail's `LookupEvents`, which supports no resource-level permissions: it is
 * authorized on resource `*` (https://docs.aws.amazon.com/service-authorization/latest/reference/list_awscloudtrail.html).
 */
export const LOOKUP_EVENTS_ACTION = 'cloudtrail:LookupEvents';
const LOOKUP_EVENTS_RESOURCE = '*';

/** The largest `bigint` (the type of the sequence the marker carries). */
const MAX_SEQ = 2n ** 63n - 1n;

/**
 * Audit markers: the `seq` of the last event returned, base64url. Nineteen digits can exceed bigint's range, which
 * PostgreSQL would refuse as an error of its own, so the range is checked here.
 */
const SEQ_MARKER = plainMarker((seq) => /^\d{1,19}$/.test(seq) && BigInt(seq) <= MAX_SEQ);

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
    private readonly authorizer: Authorizer,
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
    // SECURITY: the trail holds every principal's sign-ins and source addresses, so reading it needs
    // `cloudtrail:LookupEvents` like any other action (a session that must reset its password never has it). The
    // platform administrator reads any account's trail; a tenant principal only its own: another (or an unknown)
    // account's id is refused with AccessDenied before any query.
    const accountId = targetAccount(caller, args.accountId, LOOKUP_EVENTS_ACTION);
    await this.authorizer.require(caller, LOOKUP_EVENTS_ACTION, LOOKUP_EVENTS_RESOURCE, accountId);
    const size = pageSize(args.maxItems);
    const before = readMarker(args.marker, SEQ_MARKER);
    const rows = await this.tenantTx.run(accountId, (tx) =>
      this.events.listForAccount(tx, accountId, before, size + 1),
    );
    const { items, isTruncated, marker } = toPage(rows, size, (e) => e.seq, SEQ_MARKER);
    return { events: items, isTruncated, marker };
  }
}
