import type { DataSource } from 'typeorm';
import { createTestDatabase } from '@iam/testing';
import type { TestDatabase } from '@iam/testing';
import { createServiceDataSource } from '@iam/persistence';
import { migrateSubgraphService } from '@iam/service-host';
import { IDENTITY_SERVICE } from '../../src/main.js';
import { IDENTITY_MIGRATIONS } from '../../src/database/migrations/index.js';

export const IDENTITY_APP_ROLE = 'iam_identity_app';

/** A fresh database (cloned from a migrated template) and a DataSource connected as the application role. */
export async function identityTestDatabase(): Promise<{
  db: TestDatabase;
  dataSource: DataSource;
  close(): Promise<void>;
}> {
  const db = await createTestDatabase({
    template: {
      // A new migration changes the key, so the template is rebuilt.
      key: `identity:${IDENTITY_MIGRATIONS.map((m) => m.name).join(',')}`,
      prepare: async (adminUrl) => {
        await migrateSubgraphService(IDENTITY_SERVICE, { adminUrl, appRole: IDENTITY_APP_ROLE });
      },
    },
    appRoles: [IDENTITY_APP_ROLE],
  });
  const dataSource = createServiceDataSource({
    url: db.urlFor(IDENTITY_APP_ROLE),
    schema: 'identity',
    entities: IDENTITY_SERVICE.entities,
    applicationName: 'identity-test',
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
