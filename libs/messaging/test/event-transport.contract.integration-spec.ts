import { InProcessEventTransport, KafkaEventTransport } from '@iam/messaging';
import { getTestKafkaBrokers, runEventTransportContract } from '@iam/testing';

const quiet = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

runEventTransportContract('in-process', () => Promise.resolve(new InProcessEventTransport()));

runEventTransportContract('kafka', async () => {
  return new KafkaEventTransport({ brokers: await getTestKafkaBrokers(), clientId: 'contract-test', logger: quiet });
});
