import { createServiceTestDatabase } from '@iam/testing';
import type { ServiceTestDatabase } from '@iam/testing';
import { migrateSubgraphService } from '@iam/service-host';
import { IDENTITY_SERVICE } from '../../src/main.js';

/** A fresh identity database (cloned from a migrated template), connected as the application role. */
export function identityTestDatabase(): Promise<ServiceTestDatabase> {
  return createServiceTestDatabase(IDENTITY_SERVICE, {
    migrationsDir: new URL('../../src/database/migrations/', import.meta.url),
    migrate: migrateSubgraphService,
  });
}
