import { InProcessEventTransport, KafkaEventTransport } from '../src/index.js';
import { getTestKafkaBrokers } from '@iam/testing';
import { runEventTransportContract } from './support/event-transport-contract.js';

const quiet = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};

runEventTransportContract('in-process', () => Promise.resolve(new InProcessEventTransport()));

runEventTransportContract('kafka', async () => {
  return new KafkaEventTransport({
    brokers: await getTestKafkaBrokers(),
    clientId: 'contract-test',
    logger: quiet,
  });
});
