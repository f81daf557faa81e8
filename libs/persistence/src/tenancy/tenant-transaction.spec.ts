import { describe, expect, it } from 'vitest';
import type { DataSource, EntityManager } from 'typeorm';
import type { AccountId } from '@iam/common';
import type { TransactionQueries } from './tenant-transaction.js';
import { TenantTransaction, scopeToAccount, scopeToPlatform } from './tenant-transaction.js';

const ACCOUNT = '111122223333' as AccountId;

function recorder(): TransactionQueries & { readonly calls: [string, unknown[] | undefined][] } {
  const calls: [string, unknown[] | undefined][] = [];
  return {
    calls,
    query: (sql, parameters) => {
      calls.push([sql, parameters]);
      return Promise.resolve([]);
    },
  };
}

/** A data source whose transactions run on the recorder. */
function dataSourceOver(tx: TransactionQueries): DataSource {
  return {
    transaction: (work: (manager: EntityManager) => Promise<unknown>) =>
      work(tx as unknown as EntityManager),
  } as unknown as DataSource;
}

describe('tenant scoping', () => {
  it('scopes a transaction to one account with the platform flag off, in one statement', async () => {
    const tx = recorder();
    await scopeToAccount(tx, ACCOUNT);
    expect(tx.calls).toEqual([
      [
        `SELECT set_config('app.platform', '', true), set_config('app.account_id', $1, true)`,
        [ACCOUNT],
      ],
    ]);
  });

  it('marks platform work', async () => {
    const tx = recorder();
    await scopeToPlatform(tx);
    expect(tx.calls).toEqual([[`SELECT set_config('app.platform', 'on', true)`, undefined]]);
  });

  it('runs tenant work only after the scope is set, and lookup-then-scope in that order', async () => {
    const tx = recorder();
    const tenantTx = new TenantTransaction(dataSourceOver(tx));
    await tenantTx.run(ACCOUNT, (m) => m.query('SELECT 1'));
    await tenantTx.runPlatformThenScoped(
      (m) => m.query('SELECT 2'),
      () => ACCOUNT,
      (m) => m.query('SELECT 3'),
    );
    expect(tx.calls.map(([sql]) => sql)).toEqual([
      `SELECT set_config('app.platform', '', true), set_config('app.account_id', $1, true)`,
      'SELECT 1',
      `SELECT set_config('app.platform', 'on', true)`,
      'SELECT 2',
      `SELECT set_config('app.platform', '', true), set_config('app.account_id', $1, true)`,
      'SELECT 3',
    ]);
  });
});
