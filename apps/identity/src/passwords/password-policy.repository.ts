import type { EntityManager } from 'typeorm';
import { AccountPasswordPolicyEntity } from './password-policy.entity.js';
import type { PasswordPolicyRules } from './password-policy.js';
import { DEFAULT_PASSWORD_POLICY } from './password-policy.js';

/** Queries on identity.account_password_policies (one row per account at most). */
export class PasswordPolicyRepository {
  find(tx: EntityManager, accountId: string): Promise<AccountPasswordPolicyEntity | null> {
    return tx.findOne(AccountPasswordPolicyEntity, { where: { accountId } });
  }

  /** The policy that applies: the account's, or the defaults when none is set. */
  async effective(tx: EntityManager, accountId: string): Promise<PasswordPolicyRules> {
    return (await this.find(tx, accountId)) ?? DEFAULT_PASSWORD_POLICY;
  }

  async upsert(tx: EntityManager, policy: AccountPasswordPolicyEntity): Promise<void> {
    await tx.upsert(AccountPasswordPolicyEntity, policy, ['accountId']);
  }

  async delete(tx: EntityManager, accountId: string): Promise<void> {
    await tx.delete(AccountPasswordPolicyEntity, { accountId });
  }
}
