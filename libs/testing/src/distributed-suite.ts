import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { createHash, generateKeyPairSync, randomBytes } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from './free-port.js';
import type { SubgraphName } from '@iam/common';
import { SUBGRAPH_NAMES } from '@iam/common';
import { getTestKafkaBrokers, uniqueName } from './kafka.js';
import { createTestDatabase } from './postgres.js';
import type { TestDatabase } from './postgres.js';

// The e2e suite runs the built services as separate processes, the distributed topology: real PostgreSQL, a real
// Kafka broker, one process per service and the gateway in front.
// Runs from src/ (Vitest) and from dist/src/ (benchmarks): the root is the nearest folder with the workspace's
// package.json.
const repoRoot = findRepoRoot(dirname(fileURLToPath(import.meta.url)));

function findRepoRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (
      existsSync(manifest) &&
      'workspaces' in (JSON.parse(readFileSync(manifest, 'utf8')) as object)
    )
      return dir;
    if (dirname(dir) === dir) throw new Error(`no workspace root above ${from}`);
  }
}
/** The services a suite starts besides the gateway: the subgraphs of `@iam/common`. */
export const SERVICE_NAMES = SUBGRAPH_NAMES;
export type ServiceName = SubgraphName;

function entryOf(app: string, file = 'main.js'): string {
  const entry = join(repoRoot, 'apps', app, 'dist', 'src', file);
  if (!existsSync(entry))
    throw new Error(`${entry} is missing: run \`npm run build\` before the e2e tests`);
  return entry;
}

/** A digest of every service's built migrations: a changed or added migration makes a new template. */
function migrationsDigest(): string {
  const hash = createHash('sha256');
  for (const name of SERVICE_NAMES) {
    const dir = join(repoRoot, 'apps', name, 'dist', 'src', 'database', 'migrations');
    for (const file of readdirSync(dir)
      .filter((f) => f.endsWith('.js'))
      .sort()) {
      hash.update(`${name}/${file}\n`).update(readFileSync(join(dir, file)));
    }
  }
  return hash.digest('hex').slice(0, 16);
}

async function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const code = await new Promise<number | null>((r) => child.on('exit', r));
  if (code !== 0) throw new Error(`${args.join(' ')} exited with ${code}:\n${output}`);
}

const START_TIMEOUT_MS = 150_000;

/** One running service process. */
export class ServiceProcess {
  private child: ChildProcess | null = null;
  private output = '';

  constructor(
    readonly name: string,
    readonly url: string,
    private readonly args: string[],
    private readonly env: NodeJS.ProcessEnv,
  ) {}

  async start(): Promise<void> {
    this.output = '';
    const child = spawn(process.execPath, this.args, {
      env: this.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    child.stdout?.on('data', (d: Buffer) => (this.output += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (this.output += d.toString()));
    // Generous: on a loaded 2-core machine a NestJS service can take longer than half a minute to listen.
    const deadline = Date.now() + START_TIMEOUT_MS;
    for (;;) {
      if (child.exitCode !== null)
        throw new Error(`${this.name} exited with ${child.exitCode}:\n${this.output}`);
      try {
        const response = await fetch(`${this.url}/health/live`);
        if (response.ok) return;
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline)
        throw new Error(
          `${this.name} did not start within ${START_TIMEOUT_MS / 1000} s:\n${this.output}`,
        );
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  /** Kills the process without letting it clean up (SIGKILL), as a crash would. */
  async crash(): Promise<void> {
    await this.stop('SIGKILL');
  }

  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill(signal);
    await exited;
  }

  /** The process id while running (benchmarks read its CPU time), else null. */
  pid(): number | null {
    return this.child?.pid ?? null;
  }

  logs(): string {
    return this.output;
  }
}

/** The whole suite: a fresh database, a Kafka namespace of its own, four services and the gateway. */
export interface Suite {
  readonly gatewayUrl: string;
  readonly adminToken: string;
  /**
   * The gateway's Ed25519 private key that signs caller contexts, to call a subgraph directly (benchmarks measure
   * the gateway's share). Only the gateway process is given it; the services get the public key alone.
   */
  readonly signingKey: KeyObject;
  readonly db: TestDatabase;
  readonly services: Record<ServiceName, ServiceProcess>;
  readonly gateway: ServiceProcess;
  /** A GraphQL request as `token` (default: the platform administrator; null: anonymous), with extra `headers`. */
  graphql<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    token?: string | null,
    headers?: Record<string, string>,
  ): Promise<{
    status: number;
    data?: T;
    errors?: { message: string; extensions?: Record<string, unknown> }[];
  }>;
  /**
   * Starts another gateway process over the same services, with `env` on top of the suite gateway's environment
   * (benchmarks compare gateway settings in one run); it is stopped with the suite.
   */
  startGateway(env: Record<string, string>): Promise<ServiceProcess>;
  stop(): Promise<void>;
}

const APP_ROLE_PASSWORD = 'e2e-app-role-password';

/**
 * IAM users on this path hold an allow-all identity policy in their own account when the suite runs with
 * `identityPolicies: 'allow-all-test-users'` (kept in step with `apps/identity/src/testing/allow-all-test-users.main.ts`).
 */
export const ALLOW_ALL_TEST_PATH = '/test-allow-all/';

/** How a suite differs from the production services (test seams, chosen in code, never from the environment). */
export interface SuiteOptions {
  /**
   * `allow-all-test-users`: the identity service runs from its test entry point, where IAM users on
   * {@link ALLOW_ALL_TEST_PATH} hold an allow-all policy in their own account (everyone else as in production), so
   * that a cross-account refusal proves isolation, not a missing policy. Default: the production entry point.
   */
  readonly identityPolicies?: 'stand-in' | 'allow-all-test-users';
}

/** Starts the whole suite from the built entry points. */
export async function startSuite(options: SuiteOptions = {}): Promise<Suite> {
  const brokers = await getTestKafkaBrokers();
  const db = await createTestDatabase({
    template: {
      key: `suite:${migrationsDigest()}`,
      prepare: async (adminUrl) => {
        for (const name of SERVICE_NAMES) {
          await run(process.execPath, [entryOf(name), 'migrate'], {
            ...process.env,
            [`${name.toUpperCase()}_MIGRATION_DATABASE_URL`]: adminUrl,
            LOG_LEVEL: 'warn',
          });
        }
      },
    },
    appRoles: SERVICE_NAMES.map((n) => `iam_${n}_app`),
  });
  const { privateKey: signingKey, publicKey } = generateKeyPairSync('ed25519');
  const adminToken = randomBytes(32).toString('base64url');
  const namespace = uniqueName('e2e');
  // Every service asks the policy service for its callers' effective policies: its port is chosen first.
  const ports = {} as Record<ServiceName, number>;
  for (const name of SERVICE_NAMES) ports[name] = await freePort();
  const common: NodeJS.ProcessEnv = {
    POLICY_SERVICE_URL: `http://127.0.0.1:${ports.policy}`,
    PATH: process.env['PATH'],
    KAFKA_BROKERS: brokers.join(','),
    IAM_EVENT_NAMESPACE: namespace,
    IAM_DATA_KEYS: randomBytes(32).toString('base64url'),
    IAM_PLATFORM_ADMIN_TOKEN: adminToken,
    LOG_LEVEL: 'warn',
    NODE_ENV: 'test',
  };
  const services = {} as Record<ServiceName, ServiceProcess>;
  const subgraphUrls: Record<string, string> = {};
  for (const name of SERVICE_NAMES) {
    const port = ports[name];
    const upper = name.toUpperCase();
    const url = `http://127.0.0.1:${port}`;
    subgraphUrls[`SUBGRAPH_${upper}_URL`] = `${url}/graphql`;
    const entry =
      name === 'identity' && options.identityPolicies === 'allow-all-test-users'
        ? entryOf(name, join('testing', 'allow-all-test-users.main.js'))
        : entryOf(name);
    services[name] = new ServiceProcess(name, url, [entry, 'serve'], {
      ...common,
      [`${upper}_PORT`]: String(port),
      IAM_CALLER_VERIFY_PUBLIC_KEY: publicKey.export({ format: 'pem', type: 'spki' }).toString(),
      [`${upper}_DATABASE_URL`]: db.urlFor(`iam_${name}_app`),
    });
  }
  const gatewayPort = await freePort();
  const gatewayUrl = `http://127.0.0.1:${gatewayPort}`;
  const gatewayEnv: NodeJS.ProcessEnv = {
    ...common,
    ...subgraphUrls,
    IAM_CALLER_SIGNING_PRIVATE_KEY: signingKey
      .export({ format: 'der', type: 'pkcs8' })
      .toString('base64'),
  };
  const gateway = new ServiceProcess('gateway', gatewayUrl, [entryOf('gateway')], {
    ...gatewayEnv,
    GATEWAY_PORT: String(gatewayPort),
  });
  const extraGateways: ServiceProcess[] = [];
  try {
    const started = await Promise.allSettled(Object.values(services).map((s) => s.start()));
    const failed = started.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason;
    await gateway.start();
  } catch (error) {
    // A suite that did not start leaves no process behind (it would hold ports and CPU until the run ends).
    await gateway.stop('SIGKILL');
    await Promise.all(Object.values(services).map((s) => s.stop('SIGKILL')));
    await db.drop();
    throw error;
  }

  return {
    gatewayUrl,
    adminToken,
    signingKey,
    db,
    services,
    gateway,
    graphql: async (query, variables = {}, token = adminToken, headers = {}) => {
      const response = await fetch(`${gatewayUrl}/graphql`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...headers,
          ...(token === null ? {} : { authorization: `Bearer ${token}` }),
        },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await response.json()) as { data?: never; errors?: never };
      return { status: response.status, ...body };
    },
    startGateway: async (env) => {
      const port = await freePort();
      const extra = new ServiceProcess(
        'gateway',
        `http://127.0.0.1:${port}`,
        [entryOf('gateway')],
        {
          ...gatewayEnv,
          ...env,
          GATEWAY_PORT: String(port),
        },
      );
      extraGateways.push(extra);
      await extra.start();
      return extra;
    },
    stop: async () => {
      await Promise.all(extraGateways.map((g) => g.stop()));
      await gateway.stop();
      await Promise.all(Object.values(services).map((s) => s.stop()));
      await db.drop();
    },
  };
}

export { APP_ROLE_PASSWORD };
