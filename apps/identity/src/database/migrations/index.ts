import { CreateAccounts1795824000000 } from './1795824000000-create-accounts.js';
import { CreatePrincipals1795824000001 } from './1795824000001-create-principals.js';

/** Every identity migration, in order. Append only. */
export const IDENTITY_MIGRATIONS = [CreateAccounts1795824000000, CreatePrincipals1795824000001];
