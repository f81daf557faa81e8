import type { CallerContext } from '@iam/common';
import { AccessDeniedError, NoSuchEntityError } from '@iam/common';
import { targetAccount } from '@iam/authorization';
import type { AccountScoped, PrincipalServiceDeps } from '../principals/index.js';
import type { AccountPasswordPolicyEntity } from './password-policy.entity.js';
import type { PasswordPolicyInput, PasswordPolicyRules } from './password-policy.js';
import { toPasswordPolicy } from './password-policy.js';
import { PasswordPolicyRepository } from './password-policy.repository.js';
import { PasswordPolicyNotFoundError } from './password.errors.js';
import { passwordPolicyChangedEvent } from './password.events.js';

/**
 * The resource of the account password policy actions. AWS: UpdateAccountPasswordPolicy,
 * GetAccountPasswordPolicy and DeleteAccountPasswordPolicy support no resource type, only `*`
 * (https://docs.aws.amazon.com/service-authorization/latest/reference/list_awsidentityandaccessmanagementiam.html);
 * the account is still named to the authorizer, which denies another account's callers.
 */
export const PASSWORD_POLICY_RESOURCE = '*';

/** An account's password policy as stored (AWS PasswordPolicy). */
export type StoredPasswordPolicy = PasswordPolicyRules & {
  readonly accountId: string;
  readonly updatedAt: Date;
};

/**
 * The account password policy (AWS UpdateAccountPasswordPolicy, GetAccountPasswordPolicy,
 * DeleteAccountPasswordPolicy): authorize, validate (collect-all), one tenant transaction, outbox.
 */
export class PasswordPolicyService {
  constructor(
    private readonly deps: PrincipalServiceDeps,
    private readonly policies: PasswordPolicyRepository = new PasswordPolicyRepository(),
  ) {}

  /** AWS: replaces the whole policy; an omitted parameter takes its default (password-policy.ts). */
  async updateAccountPasswordPolicy(
    caller: CallerContext,
    input: AccountScoped & PasswordPolicyInput,
  ): Promise<StoredPasswordPolicy> {
    const accountId = targetAccount(caller, input.accountId);
    await this.deps.authorizer.require(
      caller,
      'iam:UpdateAccountPasswordPolicy',
      PASSWORD_POLICY_RESOURCE,
      accountId,
    );
    const rules = toPasswordPolicy(input);
    const now = this.deps.now();
    const policy: AccountPasswordPolicyEntity = { ...rules, accountId, updatedAt: now };
    const result = await this.deps.tenantTx.run(accountId, async (tx) => {
      // Only the platform administrator can name an account that does not exist: NoSuchEntity, as its siblings.
      if (
        !(await this.policies.lockAccount(tx, accountId)) ||
        !(await this.policies.upsert(tx, policy))
      )
        throw new NoSuchEntityError('account', accountId);
      await this.deps.outbox.append(
        tx,
        passwordPolicyChangedEvent(
          'account-password-policy.updated.v1',
          accountId,
          rules,
          caller,
          now,
        ),
      );
      return policy;
    });
    this.deps.relay.notify();
    return result;
  }

  /**
   * AWS: `NoSuchEntity` when the account has no policy. When the policy lets users change their password, every
   * IAM user of the account may read it (AWS grants iam:GetAccountPasswordPolicy with AllowUsersToChangePassword).
   */
  async getAccountPasswordPolicy(
    caller: CallerContext,
    input: AccountScoped,
  ): Promise<StoredPasswordPolicy> {
    const accountId = targetAccount(caller, input.accountId);
    let denied: AccessDeniedError | null = null;
    try {
      await this.deps.authorizer.require(
        caller,
        'iam:GetAccountPasswordPolicy',
        PASSWORD_POLICY_RESOURCE,
        accountId,
      );
    } catch (error) {
      if (!(error instanceof AccessDeniedError)) throw error;
      denied = error;
    }
    // Only the account's own IAM users can get the implicit grant; anyone else is refused before the lookup.
    const ownUser = caller.principalType === 'user' && caller.accountId === accountId;
    if (denied !== null && !ownUser) throw denied;
    return this.deps.tenantTx.run(accountId, async (tx) => {
      const policy = await this.policies.find(tx, accountId);
      if (denied !== null && !policy?.allowUsersToChangePassword) throw denied;
      if (!policy) throw new PasswordPolicyNotFoundError(accountId);
      return policy;
    });
  }

  /** AWS: `NoSuchEntity` when the account has no policy; afterwards the defaults apply. */
  async deleteAccountPasswordPolicy(
    caller: CallerContext,
    input: AccountScoped,
  ): Promise<StoredPasswordPolicy> {
    const accountId = targetAccount(caller, input.accountId);
    await this.deps.authorizer.require(
      caller,
      'iam:DeleteAccountPasswordPolicy',
      PASSWORD_POLICY_RESOURCE,
      accountId,
    );
    const now = this.deps.now();
    const result = await this.deps.tenantTx.run(accountId, async (tx) => {
      const policy = await this.policies.find(tx, accountId);
      if (!policy) throw new PasswordPolicyNotFoundError(accountId);
      await this.policies.delete(tx, accountId);
      await this.deps.outbox.append(
        tx,
        passwordPolicyChangedEvent(
          'account-password-policy.deleted.v1',
          accountId,
          policy,
          caller,
          now,
        ),
      );
      return policy;
    });
    this.deps.relay.notify();
    return result;
  }
}
