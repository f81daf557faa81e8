import type { EntityManager } from 'typeorm';
import { AccountEntity } from './account.entity.js';

/** Queries on identity.accounts. Always filters by account as well as relying on row-level security. */
export class AccountRepository {
  async insert(tx: EntityManager, account: AccountEntity): Promise<AccountEntity> {
    await tx.insert(AccountEntity, account);
    return account;
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
