import type { PrincipalAttachment } from '../principals/index.js';
import { PrincipalPolicyHoldingsRepository } from './principal-policy-holdings.repository.js';

const holdings = new PrincipalPolicyHoldingsRepository();

/**
 * The policies a principal holds block its deletion (`DeleteConflict`), as AWS DeleteUser/DeleteGroup/DeleteRole
 * refuse while inline policies remain ("Cannot delete entity, must delete policies first.") or managed policies are
 * attached ("Cannot delete entity, must detach all policies first."). A permissions boundary does not block. A
 * forced user deletion goes on: the policy service removes the user's policies when it applies `user.deleted.v1`;
 * identity only forgets its counts.
 *
 * The counts are the policy service's, as its `principal-policies.changed.v1` events told them: a policy put a
 * moment ago may not be counted yet (the policy service's own operations are the authority).
 */
export function policyAttachments<P>(idOf: (principal: P) => string): PrincipalAttachment<P>[] {
  return [
    {
      kind: 'inline policies',
      refusal: 'Cannot delete entity, must delete policies first.',
      count: async (tx, accountId, id) => (await holdings.counts(tx, accountId, id)).inline,
      removeAll: () => Promise.resolve(),
    },
    {
      kind: 'attached managed policies',
      refusal: 'Cannot delete entity, must detach all policies first.',
      remedy: 'detach them first',
      count: async (tx, accountId, id) => (await holdings.counts(tx, accountId, id)).attached,
      removeAll: (tx, accountId, principal) => holdings.forget(tx, accountId, idOf(principal)),
    },
  ];
}
