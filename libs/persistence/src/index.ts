export type { ServiceDataSourceOptions } from './data-source/create-data-source.js';
export { createServiceDataSource } from './data-source/create-data-source.js';
export type { TransactionQueries } from './tenancy/tenant-transaction.js';
export {
  PLATFORM_SCOPE_SQL,
  TenantTransaction,
  scopeToAccount,
  scopeToPlatform,
  tenantIsolationSql,
  tenantPredicate,
} from './tenancy/tenant-transaction.js';
export {
  ForeignKeyViolation,
  RowSecurityViolation,
  UniqueViolation,
  toPersistenceError,
} from './errors/persistence-errors.js';
export type { MigrateOptions } from './migrations/run-migrations.js';
export { ensureAppRole, runMigrations } from './migrations/run-migrations.js';
