import type { AccountId, CallerContext } from '@iam/common';
import type { CompiledPolicySet } from '@iam/policy-engine';
import { compilePolicySet } from '@iam/policy-engine';
import type { EffectivePolicySource } from '../authorizer.js';
import { LocalAdministratorPolicies } from '../authorizer.js';

/**
 * TEST ONLY (unit and integration tests that decide without a policy service): the account root and the platform
 * administrator hold AdministratorAccess, every other principal holds nothing (ImplicitDeny). This is what the
 * former `StandInPolicySource` answered; no production path uses it (services take their policies from the policy
 * service through the service host's `AuthorizationModule`).
 */
export class TestAdministratorsPolicySource implements EffectivePolicySource {
  private readonly administrator = new LocalAdministratorPolicies('test-administrator');
  private readonly none = new Map<AccountId | undefined, CompiledPolicySet>();

  policiesFor(caller: CallerContext, resourceAccount: AccountId | undefined): CompiledPolicySet {
    if (caller.principalType === 'platform-admin' || caller.principalType === 'root') {
      return this.administrator.for(resourceAccount);
    }
    return this.emptyFor(resourceAccount);
  }

  private emptyFor(resourceAccount: AccountId | undefined): CompiledPolicySet {
    let set = this.none.get(resourceAccount);
    if (set === undefined) {
      set = compilePolicySet({
        identityPolicies: [],
        ...(resourceAccount === undefined ? {} : { resourceAccount }),
      });
      this.none.set(resourceAccount, set);
    }
    return set;
  }
}
