import type { AccountId, CallerContext } from '@iam/common';
import { AccessDeniedError, InvalidInputError, iamUserName, isAccountId } from '@iam/common';
import type { AuthorizationRequest, CompiledPolicySet, ContextValue } from '@iam/policy-engine';
import { compilePolicySet, evaluate } from '@iam/policy-engine';

/** The administrator policy of the stand-in (AWS's AdministratorAccess document). */
export const ADMINISTRATOR_POLICY = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }],
} as const;

/** Set by the gateway on a session signed in with a password that must be reset (`pwd_reset` claim). */
export { PASSWORD_RESET_CONTEXT_KEY } from '@iam/common';
import { PASSWORD_RESET_CONTEXT_KEY } from '@iam/common';
const RESTRICTED_SESSION_ACTIONS = new Set(['iam:ChangePassword', 'iam:GetAccountPasswordPolicy']);

/** Where a caller's identity policies come from. */
export interface EffectivePolicySource {
  /**
   * The policies (compiled) of `caller` for a resource in `resourceAccount`; `undefined` for a resource of no account
   * (the `*` of a stateless operation, asked by the platform administrator, who acts in no account).
   */
  policiesFor(
    caller: CallerContext,
    resourceAccount: AccountId | undefined,
  ): CompiledPolicySet | Promise<CompiledPolicySet>;
}

/**
 * TODO(#5): replace with the policy service's effective policies. Until then the account root principal and the
 * platform administrator hold the administrator policy and every other principal holds none (ImplicitDeny).
 */
export class StandInPolicySource implements EffectivePolicySource {
  // Compiled once per (policies, resource account): the account lets the engine apply its cross-account rule
  // (another account's root is denied). Bounded: cleared when it grows past MAX_CACHED_ACCOUNTS.
  private readonly administrator = new Map<AccountId | undefined, CompiledPolicySet>();
  private readonly none = new Map<AccountId | undefined, CompiledPolicySet>();

  policiesFor(caller: CallerContext, resourceAccount: AccountId | undefined): CompiledPolicySet {
    const administrator =
      caller.principalType === 'platform-admin' || caller.principalType === 'root';
    const cache = administrator ? this.administrator : this.none;
    let set = cache.get(resourceAccount);
    if (set === undefined) {
      if (cache.size >= MAX_CACHED_ACCOUNTS) cache.clear();
      set = compilePolicySet({
        identityPolicies: administrator
          ? [{ id: 'stand-in-administrator', document: ADMINISTRATOR_POLICY }]
          : [],
        resourceAccount,
      });
      cache.set(resourceAccount, set);
    }
    return set;
  }
}

const MAX_CACHED_ACCOUNTS = 10_000;

/**
 * Decides every tenant-scoped operation of every subgraph (identity, audit, policy, ...) through
 * `@iam/policy-engine`: one path, so the password-reset restriction and the stand-in policies apply alike
 * everywhere. An identity operation on an existing entity is authorized on its real ARN through identity's
 * `authorizeExisting`, so a denied caller learns nothing about whether the target exists.
 */
export class Authorizer {
  constructor(private readonly policies: EffectivePolicySource = new StandInPolicySource()) {}

  /** The request the engine evaluates (exported for tests and explanations). */
  requestFor(caller: CallerContext, action: string, resource: string): AuthorizationRequest {
    const context: Record<string, ContextValue> = { ...caller.context };
    context['aws:PrincipalArn'] = caller.principalArn;
    if (caller.accountId !== null) context['aws:PrincipalAccount'] = caller.accountId;
    const userName = iamUserName(caller.principalArn);
    if (userName !== null) context['aws:username'] = userName;
    context['aws:PrincipalType'] = principalTypeKey(caller);
    return { principal: caller.principalArn, action, resource, context };
  }

  /**
   * Throws `AccessDenied` unless the caller's policies allow `action` on `resource` in `resourceAccount` (from
   * {@link targetAccount}). For an action on no account's data (a stateless operation such as validating a policy
   * document, resource `*`), pass the caller's own account: `caller.accountId ?? undefined` (none for the platform
   * administrator).
   */
  async require(
    caller: CallerContext,
    action: string,
    resource: string,
    resourceAccount: AccountId | undefined,
  ): Promise<void> {
    // A session whose password must be reset (or has expired) may only change it and read the policy it must meet,
    // as AWS's console allows nothing else until the new password is set.
    if (
      caller.context[PASSWORD_RESET_CONTEXT_KEY] === 'true' &&
      !RESTRICTED_SESSION_ACTIONS.has(action)
    ) {
      throw new AccessDeniedError(action, resource);
    }
    const set = await this.policies.policiesFor(caller, resourceAccount);
    const { decision } = evaluate(set, this.requestFor(caller, action, resource));
    // SECURITY: the message names the action and the requested ARN only, never whether the entity exists.
    if (decision !== 'Allow') throw new AccessDeniedError(action, resource);
  }
}

function principalTypeKey(caller: CallerContext): string {
  switch (caller.principalType) {
    case 'root':
      return 'Account';
    case 'user':
      return 'User';
    case 'role-session':
      return 'AssumedRole';
    case 'federated-user':
      return 'FederatedUser';
    case 'platform-admin':
    case 'service':
      return 'Service';
  }
}

/**
 * The account an operation acts in. A tenant caller acts in its own account: naming it is allowed, naming another
 * one is refused with `AccessDenied` here, before the operation opens a transaction scoped to that account (so no
 * query ever runs with another tenant's row-level security scope on a tenant's behalf). The platform administrator
 * must name the account. `action` (optional) names the refused action in the error; the resource is the named
 * account's id, which the caller typed itself, so the answer reveals nothing (an unknown and a foreign account are
 * refused alike).
 */
export function targetAccount(
  caller: CallerContext,
  accountId?: string | null,
  action = '*',
): AccountId {
  if (caller.principalType === 'platform-admin') {
    if (!isAccountId(accountId)) {
      throw new InvalidInputError('the platform administrator must pass a 12-digit `accountId`');
    }
    return accountId;
  }
  if (caller.accountId === null) throw new InvalidInputError('the caller acts in no account');
  if (accountId === null || accountId === undefined) return caller.accountId;
  if (!isAccountId(accountId)) throw new InvalidInputError(`\`${accountId}\` is not an account id`);
  // SECURITY: cross-account access needs resource policies, which no operation here supports yet.
  if (accountId !== caller.accountId) throw new AccessDeniedError(action, accountId);
  return accountId;
}
