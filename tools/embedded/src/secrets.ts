import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

/** Secrets the embedded suite generates on first start and keeps in the data folder (mode 0600). */
export interface EmbeddedSecrets {
  readonly platformAdminToken: string;
  readonly internalSigningKey: string;
  readonly postgresPassword: string;
  readonly appRolePasswords: Readonly<Record<string, string>>;
}

const SERVICES = ['identity', 'policy', 'credential', 'audit'] as const;

function secret(): string {
  return randomBytes(32).toString('base64url');
}

/** Reads the secrets file, or creates it with fresh random values. */
export async function loadOrCreateSecrets(path: string): Promise<EmbeddedSecrets> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as EmbeddedSecrets;
  } catch (error) {
    if ((error as { code?: string }).code !== 'ENOENT') throw error;
  }
  const secrets: EmbeddedSecrets = {
    platformAdminToken: secret(),
    internalSigningKey: secret(),
    postgresPassword: randomBytes(16).toString('hex'),
    appRolePasswords: Object.fromEntries(SERVICES.map((s) => [s, randomBytes(16).toString('hex')])),
  };
  await mkdir(dirname(path), { recursive: true });
  // SECURITY: created owner-only before any secret is written.
  await writeFile(path, '', { mode: 0o600 });
  await chmod(path, 0o600);
  await writeFile(path, `${JSON.stringify(secrets, null, 2)}\n`, { mode: 0o600 });
  return secrets;
}
