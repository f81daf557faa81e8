import type { EntityManager } from 'typeorm';
import type { EventEnvelope } from '@iam/event-contracts';
import { assertNoSecrets, topicOf } from '@iam/event-contracts';

/**
 * Appends events to `<schema>.outbox` inside the caller's transaction, so that an event exists if and only if the
 * change it describes was committed. Use cases never call the broker directly.
 */
export class Outbox {
  /** Transactions (by query runner) that appended since the host last asked: it wakes the relay after they commit. */
  private readonly appended = new WeakSet<object>();

  constructor(readonly schema: string) {
    if (!/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`unsafe schema name \`${schema}\``);
  }

  async append(tx: EntityManager, envelope: EventEnvelope): Promise<void> {
    assertNoSecrets(envelope.payload);
    await tx.query(
      `INSERT INTO ${this.schema}.outbox (id, account_id, aggregate_type, aggregate_id, event_type, topic, envelope)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [
        envelope.id,
        envelope.accountId,
        envelope.aggregateType,
        envelope.aggregateId,
        envelope.type,
        topicOf(envelope),
        JSON.stringify(envelope),
      ],
    );
    if (tx.queryRunner !== undefined) this.appended.add(tx.queryRunner);
  }

  /**
   * Whether the transaction of `queryRunner` appended an event (answered once): the service host asks when a
   * transaction commits and wakes the relay, so an event leaves at once rather than at the relay's next poll.
   */
  takeAppended(queryRunner: object): boolean {
    return this.appended.delete(queryRunner);
  }
}
