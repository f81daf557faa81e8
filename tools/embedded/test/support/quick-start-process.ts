import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { expectEventually, freePort } from '@iam/testing';

const repoRoot = resolve(fileURLToPath(import.meta.url), '../../../../..');
/** The built embedded runner (`npm start`). */
export const QUICK_START_ENTRY = join(repoRoot, 'tools', 'embedded', 'dist', 'src', 'main.js');

/**
 * The quick start as a child process, as a newcomer's shell runs it (its own data folder, free ports): started,
 * stopped, and everything it wrote (stdout and stderr).
 */
export class QuickStartProcess {
  private child: ChildProcess | null = null;
  /** What the current run wrote so far. */
  output = '';
  /** The gateway's GraphQL URL, once started. */
  url = '';
  /** The environment it starts with; a test may change it between runs. */
  readonly env: NodeJS.ProcessEnv;

  constructor(
    readonly dataDir: string,
    logLevel: string,
  ) {
    this.env = {
      PATH: process.env['PATH'],
      HOME: process.env['HOME'],
      LOG_LEVEL: logLevel,
      IAM_DATA_DIR: dataDir,
    };
  }

  /** Picks free ports for the gateway, every service and the embedded PostgreSQL. */
  async useFreePorts(): Promise<void> {
    this.env['GATEWAY_PORT'] = String(await freePort());
    for (const service of ['IDENTITY', 'POLICY', 'CREDENTIAL', 'AUDIT'])
      this.env[`${service}_PORT`] = String(await freePort());
    this.env['IAM_EMBEDDED_POSTGRES_PORT'] = String(await freePort());
  }

  /** The platform administrator's token from the data folder's secrets file. */
  adminToken(): string {
    return (
      JSON.parse(readFileSync(join(this.dataDir, 'secrets.json'), 'utf8')) as {
        platformAdminToken: string;
      }
    ).platformAdminToken;
  }

  /** One GraphQL operation through the running gateway, as the platform administrator unless `token` says. */
  graphql(
    query: string,
    variables: Record<string, unknown> = {},
    token: string | null = this.adminToken(),
  ): Promise<GraphQLAnswer> {
    return postGraphQL(this.url, query, variables, token);
  }

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
    this.url = /GraphQL:\s+(\S+)/.exec(this.output)![1]!;
    return this.url;
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
