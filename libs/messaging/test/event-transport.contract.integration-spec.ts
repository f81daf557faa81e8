import { InProcessEventTransport, KafkaEventTransport } from '../src/index.js';
import { getTestKafkaBrokers } from '@iam/testing';
import { runEventTransportContract } from './support/event-transport-contract.js';
import { QUIET_LOGGER } from './support/messaging-test-database.js';

runEventTransportContract('in-process', () => Promise.resolve(new InProcessEventTransport()));

runEventTransportContract('kafka', async () => {
  return new KafkaEventTransport({
    brokers: await getTestKafkaBrokers(),
    clientId: 'contract-test',
    logger: QUIET_LOGGER,
  });
});
