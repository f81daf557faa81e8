import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

/** Secrets the embedded suite generates on first start and keeps in the data folder (mode 0600). */
export interface EmbeddedSecrets {
  readonly platformAdminToken: string;
  /** The gateway's Ed25519 key pair of caller tokens (base64 DER): the private key for the gateway alone. */
  readonly callerSigningPrivateKey: string;
  readonly callerVerifyPublicKey: string;
  /** The `IAM_DATA_KEYS` key ring (secrets at rest), current key first. */
  readonly dataKeys: readonly string[];
  readonly postgresPassword: string;
  readonly appRolePasswords: Readonly<Record<string, string>>;
}

const SERVICES = ['identity', 'policy', 'credential', 'audit'] as const;

function secret(): string {
  return randomBytes(32).toString('base64url');
}

function callerKeyPair(): { callerSigningPrivateKey: string; callerVerifyPublicKey: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return {
    callerSigningPrivateKey: privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64'),
    callerVerifyPublicKey: publicKey.export({ format: 'der', type: 'spki' }).toString('base64'),
  };
}

/**
 * Reads the secrets file, or creates it with fresh random values. A file written by an earlier version gets the
 * secrets it lacks (and keeps the ones it has: its data stays readable); the shared HMAC key of earlier versions
 * (`internalSigningKey`) is dropped, replaced by the caller key pair.
 */
export async function loadOrCreateSecrets(path: string): Promise<EmbeddedSecrets> {
  let stored: Partial<EmbeddedSecrets> = {};
  try {
    stored = JSON.parse(await readFile(path, 'utf8')) as Partial<EmbeddedSecrets>;
  } catch (error) {
    if ((error as { code?: string }).code !== 'ENOENT') throw error;
  }
  const keyPair =
    stored.callerSigningPrivateKey !== undefined && stored.callerVerifyPublicKey !== undefined
      ? {
          callerSigningPrivateKey: stored.callerSigningPrivateKey,
          callerVerifyPublicKey: stored.callerVerifyPublicKey,
        }
      : callerKeyPair();
  const secrets: EmbeddedSecrets = {
    platformAdminToken: stored.platformAdminToken ?? secret(),
    ...keyPair,
    dataKeys: stored.dataKeys ?? [secret()],
    postgresPassword: stored.postgresPassword ?? randomBytes(16).toString('hex'),
    appRolePasswords:
      stored.appRolePasswords ??
      Object.fromEntries(SERVICES.map((s) => [s, randomBytes(16).toString('hex')])),
  };
  if (JSON.stringify(secrets) === JSON.stringify(stored)) return secrets;
  await mkdir(dirname(path), { recursive: true });
  // SECURITY: created owner-only before any secret is written.
  await writeFile(path, '', { mode: 0o600, flag: 'a' });
  await chmod(path, 0o600);
  await writeFile(path, `${JSON.stringify(secrets, null, 2)}\n`, { mode: 0o600 });
  return secrets;
}
