export type { PolicyKind } from '../grammar/policy-elements.js';
export { POLICY_KINDS } from '../grammar/policy-elements.js';
export { POLICY_SIZE_LIMITS } from '../grammar/policy-size.js';
export {
  validatePolicyDocument,
  type ValidatePolicyDocumentOptions,
} from './validate-policy-document.js';
