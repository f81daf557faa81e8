import 'reflect-metadata';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { InProcessEventTransport } from '@iam/messaging';
import type { RunningService, SubgraphServiceDefinition } from '@iam/service-host';
import { migrateSubgraphService, startSubgraphService } from '@iam/service-host';
import { subgraphDefaultPort } from '@iam/common';
import { createLogger, loadConfig, subgraphConfigSchema } from '@iam/service-kit';
import { QuickStartError, prepareClusterDirectory } from './cluster-location.js';
import { startEmbeddedPostgres } from './embedded-postgres.js';
import { loadOrCreateSecrets } from './secrets.js';

// The embedded suite runs every service in this one process so that they can share the in-process event
// transport. Services are loaded from their built entry points, the way a process supervisor would start them:
// no service imports another.
const repoRoot = resolve(fileURLToPath(import.meta.url), '../../../../..');
const SERVICES = [
  { name: 'identity', exportName: 'IDENTITY_SERVICE' },
  { name: 'policy', exportName: 'POLICY_SERVICE' },
  { name: 'credential', exportName: 'CREDENTIAL_SERVICE' },
  { name: 'audit', exportName: 'AUDIT_SERVICE' },
] as const;

interface GatewayModule {
  createGateway(options: {
    env: Readonly<Record<string, string | undefined>>;
    supergraphSdl: string;
    logger: ReturnType<typeof createLogger>;
  }): Promise<{ url: string; close(): Promise<void> }>;
}

async function loadService(name: string, exportName: string): Promise<SubgraphServiceDefinition> {
  const module = (await import(join(repoRoot, 'apps', name, 'dist', 'src', 'main.js'))) as Record<
    string,
    unknown
  >;
  return module[exportName] as SubgraphServiceDefinition;
}

async function main(): Promise<void> {
  const logger = createLogger('embedded');
  const dataDir = resolve(process.env['IAM_DATA_DIR'] ?? join(repoRoot, '.data'));
  const secretsPath = join(dataDir, 'secrets.json');
  const secretsExisted = existsSync(secretsPath);
  const clusterDir = await prepareClusterDirectory(
    dataDir,
    secretsExisted,
    dirname(fileURLToPath(import.meta.resolve('embedded-postgres'))),
  );
  if (!secretsExisted && existsSync(join(clusterDir, 'PG_VERSION'))) {
    throw new QuickStartError(
      `${secretsPath} is missing but the PostgreSQL cluster in ${clusterDir} is still there: restore that file, or delete ${dataDir} (its data is then lost) to start afresh.`,
    );
  }
  const secrets = await loadOrCreateSecrets(secretsPath);
  const database = await startEmbeddedPostgres({
    directory: clusterDir,
    port: Number(process.env['IAM_EMBEDDED_POSTGRES_PORT'] ?? 54329),
    password: secrets.postgresPassword,
  });

  const env: Record<string, string | undefined> = {
    ...process.env,
    // SECURITY: the services get the public key only; the private key is added for the gateway alone (below).
    IAM_CALLER_VERIFY_PUBLIC_KEY: secrets.callerVerifyPublicKey,
    IAM_PLATFORM_ADMIN_TOKEN: secrets.platformAdminToken,
    IAM_DATA_KEYS: secrets.dataKeys.join(','),
  };
  const definitions: SubgraphServiceDefinition[] = [];
  for (const { name, exportName } of SERVICES) {
    const definition = await loadService(name, exportName);
    const appRole = `iam_${name}_app`;
    const password = secrets.appRolePasswords[name] ?? '';
    await migrateSubgraphService(definition, {
      adminUrl: database.adminUrl,
      appRole,
      appRolePassword: password,
    });
    env[`${name.toUpperCase()}_DATABASE_URL`] = database.urlFor(appRole, password);
    definitions.push(definition);
  }

  // Every service's authorizer asks the policy service for its callers' effective policies (and caches them; the
  // in-process transport carries the invalidations): its URL is where the policy service listens.
  if ((env['POLICY_SERVICE_URL'] ?? '') === '') {
    const policy = loadConfig(subgraphConfigSchema(subgraphDefaultPort('policy')), env, {
      prefix: 'POLICY_',
    });
    env['POLICY_SERVICE_URL'] = `http://${policy.HOST}:${policy.PORT}`;
  }
  const transport = new InProcessEventTransport();
  const running: RunningService[] = [];
  for (const definition of definitions) {
    running.push(
      await startSubgraphService(definition, {
        env,
        transport,
        logger: createLogger(definition.name),
      }),
    );
  }
  for (const service of running)
    env[`SUBGRAPH_${service.name.toUpperCase()}_URL`] = `${service.url}/graphql`;

  const gatewayModule = (await import(
    join(repoRoot, 'apps', 'gateway', 'dist', 'src', 'gateway.js')
  )) as GatewayModule;
  const supergraphSdl = await readFile(
    join(repoRoot, 'apps', 'gateway', 'supergraph.graphql'),
    'utf8',
  );
  const gateway = await gatewayModule.createGateway({
    env: { ...env, IAM_CALLER_SIGNING_PRIVATE_KEY: secrets.callerSigningPrivateKey },
    supergraphSdl,
    logger: createLogger('gateway'),
  });

  process.stdout.write(
    [
      '',
      'IAM suite is running (embedded PostgreSQL, in-process events).',
      `  GraphQL:  ${gateway.url}/graphql`,
      ...(env['NODE_ENV'] === 'production'
        ? []
        : [
            `  IDE:      ${gateway.url}/graphql in a browser (put a session token from signIn in its Headers tab)`,
          ]),
      `  Ready:    ${gateway.url}/health/ready (200 once every service is ready, 503 before)`,
      `  Data:     ${dataDir}`,
      `  Postgres: ${clusterDir} (port ${database.port})`,
      '  Sign in as the platform administrator with the bearer token stored in',
      `  ${join(dataDir, 'secrets.json')} (field platformAdminToken), e.g.:`,
      `  curl -s ${gateway.url}/graphql -H "authorization: Bearer $(node -p "require('${join(dataDir, 'secrets.json')}').platformAdminToken")" \\`,
      `       -H 'content-type: application/json' -d '{"query":"mutation { createAccount(input: {}) { account { accountId arn } } }"}'`,
      '',
    ].join('\n'),
  );

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await gateway.close();
    for (const service of running.reverse()) await service.close();
    await transport.close();
    await database.stop();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
  logger.info('embedded suite started', { gateway: `${gateway.url}/graphql` });
}

main().catch((error: unknown) => {
  // A problem the user can fix is one sentence; anything else its message, the stack only with LOG_LEVEL=debug.
  const debug = process.env['LOG_LEVEL'] === 'debug';
  const text =
    error instanceof QuickStartError
      ? error.message
      : `The embedded suite failed to start: ${error instanceof Error ? ((debug ? error.stack : error.message) ?? error.message) : String(error)}${debug ? '' : ' (LOG_LEVEL=debug shows more).'}`;
  process.stderr.write(`${text}\n`);
  process.exit(1);
});
