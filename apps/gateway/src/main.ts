import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { ConfigError, createLogger } from '@iam/service-kit';
import type { GatewayConfig } from './config/gateway.config.js';
import { loadGatewayConfig } from './config/gateway.config.js';
import { createGateway } from './gateway.js';

export { createGateway } from './gateway.js';

/** The committed supergraph, next to this app's package.json (dist/src/main.js → ../../supergraph.graphql). */
const SUPERGRAPH_PATH = fileURLToPath(new URL('../../supergraph.graphql', import.meta.url));

async function main(): Promise<void> {
  const logger = createLogger('gateway');
  let config: GatewayConfig;
  try {
    config = loadGatewayConfig(process.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    logger.error('invalid configuration', { problems: error.problems });
    process.exitCode = 1;
    return;
  }
  let supergraphSdl: string;
  try {
    supergraphSdl = await readFile(SUPERGRAPH_PATH, 'utf8');
  } catch {
    logger.error(
      'supergraph missing: run `npm run generate` to compose apps/gateway/supergraph.graphql',
      {
        path: SUPERGRAPH_PATH,
      },
    );
    process.exitCode = 1;
    return;
  }
  const gateway = await createGateway({ config, supergraphSdl, logger });
  const stop = () => {
    gateway.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await main();
}
