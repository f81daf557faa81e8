import { spawn } from 'node:child_process';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { freePort } from '@iam/testing';

const ENTRY = fileURLToPath(new URL('../../dist/src/main.js', import.meta.url));

// A service that cannot start must end, not linger: before, a failed start (here the event bus is unreachable)
// logged "command failed" and then kept running without listening, held up by its database pool and outbox relay,
// and a supervisor (or the e2e suite) waited for it in vain.
describe('identity serve: a failed start ends the process', () => {
  it('exits non-zero, saying why, when the event bus cannot be reached', async () => {
    expect(existsSync(ENTRY), `${ENTRY} is missing: run \`npm run build\``).toBe(true);
    const databaseUrl = process.env['DATABASE_URL'];
    expect(databaseUrl, 'DATABASE_URL must name the test PostgreSQL').toBeTruthy();
    const { publicKey } = generateKeyPairSync('ed25519');
    const closedPort = await freePort();
    const child = spawn(process.execPath, [ENTRY, 'serve'], {
      env: {
        PATH: process.env['PATH'],
        NODE_ENV: 'test',
        LOG_LEVEL: 'error',
        IDENTITY_PORT: String(await freePort()),
        IDENTITY_DATABASE_URL: databaseUrl,
        KAFKA_BROKERS: `127.0.0.1:${closedPort}`,
        IAM_EVENT_NAMESPACE: `failed-start-${randomBytes(4).toString('hex')}`,
        IAM_DATA_KEYS: randomBytes(32).toString('base64url'),
        IAM_PLATFORM_ADMIN_TOKEN: randomBytes(32).toString('base64url'),
        IAM_CALLER_VERIFY_PUBLIC_KEY: publicKey.export({ format: 'pem', type: 'spki' }).toString(),
        POLICY_SERVICE_URL: `http://127.0.0.1:${closedPort}`,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    // The transport gives the broker 30 s to answer; the process must be gone well before the test's bound.
    const code = await Promise.race([
      exited,
      new Promise<'still running'>((r) => setTimeout(() => r('still running'), 75_000)),
    ]);
    if (code === 'still running') child.kill('SIGKILL');
    expect(code).toBe(1);
    expect(output).toContain('command failed');
  }, 90_000);
});
