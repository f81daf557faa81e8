import type { EntityManager } from 'typeorm';
import { AuditEventEntity } from './audit-event.entity.js';

/** Queries on audit.audit_events: append-only; filtered by account as well as by row-level security. */
export class AuditEventRepository {
  async append(tx: EntityManager, event: Omit<AuditEventEntity, 'seq'>): Promise<void> {
    await tx.insert(AuditEventEntity, event);
  }

  /** Newest first, paging on the insertion sequence. */
  listForAccount(tx: EntityManager, accountId: string, beforeSeq: string | null, limit: number): Promise<AuditEventEntity[]> {
    const query = tx
      .createQueryBuilder(AuditEventEntity, 'e')
      .where('e.account_id = :accountId', { accountId })
      .orderBy('e.seq', 'DESC')
      .limit(limit);
    if (beforeSeq !== null) query.andWhere('e.seq < :before', { before: beforeSeq });
    return query.getMany();
  }
}
