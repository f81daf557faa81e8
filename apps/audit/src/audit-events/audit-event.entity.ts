import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** One stored event of any service, as received from the event stream. */
@Entity({ name: 'audit_events', schema: 'audit' })
// A B-tree scans backwards as fast as forwards: newest-first pages use this index too.
@Index('audit_events_account_seq_ix', ['accountId', 'seq'])
@Check('audit_events_account_id_ck', `account_id ~ '^[0-9]{12}$'`)
export class AuditEventEntity {
  @PrimaryColumn({ name: 'event_id', type: 'uuid' })
  eventId!: string;

  @Column({ name: 'account_id', type: 'text' })
  accountId!: string;

  @Column({ name: 'event_type', type: 'text' })
  eventType!: string;

  @Column({ name: 'event_source', type: 'text' })
  eventSource!: string;

  @Column({ name: 'aggregate_type', type: 'text' })
  aggregateType!: string;

  @Column({ name: 'aggregate_id', type: 'text' })
  aggregateId!: string;

  @Column({ name: 'actor_type', type: 'text', nullable: true })
  actorType!: string | null;

  @Column({ name: 'actor_arn', type: 'text', nullable: true })
  actorArn!: string | null;

  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt!: Date;

  @Column({ name: 'received_at', type: 'timestamptz' })
  receivedAt!: Date;

  @Column({ name: 'payload', type: 'jsonb' })
  payload!: Record<string, unknown>;

  @Column({
    name: 'seq',
    type: 'bigint',
    generated: 'identity',
    generatedIdentity: 'ALWAYS',
    insert: false,
    update: false,
  })
  seq!: string;
}
