import { createServiceTestDatabase } from '@iam/testing';
import type { ServiceTestDatabase } from '@iam/testing';
import { migrateSubgraphService } from '@iam/service-host';
import { AUDIT_SERVICE } from '../../src/main.js';

/** A fresh audit database (cloned from a migrated template), connected as the application role. */
export function auditTestDatabase(): Promise<ServiceTestDatabase> {
  return createServiceTestDatabase(AUDIT_SERVICE, {
    migrationsDir: new URL('../../src/database/migrations/', import.meta.url),
    migrate: migrateSubgraphService,
  });
}
