import type { EntityManager } from 'typeorm';
import { AuditEventEntity } from './audit-event.entity.js';

/** Queries on audit.audit_events: append-only; filtered by account as well as by row-level security. */
export class AuditEventRepository {
  async append(tx: EntityManager, event: Omit<AuditEventEntity, 'seq'>): Promise<void> {
    await tx.query(
      `INSERT INTO audit.audit_events (event_id, account_id, event_type, event_source, aggregate_type, aggregate_id,
         actor_type, actor_arn, occurred_at, received_at, payload)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
      [
        event.eventId,
        event.accountId,
        event.eventType,
        event.eventSource,
        event.aggregateType,
        event.aggregateId,
        event.actorType,
        event.actorArn,
        event.occurredAt,
        event.receivedAt,
        JSON.stringify(event.payload),
      ],
    );
  }

  /** Newest first, paging on the insertion sequence. */
  listForAccount(
    tx: EntityManager,
    accountId: string,
    beforeSeq: string | null,
    limit: number,
  ): Promise<AuditEventEntity[]> {
    const query = tx
      .createQueryBuilder(AuditEventEntity, 'e')
      .where('e.account_id = :accountId', { accountId })
      .orderBy('e.seq', 'DESC')
      .limit(limit);
    if (beforeSeq !== null) query.andWhere('e.seq < :before', { before: beforeSeq });
    return query.getMany();
  }
}
