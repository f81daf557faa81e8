/**
 * The one authorization path of every subgraph: the `Authorizer` (decisions through `@iam/policy-engine`, the
 * password-reset restriction), where a caller's policies come from, and the account an operation acts in.
 */
export {
  ADMINISTRATOR_POLICY,
  Authorizer,
  PASSWORD_RESET_CONTEXT_KEY,
  StandInPolicySource,
  targetAccount,
} from './authorizer.js';
export type { EffectivePolicySource } from './authorizer.js';
export { CONSISTENCY_HEADER, EFFECTIVE_POLICIES_PATH } from './effective-policies-contract.js';
export type { EffectivePolicies, EffectivePolicyDocument } from './effective-policies-contract.js';
