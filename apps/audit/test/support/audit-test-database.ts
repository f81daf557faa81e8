import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DataSource } from 'typeorm';
import { createTestDatabase } from '@iam/testing';
import type { TestDatabase } from '@iam/testing';
import { createServiceDataSource } from '@iam/persistence';
import { migrateSubgraphService } from '@iam/service-host';
import { AUDIT_SERVICE } from '../../src/main.js';

export const AUDIT_APP_ROLE = 'iam_audit_app';

const MIGRATIONS_DIR = fileURLToPath(new URL('../../src/database/migrations/', import.meta.url));

function migrationsDigest(): string {
  const hash = createHash('sha256');
  for (const file of readdirSync(MIGRATIONS_DIR).sort()) {
    hash.update(`${file}\n`).update(readFileSync(join(MIGRATIONS_DIR, file)));
  }
  return hash.digest('hex').slice(0, 16);
}

/** A fresh database (cloned from a migrated template) and a DataSource connected as the application role. */
export async function auditTestDatabase(): Promise<{
  db: TestDatabase;
  dataSource: DataSource;
  close(): Promise<void>;
}> {
  const db = await createTestDatabase({
    template: {
      // A new or edited migration changes the key, so the template is rebuilt.
      key: `audit:${migrationsDigest()}`,
      prepare: async (adminUrl) => {
        await migrateSubgraphService(AUDIT_SERVICE, { adminUrl, appRole: AUDIT_APP_ROLE });
      },
    },
    appRoles: [AUDIT_APP_ROLE],
  });
  const dataSource = createServiceDataSource({
    url: db.urlFor(AUDIT_APP_ROLE),
    schema: 'audit',
    entities: AUDIT_SERVICE.entities,
    applicationName: 'audit-test',
    poolSize: 4,
  });
  await dataSource.initialize();
  return {
    db,
    dataSource,
    close: async () => {
      await dataSource.destroy();
      await db.drop();
    },
  };
}
