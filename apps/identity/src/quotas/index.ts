export { QuotasModule } from './quotas.module.js';
export { QuotasService, MAX_QUOTA } from './quotas.service.js';
export type { AccountSummary, QuotaChanges } from './quotas.service.js';
