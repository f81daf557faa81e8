import 'reflect-metadata';
import { fileURLToPath } from 'node:url';
import type { AccountId, CallerContext } from '@iam/common';
import { iamUserPath } from '@iam/common';
import type { CompiledPolicySet } from '@iam/policy-engine';
import { compilePolicySet } from '@iam/policy-engine';
import { runServiceCli } from '@iam/service-host';
import type { EffectivePolicySource } from '@iam/authorization';
import { ADMINISTRATOR_POLICY, TestAdministratorsPolicySource } from '@iam/authorization';
import { identityService } from '../identity.service-definition.js';

// TEST ONLY: an entry point of the identity service for the e2e suite (`startSuite({ identityPolicies:
// 'allow-all-test-users' })`). It is a separate file that nothing in production starts, and it reads no switch from
// the environment: the production entry point (`main.ts`) always asks the policy service.

/** IAM users on this path hold an allow-all identity policy (kept in step with `@iam/testing`). */
export const ALLOW_ALL_TEST_PATH = '/test-allow-all/';

/**
 * The test administrators source (the account root and the platform administrator hold AdministratorAccess, as the
 * policy service answers for the root), except that an IAM user on {@link ALLOW_ALL_TEST_PATH} holds AWS's
 * AdministratorAccess document as its own identity policy. That grant lives in the user's account: a request on
 * another account's resource is refused by the engine's cross-account rule, so a refusal in a test proves account
 * isolation rather than a missing policy.
 */
export class AllowAllTestUsersPolicySource implements EffectivePolicySource {
  private readonly standIn = new TestAdministratorsPolicySource();
  private readonly allowAll = new Map<AccountId, CompiledPolicySet>();

  policiesFor(caller: CallerContext, resourceAccount: AccountId): CompiledPolicySet {
    const onPath =
      caller.principalType === 'user' && iamUserPath(caller.principalArn) === ALLOW_ALL_TEST_PATH;
    if (!onPath) return this.standIn.policiesFor(caller, resourceAccount);
    let set = this.allowAll.get(resourceAccount);
    if (set === undefined) {
      set = compilePolicySet({
        identityPolicies: [{ id: 'test-allow-all', document: ADMINISTRATOR_POLICY }],
        resourceAccount,
      });
      this.allowAll.set(resourceAccount, set);
    }
    return set;
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await runServiceCli(
    identityService({ policies: new AllowAllTestUsersPolicySource() }),
    process.argv.slice(2),
  );
}
