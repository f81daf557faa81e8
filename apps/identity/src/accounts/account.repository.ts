import type { EntityManager } from 'typeorm';
import { AccountEntity } from './account.entity.js';

/** Queries on identity.accounts. Always filters by account as well as relying on row-level security. */
export class AccountRepository {
  async insert(tx: EntityManager, account: AccountEntity): Promise<AccountEntity> {
    await tx.insert(AccountEntity, account);
    return account;
  }

  /** Locks the account row for the rest of the transaction (lifecycle changes serialise on it). */
  findByIdForUpdate(tx: EntityManager, accountId: string): Promise<AccountEntity | null> {
    return tx.findOne(AccountEntity, { where: { accountId }, lock: { mode: 'pessimistic_write' } });
  }

  async update(tx: EntityManager, account: AccountEntity): Promise<void> {
    await tx.update(
      AccountEntity,
      { accountId: account.accountId },
      { alias: account.alias, status: account.status, updatedAt: account.updatedAt },
    );
  }

  async delete(tx: EntityManager, accountId: string): Promise<void> {
    await tx.delete(AccountEntity, { accountId });
  }

  findById(tx: EntityManager, accountId: string): Promise<AccountEntity | null> {
    return tx.findOne(AccountEntity, { where: { accountId } });
  }

  /** Platform-level listing (runs in a platform transaction), ordered by id for stable markers. */
  async listAfter(
    tx: EntityManager,
    afterAccountId: string | null,
    limit: number,
  ): Promise<AccountEntity[]> {
    const query = tx
      .createQueryBuilder(AccountEntity, 'a')
      .orderBy('a.account_id', 'ASC')
      .limit(limit);
    if (afterAccountId !== null) query.where('a.account_id > :after', { after: afterAccountId });
    return query.getMany();
  }
}
