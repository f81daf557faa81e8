import type { AccountId, CallerContext } from '@iam/common';
import { AccessDeniedError, InvalidInputError, iamUserName, isAccountId } from '@iam/common';
import type { AuthorizationRequest, CompiledPolicySet, ContextValue } from '@iam/policy-engine';
import { compilePolicySet, evaluate } from '@iam/policy-engine';

/** AWS's AdministratorAccess document (the platform administrator's policy). */
export const ADMINISTRATOR_POLICY = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }],
} as const;

/** Set by the gateway on a session signed in with a password that must be reset (`pwd_reset` claim). */
export { PASSWORD_RESET_CONTEXT_KEY } from '@iam/common';
import { PASSWORD_RESET_CONTEXT_KEY } from '@iam/common';
const RESTRICTED_SESSION_ACTIONS = new Set(['iam:ChangePassword', 'iam:GetAccountPasswordPolicy']);

/**
 * A caller's compiled policies together with the request-context keys derived from the principal itself
 * (`aws:PrincipalTag/<key>`, `aws:userid`): the source knows them (the policy service answers them with the
 * policies); the caller never supplies them.
 */
export interface PrincipalPolicies {
  readonly policies: CompiledPolicySet;
  readonly principalContext: Readonly<Record<string, ContextValue>>;
}

/** What a source answers: a compiled set alone, or with principal-derived context keys. */
export type SourcedPolicies = CompiledPolicySet | PrincipalPolicies;

/** Where a caller's identity policies come from. */
export interface EffectivePolicySource {
  /**
   * The policies (compiled) of `caller` for a resource in `resourceAccount`; `undefined` for a resource of no account
   * (the `*` of a stateless operation, asked by the platform administrator, who acts in no account).
   */
  policiesFor(
    caller: CallerContext,
    resourceAccount: AccountId | undefined,
  ): SourcedPolicies | Promise<SourcedPolicies>;
}

function isPrincipalPolicies(value: SourcedPolicies): value is PrincipalPolicies {
  return 'principalContext' in value;
}

/**
 * The platform administrator's policies: AWS's AdministratorAccess, held locally by every service (the platform
 * administrator acts in no account, so the policy service has nothing to answer for it). Compiled once per resource
 * account (the engine's cross-account rule needs it); bounded.
 */
export class LocalAdministratorPolicies {
  private readonly sets = new Map<AccountId | undefined, CompiledPolicySet>();

  constructor(private readonly id = 'platform-administrator') {}

  for(resourceAccount: AccountId | undefined): CompiledPolicySet {
    let set = this.sets.get(resourceAccount);
    if (set === undefined) {
      if (this.sets.size >= MAX_CACHED_ACCOUNTS) this.sets.clear();
      set = compilePolicySet({
        identityPolicies: [{ id: this.id, document: ADMINISTRATOR_POLICY }],
        resourceAccount,
      });
      this.sets.set(resourceAccount, set);
    }
    return set;
  }
}

const MAX_CACHED_ACCOUNTS = 10_000;

/**
 * Decides every tenant-scoped operation of every subgraph (identity, audit, policy, ...) through
 * `@iam/policy-engine`: one path, so the password-reset restriction and the caller's effective policies (from the
 * policy service, see `PolicyServiceSource`) apply alike everywhere. An identity operation on an existing entity is authorized on its real ARN through identity's
 * `authorizeExisting`, so a denied caller learns nothing about whether the target exists.
 */
export class Authorizer {
  constructor(private readonly policies: EffectivePolicySource) {}

  /**
   * The request the engine evaluates (exported for tests and explanations). `principalContext` (from the policy
   * source: `aws:PrincipalTag/*`, `aws:userid`) overrides anything of the same name in the caller's context.
   */
  requestFor(
    caller: CallerContext,
    action: string,
    resource: string,
    principalContext: Readonly<Record<string, ContextValue>> = {},
  ): AuthorizationRequest {
    const context: Record<string, ContextValue> = { ...caller.context, ...principalContext };
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
    const sourced = await this.policies.policiesFor(caller, resourceAccount);
    const { decision } = isPrincipalPolicies(sourced)
      ? evaluate(
          sourced.policies,
          this.requestFor(caller, action, resource, sourced.principalContext),
        )
      : evaluate(sourced, this.requestFor(caller, action, resource));
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
