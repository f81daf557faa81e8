import { writeFile } from 'node:fs/promises';
import { createLogger, loadConfig, migrationConfigSchema } from '@iam/service-kit';
import type { SubgraphServiceDefinition } from './subgraph-service.js';
import {
  migrateSubgraphService,
  printServiceSdl,
  startSubgraphService,
} from './subgraph-service.js';

/**
 * The command line of every service: `serve` (default), `migrate`, `print-schema [FILE]`.
 * Exits non-zero with the configuration problems listed when the environment is incomplete.
 */
export async function runServiceCli(
  definition: SubgraphServiceDefinition,
  argv: readonly string[],
): Promise<void> {
  const [command = 'serve', arg] = argv;
  const logger = createLogger(definition.name);
  try {
    switch (command) {
      case 'serve': {
        const service = await startSubgraphService(definition, { logger });
        const stop = () => {
          service.close().then(
            () => process.exit(0),
            () => process.exit(1),
          );
        };
        process.once('SIGTERM', stop);
        process.once('SIGINT', stop);
        return;
      }
      case 'migrate': {
        const config = loadConfig(migrationConfigSchema(definition.name), process.env, {
          prefix: `${definition.name.toUpperCase()}_`,
        });
        const applied = await migrateSubgraphService(definition, {
          adminUrl: config.MIGRATION_DATABASE_URL,
          appRole: config.APP_ROLE,
        });
        logger.info('migrations applied', { applied });
        return;
      }
      case 'print-schema': {
        const sdl = await printServiceSdl(definition);
        if (arg) await writeFile(arg, sdl);
        else process.stdout.write(sdl);
        return;
      }
      default:
        process.stderr.write(`usage: ${definition.name} [serve|migrate|print-schema [FILE]]\n`);
        process.exitCode = 2;
    }
  } catch (error) {
    logger.error('command failed', {
      command,
      error: error instanceof Error ? error.message : String(error),
    });
    process.exitCode = 1;
    // A service that failed to start may still hold connections and timers that would keep it alive without
    // serving: end it once the log line is written, so that a supervisor sees the failure and restarts it.
    if (command === 'serve') setTimeout(() => process.exit(1), 200).unref();
  }
}
