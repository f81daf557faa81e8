export { authorizeExisting } from './authorize-existing.js';
export {
  ADMINISTRATOR_POLICY,
  Authorizer,
  StandInPolicySource,
  targetAccount,
} from './authorizer.js';
export type { EffectivePolicySource } from './authorizer.js';
