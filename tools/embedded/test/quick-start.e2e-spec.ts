import { createHash } from 'node:crypto';
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { expectEventually } from '@iam/testing';

// The quick start as a newcomer runs it: the built embedded runner, its own PostgreSQL (from the npm registry)
// and the in-process event transport, no DATABASE_URL and no Kafka.
const repoRoot = resolve(fileURLToPath(import.meta.url), '../../../..');
const entry = join(repoRoot, 'tools', 'embedded', 'dist', 'src', 'main.js');

async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolvePort(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

describe('the embedded quick start', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'iam-quick-start-'));
  let child: ChildProcess | null = null;
  let output = '';
  const env: NodeJS.ProcessEnv = {
    PATH: process.env['PATH'],
    HOME: process.env['HOME'],
    LOG_LEVEL: 'warn',
    IAM_DATA_DIR: dataDir,
  };

  async function start(): Promise<string> {
    if (!existsSync(entry)) throw new Error(`${entry} is missing: run \`npm run build\` first`);
    output = '';
    const proc = spawn(process.execPath, [entry], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    child = proc;
    proc.stdout.on('data', (d: Buffer) => (output += d.toString()));
    proc.stderr.on('data', (d: Buffer) => (output += d.toString()));
    await expectEventually(
      () => {
        if (proc.exitCode !== null)
          throw new Error(`the quick start exited with ${proc.exitCode}:\n${output}`);
        expect(output).toContain('GraphQL:');
      },
      { timeoutMs: 60_000, intervalMs: 100 },
    );
    return /GraphQL:\s+(\S+)/.exec(output)![1]!;
  }

  async function stop(): Promise<void> {
    const proc = child;
    if (!proc || proc.exitCode !== null) return;
    const exited = new Promise((r) => proc.once('exit', r));
    proc.kill('SIGINT');
    await exited;
  }

  afterAll(async () => {
    await stop();
    rmSync(dataDir, { recursive: true, force: true });
    // As root the cluster lives outside the data folder (see tools/embedded/src/main.ts).
    const digest = createHash('sha256').update(dataDir).digest('hex').slice(0, 16);
    if (process.getuid?.() === 0)
      rmSync(join('/var/lib/iam-embedded', digest), { recursive: true, force: true });
  });

  it('serves the slice through the gateway and keeps its data across a restart', async () => {
    env['GATEWAY_PORT'] = String(await freePort());
    for (const service of ['IDENTITY', 'POLICY', 'CREDENTIAL', 'AUDIT'])
      env[`${service}_PORT`] = String(await freePort());
    env['IAM_EMBEDDED_POSTGRES_PORT'] = String(await freePort());

    const started = Date.now();
    let url = await start();
    expect(Date.now() - started).toBeLessThan(60_000);
    const token = (
      JSON.parse(readFileSync(join(dataDir, 'secrets.json'), 'utf8')) as {
        platformAdminToken: string;
      }
    ).platformAdminToken;
    const graphql = async (
      endpoint: string,
      query: string,
      variables: Record<string, unknown> = {},
    ) => {
      const response = await fetch(endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query, variables }),
      });
      return (await response.json()) as { data?: Record<string, never>; errors?: unknown[] };
    };

    const created = await graphql(
      url,
      'mutation { createAccount(input: { alias: "quick-start" }) { account { accountId } } }',
    );
    expect(created.errors).toBeUndefined();
    const accountId = (
      created.data as unknown as { createAccount: { account: { accountId: string } } }
    ).createAccount.account.accountId;
    await expectEventually(async () => {
      const audit = await graphql(
        url,
        'query ($id: ID!) { auditEvents(accountId: $id) { events { eventType } } }',
        { id: accountId },
      );
      expect(audit.data).toEqual({
        auditEvents: { events: [{ eventType: 'account.created.v1' }] },
      });
    });

    await stop();
    url = await start();
    const listed = await graphql(url, '{ listAccounts { accounts { accountId alias } } }');
    expect(listed.data).toEqual({
      listAccounts: { accounts: [{ accountId, alias: 'quick-start' }] },
    });
  }, 180_000);
});
