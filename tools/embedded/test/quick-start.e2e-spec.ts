import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { expectEventually } from '@iam/testing';
import {
  QUICK_START_ENTRY as entry,
  QuickStartProcess,
  postGraphQL,
} from './support/quick-start-process.js';

// The quick start as a newcomer runs it: the built embedded runner, its own PostgreSQL (from the npm registry)
// and the in-process event transport, no DATABASE_URL and no Kafka.

describe('the embedded quick start', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'iam-quick-start-'));
  const quickStart = new QuickStartProcess(dataDir, 'warn');
  const env = quickStart.env;
  const graphql = (endpoint: string, query: string, variables: Record<string, unknown> = {}) =>
    postGraphQL(endpoint, query, variables, quickStart.adminToken());
  const start = () => quickStart.start();
  const stop = () => quickStart.stop();

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
    await quickStart.useFreePorts();

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
