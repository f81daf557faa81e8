export type { PolicyHolderKind, PolicyHoldings } from './principal-policy-holdings.repository.js';
export { PrincipalPolicyHoldingsRepository } from './principal-policy-holdings.repository.js';
export type { ConsumerLog, PrincipalPoliciesOutcome } from './principal-policies.consumer.js';
export {
  PRINCIPAL_POLICIES_CONSUMER_GROUP,
  PRINCIPAL_POLICIES_TOPIC,
  applyPrincipalPolicies,
} from './principal-policies.consumer.js';
export { policyAttachments } from './policy-attachments.js';
