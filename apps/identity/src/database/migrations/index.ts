import { CreateAccounts1795824000000 } from './1795824000000-create-accounts.js';
import { CreatePrincipals1795824000001 } from './1795824000001-create-principals.js';
import { CreateLoginProfiles1795824000002 } from './1795824000002-create-login-profiles.js';
import { CreateMfaDevices1795824000003 } from './1795824000003-create-mfa-devices.js';
import { CreateSessions1795824000004 } from './1795824000004-create-sessions.js';
import { CreateSessionRevocations1795824000005 } from './1795824000005-create-session-revocations.js';
import { KeyUserThrottlesByDigest1795824000006 } from './1795824000006-key-user-throttles-by-digest.js';
import { CreatePrincipalPolicyHoldings1795824000007 } from './1795824000007-create-principal-policy-holdings.js';

/** Every identity migration, in order. Append only. */
export const IDENTITY_MIGRATIONS = [
  CreateAccounts1795824000000,
  CreatePrincipals1795824000001,
  CreateLoginProfiles1795824000002,
  CreateMfaDevices1795824000003,
  CreateSessions1795824000004,
  CreateSessionRevocations1795824000005,
  KeyUserThrottlesByDigest1795824000006,
  CreatePrincipalPolicyHoldings1795824000007,
];
