export type { EventActor, EventEnvelope, ParseEnvelopeResult } from './envelope.js';
export { parseEventEnvelope, topicFor, topicOf } from './envelope.js';
export { SecretInEventError, assertNoSecrets } from './no-secrets.js';
export type {
  AccountChangeType,
  AccountChangedEvent,
  AccountCreatedV1,
  AccountPayload,
} from './events/account-events.js';
export { accountChanged, accountCreatedV1 } from './events/account-events.js';
