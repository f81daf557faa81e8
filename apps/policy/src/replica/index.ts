import type { Clock } from '@iam/common';
import type { Outbox } from '@iam/messaging';
import type { ConsumerDefinition } from '@iam/service-host';
import { AccountRevisionRepository } from '../revisions/account-revision.repository.js';
import { IdentityReplicaRepository } from './identity-replica.repository.js';
import {
  IDENTITY_REPLICA_GROUP,
  IDENTITY_REPLICA_TOPICS,
  IdentityReplica,
} from './identity-replica.js';

export {
  ADMINISTRATOR_ACCESS_ARN,
  IDENTITY_REPLICA_GROUP,
  IDENTITY_REPLICA_TOPICS,
  IdentityReplica,
} from './identity-replica.js';
export type { IdentityReplicaDeps } from './identity-replica.js';
export { IdentityReplicaRepository } from './identity-replica.repository.js';

/** The replica as a consumer the service host runs (through its idempotent consumer). */
export function identityReplicaConsumer(deps: {
  outbox: Outbox;
  clock: Clock;
}): ConsumerDefinition {
  const replica = new IdentityReplica({
    replica: new IdentityReplicaRepository(),
    revisions: new AccountRevisionRepository(),
    outbox: deps.outbox,
    clock: deps.clock,
  });
  return {
    groupId: IDENTITY_REPLICA_GROUP,
    topics: IDENTITY_REPLICA_TOPICS,
    handle: (tx, envelope) => replica.apply(tx, envelope),
  };
}
