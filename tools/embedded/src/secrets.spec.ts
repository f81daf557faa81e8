import { createPrivateKey, createPublicKey, sign, verify } from 'node:crypto';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadOrCreateSecrets } from './secrets.js';

function keysOf(secrets: { callerSigningPrivateKey: string; callerVerifyPublicKey: string }) {
  const privateKey = createPrivateKey({
    key: Buffer.from(secrets.callerSigningPrivateKey, 'base64'),
    format: 'der',
    type: 'pkcs8',
  });
  const publicKey = createPublicKey({
    key: Buffer.from(secrets.callerVerifyPublicKey, 'base64'),
    format: 'der',
    type: 'spki',
  });
  return { privateKey, publicKey };
}

describe(loadOrCreateSecrets.name, () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'iam-secrets-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('creates an owner-only file with a matching Ed25519 caller key pair, kept across starts', async () => {
    const path = join(dir, 'secrets.json');
    const first = await loadOrCreateSecrets(path);
    const { privateKey, publicKey } = keysOf(first);
    expect(privateKey.asymmetricKeyType).toBe('ed25519');
    const message = Buffer.from('caller');
    expect(verify(null, message, publicKey, sign(null, message, privateKey))).toBe(true);
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect(await loadOrCreateSecrets(path)).toEqual(first);
  });

  it('adds the key pair to a file of an earlier version, keeps its other secrets and drops the HMAC key', async () => {
    const path = join(dir, 'secrets.json');
    const earlier = {
      platformAdminToken: 'a'.repeat(43),
      internalSigningKey: 'b'.repeat(43),
      dataKeys: ['c'.repeat(43)],
      postgresPassword: 'd'.repeat(32),
      appRolePasswords: { identity: 'e'.repeat(32) },
    };
    await writeFile(path, JSON.stringify(earlier), { mode: 0o600 });
    const upgraded = await loadOrCreateSecrets(path);
    expect(upgraded).toMatchObject({
      platformAdminToken: earlier.platformAdminToken,
      dataKeys: earlier.dataKeys,
      postgresPassword: earlier.postgresPassword,
      appRolePasswords: earlier.appRolePasswords,
    });
    expect(keysOf(upgraded).publicKey.asymmetricKeyType).toBe('ed25519');
    const stored = JSON.parse(await readFile(path, 'utf8')) as Record<string, unknown>;
    expect(stored['callerSigningPrivateKey']).toBe(upgraded.callerSigningPrivateKey);
    expect(stored['callerVerifyPublicKey']).toBe(upgraded.callerVerifyPublicKey);
    expect(stored).not.toHaveProperty('internalSigningKey');
  });
});
