import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccountId } from '@iam/common';
import { TenantTransaction } from '@iam/persistence';
import type { ServiceTestDatabase } from '@iam/testing';
import { AccountRevisionRepository } from '../src/revisions/account-revision.repository.js';
import { policyTestDatabase } from './support/decisions-support.js';

// The decision path's one-statement revision read (`policy.account_revision`): it reads under row-level security
// as a scoped transaction does, and leaves no scope behind, on a pooled connection or inside a transaction.
const A = '111111111111' as AccountId;
const B = '222222222222' as AccountId;

describe('AccountRevisionRepository.currentAlone', () => {
  let env: ServiceTestDatabase;
  let tenant: TenantTransaction;
  const revisions = new AccountRevisionRepository();

  beforeAll(async () => {
    env = await policyTestDatabase();
    tenant = new TenantTransaction(env.dataSource);
    for (let i = 0; i < 3; i++) await tenant.run(A, (tx) => revisions.bump(tx, A));
    await tenant.run(B, (tx) => revisions.bump(tx, B));
  });
  afterAll(async () => {
    await env?.close();
  });

  it("reads each account's revision in one statement, 0 for an account never changed", async () => {
    expect(await revisions.currentAlone(env.dataSource, A)).toBe(3n);
    expect(await revisions.currentAlone(env.dataSource, B)).toBe(1n);
    expect(await revisions.currentAlone(env.dataSource, '333333333333')).toBe(0n);
    // The same figure a scoped transaction reads.
    expect(await tenant.run(A, (tx) => revisions.current(tx, A))).toBe(3n);
  });

  it('leaves no account scope on the connection after the statement', async () => {
    const runner = env.dataSource.createQueryRunner();
    try {
      await runner.query(`SELECT policy.account_revision($1)`, [A]);
      const [setting] = (await runner.query(
        `SELECT COALESCE(current_setting('app.account_id', true), '') AS account`,
      )) as { account: string }[];
      expect(setting?.account).toBe('');
      // Unscoped, the application role sees no account's row.
      expect(await runner.query(`SELECT account_id FROM policy.account_settings`)).toEqual([]);
    } finally {
      await runner.release();
    }
  });

  it("does not re-scope a transaction it is called in: the transaction still sees its own account's rows only", async () => {
    const seen = await tenant.run(B, async (tx) => {
      await tx.query(`SELECT policy.account_revision($1)`, [A]);
      return (await tx.query(`SELECT account_id FROM policy.account_settings`)) as {
        account_id: string;
      }[];
    });
    expect(seen.map((r) => r.account_id)).toEqual([B]);
  });
});
