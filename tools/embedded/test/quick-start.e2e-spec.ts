import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { expectEventually, freePort } from '@iam/testing';

// The quick start as a newcomer runs it: the built embedded runner, its own PostgreSQL (from the npm registry)
// and the in-process event transport, no DATABASE_URL and no Kafka.
const repoRoot = resolve(fileURLToPath(import.meta.url), '../../../..');
const entry = join(repoRoot, 'tools', 'embedded', 'dist', 'src', 'main.js');

/** The platform administrator's token from the data folder's secrets file. */
function adminToken(dataDir: string): string {
  return (
    JSON.parse(readFileSync(join(dataDir, 'secrets.json'), 'utf8')) as {
      platformAdminToken: string;
    }
  ).platformAdminToken;
}

async function graphqlAt(
  dataDir: string,
  endpoint: string,
  query: string,
  variables: Record<string, unknown> = {},
) {
  const response = await fetch(endpoint, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${adminToken(dataDir)}`,
    },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as { data?: Record<string, never>; errors?: unknown[] };
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
  const graphql = (endpoint: string, query: string, variables: Record<string, unknown> = {}) =>
    graphqlAt(dataDir, endpoint, query, variables);

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
    // Everything, the PostgreSQL cluster included (as root too), lives in the data folder.
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** Runs the quick start to its exit, expecting it to fail: its output. */
  async function failedStart(): Promise<{ code: number | null; output: string }> {
    const proc = spawn(process.execPath, [entry], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let text = '';
    proc.stdout.on('data', (d: Buffer) => (text += d.toString()));
    proc.stderr.on('data', (d: Buffer) => (text += d.toString()));
    const code = await new Promise<number | null>((r) => proc.once('exit', r));
    return { code, output: text };
  }

  it('serves the slice through the gateway and keeps its data across a restart', async () => {
    env['GATEWAY_PORT'] = String(await freePort());
    for (const service of ['IDENTITY', 'POLICY', 'CREDENTIAL', 'AUDIT'])
      env[`${service}_PORT`] = String(await freePort());
    env['IAM_EMBEDDED_POSTGRES_PORT'] = String(await freePort());

    const started = Date.now();
    let url = await start();
    expect(Date.now() - started).toBeLessThan(60_000);

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

  it('starts afresh once the data folder is deleted; a lost secrets file is one sentence saying what to do', async () => {
    // Runs after the test above: the suite has data. Stop it, then lose only the secrets file.
    await stop();
    rmSync(join(dataDir, 'secrets.json'));
    const lost = await failedStart();
    expect(lost.code).toBe(1);
    expect(lost.output.trim().split('\n')).toEqual([
      expect.stringMatching(
        /secrets\.json is missing .* restore that file, or delete .* to start afresh\.$/,
      ),
    ]);

    // Deleting the whole data folder (a user's first reflex to start over) gives a fresh, working suite.
    rmSync(dataDir, { recursive: true, force: true });
    const url = await start();
    const created = await graphql(
      url,
      'mutation { createAccount(input: { alias: "second-life" }) { account { accountId } } }',
    );
    expect(created.errors).toBeUndefined();
    const listed = await graphql(url, '{ listAccounts { accounts { alias } } }');
    expect(listed.data).toEqual({ listAccounts: { accounts: [{ alias: 'second-life' }] } });
    // As root too, the cluster is in the data folder (owned by the unprivileged user PostgreSQL runs as).
    expect(existsSync(join(dataDir, 'postgres', 'PG_VERSION'))).toBe(true);
  }, 120_000);
});
