import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { expectEventually } from '@iam/testing';

const repoRoot = resolve(fileURLToPath(import.meta.url), '../../../../..');
/** The built embedded runner (`npm start`). */
export const QUICK_START_ENTRY = join(repoRoot, 'tools', 'embedded', 'dist', 'src', 'main.js');

/** A TCP port nothing listens on right now. */
export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolvePort(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** Free ports for the gateway, every service and the embedded PostgreSQL, as environment variables. */
export async function freePortsEnv(): Promise<Record<string, string>> {
  const env: Record<string, string> = { GATEWAY_PORT: String(await freePort()) };
  for (const service of ['IDENTITY', 'POLICY', 'CREDENTIAL', 'AUDIT'])
    env[`${service}_PORT`] = String(await freePort());
  env['IAM_EMBEDDED_POSTGRES_PORT'] = String(await freePort());
  return env;
}

/** The platform administrator's token from the data folder's secrets file. */
export function adminToken(dataDir: string): string {
  return (
    JSON.parse(readFileSync(join(dataDir, 'secrets.json'), 'utf8')) as {
      platformAdminToken: string;
    }
  ).platformAdminToken;
}

/** The quick start as a child process: started, stopped, and everything it wrote (stdout and stderr). */
export class QuickStartProcess {
  private child: ChildProcess | null = null;
  /** What the current run wrote so far. */
  output = '';

  constructor(private readonly env: NodeJS.ProcessEnv) {}

  /** Starts the quick start and waits for its banner: the gateway's GraphQL URL. */
  async start(): Promise<string> {
    if (!existsSync(QUICK_START_ENTRY))
      throw new Error(`${QUICK_START_ENTRY} is missing: run \`npm run build\` first`);
    this.output = '';
    const proc = spawn(process.execPath, [QUICK_START_ENTRY], {
      env: this.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = proc;
    proc.stdout.on('data', (d: Buffer) => (this.output += d.toString()));
    proc.stderr.on('data', (d: Buffer) => (this.output += d.toString()));
    await expectEventually(
      () => {
        if (proc.exitCode !== null)
          throw new Error(`the quick start exited with ${proc.exitCode}:\n${this.output}`);
        expect(this.output).toContain('GraphQL:');
      },
      { timeoutMs: 60_000, intervalMs: 100 },
    );
    return /GraphQL:\s+(\S+)/.exec(this.output)![1]!;
  }

  /** Stops it as Ctrl-C does and waits for it to exit. */
  async stop(): Promise<void> {
    const proc = this.child;
    if (!proc || proc.exitCode !== null) return;
    const exited = new Promise((r) => proc.once('exit', r));
    proc.kill('SIGINT');
    await exited;
  }
}

/** A GraphQL answer, with the request id the gateway answered it under. */
export interface GraphQLAnswer {
  readonly requestId: string | null;
  readonly data?: Record<string, unknown>;
  readonly errors?: { message: string; extensions?: Record<string, unknown> }[];
}

/** Posts one GraphQL operation to the gateway, with a bearer token unless `token` is `null`. */
export async function postGraphQL(
  endpoint: string,
  query: string,
  variables: Record<string, unknown>,
  token: string | null,
): Promise<GraphQLAnswer> {
  const response = await fetch(endpoint, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token === null ? {} : { authorization: `Bearer ${token}` }),
    },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as Omit<GraphQLAnswer, 'requestId'>;
  return { requestId: response.headers.get('x-request-id'), ...body };
}
