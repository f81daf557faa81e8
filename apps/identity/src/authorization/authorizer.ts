// The authorizer lives in `@iam/authorization`, shared by every subgraph; re-exported here so identity's modules keep
// importing it from where they always have.
export {
  ADMINISTRATOR_POLICY,
  Authorizer,
  PASSWORD_RESET_CONTEXT_KEY,
  StandInPolicySource,
  targetAccount,
} from '@iam/authorization';
export type { EffectivePolicySource } from '@iam/authorization';
