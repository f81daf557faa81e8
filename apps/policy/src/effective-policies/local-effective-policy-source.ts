import type { EffectivePolicySource, SourcedPolicies } from '@iam/authorization';
import { LocalAdministratorPolicies, principalContextOf } from '@iam/authorization';
import type { AccountId, CallerContext } from '@iam/common';
import { CONSISTENCY_TOKEN_CONTEXT_KEY, parseRevisionToken } from '@iam/common';
import { compilePolicySet } from '@iam/policy-engine';
import type { EffectivePolicyService } from './effective-policy.service.js';
import { principalRef } from './effective-policy.service.js';

const NO_POLICIES = compilePolicySet({ identityPolicies: [] });

/** The caller's consistency token (`X-Iam-Consistency`, forwarded by the gateway in the caller context), if any. */
export function consistencyOf(caller: CallerContext) {
  const raw = caller.context[CONSISTENCY_TOKEN_CONTEXT_KEY];
  return typeof raw === 'string' && raw !== '' ? parseRevisionToken(raw) : null;
}

/**
 * The policy service's own source of its callers' policies: straight from the store through the assembler and its
 * cache (the other services ask `GET /internal/effective-policies`). The platform administrator keeps the
 * administrator policy, held locally; a service or federated caller holds none.
 */
export class LocalEffectivePolicySource implements EffectivePolicySource {
  private readonly platform = new LocalAdministratorPolicies();

  constructor(private readonly policies: EffectivePolicyService) {}

  async policiesFor(
    caller: CallerContext,
    resourceAccount: AccountId | undefined,
  ): Promise<SourcedPolicies> {
    if (caller.principalType === 'platform-admin') {
      return this.platform.for(resourceAccount);
    }
    if (
      caller.accountId === null ||
      (caller.principalType !== 'root' &&
        caller.principalType !== 'user' &&
        caller.principalType !== 'role-session')
    ) {
      return NO_POLICIES;
    }
    const found = await this.policies.policiesOf(principalRef(caller.principalArn), {
      consistency: consistencyOf(caller),
      waitForPrincipal: true,
    });
    const principalContext = principalContextOf(found.effective);
    if (resourceAccount === undefined || resourceAccount === caller.accountId)
      return { policies: found.compiled, principalContext };
    // Another account's resource: the engine applies its cross-account rule to a set compiled for that account.
    return { policies: compilePolicySet({ ...found.input, resourceAccount }), principalContext };
  }
}
