import type { DataSource, EntitySubscriberInterface } from 'typeorm';
import type { Outbox } from './outbox.js';
import type { OutboxRelay } from './outbox-relay.js';

/**
 * Wakes the relay each time a transaction that appended to `outbox` commits, so that its events leave at once
 * instead of at the relay's next poll (up to its poll interval later). A rolled-back transaction wakes nothing, and
 * neither does one that appended nothing. Returns a function that removes the hook.
 */
export function wakeRelayAfterCommit(
  dataSource: DataSource,
  outbox: Pick<Outbox, 'takeAppended'>,
  relay: Pick<OutboxRelay, 'notify'>,
): () => void {
  const subscriber: EntitySubscriberInterface = {
    afterTransactionCommit: (event) => {
      if (outbox.takeAppended(event.queryRunner)) relay.notify();
    },
  };
  dataSource.subscribers.push(subscriber);
  return () => {
    const index = dataSource.subscribers.indexOf(subscriber);
    if (index !== -1) dataSource.subscribers.splice(index, 1);
  };
}
