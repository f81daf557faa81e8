import { CreateAccounts1795824000000 } from './1795824000000-create-accounts.js';

/** Every identity migration, in order. Append only. */
export const IDENTITY_MIGRATIONS = [CreateAccounts1795824000000];
