export {
  ConsistencyTimeoutError,
  EffectivePolicyService,
  policySetInput,
  principalRef,
} from './effective-policy.service.js';
export type {
  EffectivePolicyServiceOptions,
  FreshnessOptions,
  PrincipalPolicies,
  PrincipalRef,
} from './effective-policy.service.js';
export { LocalEffectivePolicySource, consistencyOf } from './local-effective-policy-source.js';
export { CALLER_VERIFY_KEY, EffectivePoliciesController } from './effective-policies.controller.js';
export { BoundedCache } from './policy-set-cache.js';
