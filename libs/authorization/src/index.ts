/**
 * The one authorization path of every subgraph: the `Authorizer` (decisions through `@iam/policy-engine`, the
 * password-reset restriction), where a caller's policies come from (`PolicyServiceSource`: the policy service,
 * cached), and the account an operation acts in.
 */
export {
  ADMINISTRATOR_POLICY,
  Authorizer,
  LocalAdministratorPolicies,
  PASSWORD_RESET_CONTEXT_KEY,
  targetAccount,
} from './authorizer.js';
export type { EffectivePolicySource, PrincipalPolicies, SourcedPolicies } from './authorizer.js';
export { bindCallerToken, callerTokenOf } from './caller-token.js';
export {
  DEFAULT_POLICY_CACHE_MAX_AGE_MS,
  DEFAULT_POLICY_CACHE_MAX_ENTRIES,
  PolicyServiceSource,
  principalContextOf,
} from './policy-service-source.js';
export type {
  EffectivePoliciesFetcher,
  EffectivePoliciesRequest,
  PolicyCacheMetrics,
  PolicyServiceSourceOptions,
} from './policy-service-source.js';
export { CONSISTENCY_HEADER, EFFECTIVE_POLICIES_PATH } from './effective-policies-contract.js';
export type { EffectivePolicies, EffectivePolicyDocument } from './effective-policies-contract.js';
// TEST ONLY: no production path uses it (see the file).
export { TestAdministratorsPolicySource } from './testing/test-policy-sources.js';
