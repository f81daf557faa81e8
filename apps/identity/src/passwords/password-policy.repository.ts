import type { EntityManager } from 'typeorm';
import { ForeignKeyViolation, toPersistenceError } from '@iam/persistence';
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

  /**
   * Whether the account exists, locking its row against deletion until the transaction ends (the policy row
   * references it).
   */
  async lockAccount(tx: EntityManager, accountId: string): Promise<boolean> {
    const rows = await tx.query<unknown[]>(
      `SELECT 1 FROM identity.accounts WHERE account_id = $1 FOR SHARE`,
      [accountId],
    );
    return rows.length > 0;
  }

  /** Inserts or replaces the account's policy; `false` when the account does not exist (foreign key). */
  async upsert(tx: EntityManager, policy: AccountPasswordPolicyEntity): Promise<boolean> {
    try {
      await tx.upsert(AccountPasswordPolicyEntity, policy, ['accountId']);
      return true;
    } catch (error) {
      if (toPersistenceError(error) instanceof ForeignKeyViolation) return false;
      throw error;
    }
  }

  async delete(tx: EntityManager, accountId: string): Promise<void> {
    await tx.delete(AccountPasswordPolicyEntity, { accountId });
  }
}
