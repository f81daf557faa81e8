import { describe, expect, it } from 'vitest';
import { TenantTransaction } from '@iam/persistence';
import { AccountsService } from '../../src/accounts/accounts.service.js';
import { useIdentityDatabase } from '../support/identity-suite.js';
import { ADMIN, rootOf } from '../support/principal-services.js';

describe(AccountsService.name, () => {
  // The accounts use case as the identity module wires it, with a relay-notification counter.
  const { env, s } = useIdentityDatabase();

  describe('createAccount', () => {
    it('creates an active account with a 12-digit id and writes its event in the same transaction', async () => {
      const before = s.counter.notified;
      const { account } = await s.accounts.createAccount(ADMIN, { alias: 'acme-prod' });
      expect(account).toMatchObject({ alias: 'acme-prod', status: 'active' });
      expect(account.accountId).toMatch(/^[1-9]\d{11}$/);
      expect(s.counter.notified).toBe(before + 1);
      const rows = (await new TenantTransaction(env.dataSource).runAsPlatform((tx) =>
        tx.query(
          `SELECT event_type, topic, aggregate_id, envelope FROM identity.outbox WHERE account_id = $1`,
          [account.accountId],
        ),
      )) as {
        event_type: string;
        topic: string;
        aggregate_id: string;
        envelope: Record<string, unknown>;
      }[];
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({
        event_type: 'account.created.v1',
        topic: 'iam.identity.account',
        aggregate_id: account.accountId,
      });
      expect(rows[0]?.envelope).toMatchObject({
        type: 'account.created.v1',
        accountId: account.accountId,
        actor: { type: 'platform-admin', arn: 'arn:aws:iam::platform:admin' },
        payload: { accountId: account.accountId, alias: 'acme-prod', status: 'active' },
      });
    });

    it.each([
      { title: 'too short', alias: 'ab' },
      { title: 'uppercase', alias: 'Acme' },
      { title: 'leading hyphen', alias: '-acme' },
      { title: 'double hyphen', alias: 'ac--me' },
    ])('rejects an alias that is $title with InvalidInput', async ({ alias }) => {
      await expect(s.accounts.createAccount(ADMIN, { alias })).rejects.toMatchObject({
        code: 'InvalidInput',
      });
    });

    it('rejects a duplicate alias with EntityAlreadyExists and leaves no event behind', async () => {
      await s.accounts.createAccount(ADMIN, { alias: 'dup-alias' });
      const count = async () =>
        (
          (await new TenantTransaction(env.dataSource).runAsPlatform((tx) =>
            tx.query(`SELECT count(*)::int AS n FROM identity.outbox`),
          )) as { n: number }[]
        )[0]?.n;
      const before = await count();
      await expect(s.accounts.createAccount(ADMIN, { alias: 'dup-alias' })).rejects.toMatchObject({
        code: 'EntityAlreadyExists',
      });
      expect(await count()).toBe(before);
    });
  });

  describe('listAccounts', () => {
    it('pages with MaxItems and Marker over every account exactly once', async () => {
      for (let i = 0; i < 5; i++) await s.accounts.createAccount(ADMIN, { alias: null });
      const seen: string[] = [];
      let marker: string | null = null;
      let pages = 0;
      do {
        const page = await s.accounts.listAccounts(ADMIN, { maxItems: 2, marker });
        expect(page.accounts.length).toBeLessThanOrEqual(2);
        seen.push(...page.accounts.map((a) => a.accountId));
        marker = page.marker;
        expect(page.isTruncated).toBe(marker !== null);
        pages++;
      } while (marker !== null);
      expect(new Set(seen).size).toBe(seen.length);
      expect(seen.length).toBeGreaterThanOrEqual(7);
      expect(pages).toBe(Math.ceil(seen.length / 2));
      expect([...seen].sort()).toEqual(seen);
    });

    it.each([{ maxItems: 0 }, { maxItems: 1001 }])(
      'rejects maxItems $maxItems with InvalidInput',
      async ({ maxItems }) => {
        await expect(s.accounts.listAccounts(ADMIN, { maxItems })).rejects.toMatchObject({
          code: 'InvalidInput',
        });
      },
    );

    it('rejects a forged marker with InvalidInput', async () => {
      await expect(
        s.accounts.listAccounts(ADMIN, { marker: 'bm90LWFuLWlk' }),
      ).rejects.toMatchObject({
        code: 'InvalidInput',
      });
    });
  });

  describe('account lifecycle', () => {
    const eventTypes = async (accountId: string) =>
      (
        await new TenantTransaction(env.dataSource).runAsPlatform((tx) =>
          tx.query<{ event_type: string }[]>(
            `SELECT event_type FROM identity.outbox WHERE account_id = $1 ORDER BY seq`,
            [accountId],
          ),
        )
      ).map((r) => r.event_type);

    it('lets the account root set, replace and delete its alias, with an event each time', async () => {
      const { accountId } = (await s.accounts.createAccount(ADMIN, { alias: null })).account;
      await s.accounts.createAccountAlias(rootOf(accountId), { accountId, alias: 'first-alias' });
      const replaced = await s.accounts.createAccountAlias(rootOf(accountId), {
        accountId,
        alias: 'second-alias',
      });
      expect(replaced.alias).toBe('second-alias');
      await expect(
        s.accounts.deleteAccountAlias(rootOf(accountId), { accountId, alias: 'first-alias' }),
      ).rejects.toMatchObject({ code: 'NoSuchEntity' });
      expect(
        (
          await s.accounts.deleteAccountAlias(rootOf(accountId), {
            accountId,
            alias: 'second-alias',
          })
        ).alias,
      ).toBeNull();
      expect(await eventTypes(accountId)).toEqual([
        'account.created.v1',
        'account.updated.v1',
        'account.updated.v1',
        'account.updated.v1',
      ]);
    });

    it("refuses another account's root, and an alias taken by another account", async () => {
      const a = (await s.accounts.createAccount(ADMIN, { alias: 'lifecycle-a' })).account;
      const b = (await s.accounts.createAccount(ADMIN, { alias: null })).account;
      await expect(
        s.accounts.createAccountAlias(rootOf(b.accountId), {
          accountId: a.accountId,
          alias: 'stolen',
        }),
      ).rejects.toMatchObject({ code: 'AccessDenied' });
      await expect(
        s.accounts.createAccountAlias(rootOf(b.accountId), {
          accountId: b.accountId,
          alias: 'lifecycle-a',
        }),
      ).rejects.toMatchObject({ code: 'EntityAlreadyExists' });
      await expect(
        s.accounts.createAccountAlias(rootOf(b.accountId), {
          accountId: b.accountId,
          alias: 'Bad Alias',
        }),
      ).rejects.toMatchObject({ code: 'InvalidInput' });
    });

    it('suspends, reactivates and deletes only a suspended account', async () => {
      const { accountId } = (await s.accounts.createAccount(ADMIN, { alias: null })).account;
      await expect(s.accounts.suspendAccount(rootOf(accountId), accountId)).rejects.toMatchObject({
        code: 'AccessDenied',
      });
      await expect(s.accounts.deleteAccount(ADMIN, accountId)).rejects.toMatchObject({
        code: 'DeleteConflict',
      });
      expect((await s.accounts.suspendAccount(ADMIN, accountId)).status).toBe('suspended');
      await expect(s.accounts.suspendAccount(ADMIN, accountId)).rejects.toMatchObject({
        code: 'InvalidInput',
      });
      expect((await s.accounts.reactivateAccount(ADMIN, accountId)).status).toBe('active');
      await s.accounts.suspendAccount(ADMIN, accountId);
      await s.accounts.deleteAccount(ADMIN, accountId);
      await expect(s.accounts.getAccount(ADMIN, accountId)).rejects.toMatchObject({
        code: 'NoSuchEntity',
      });
      await expect(s.accounts.deleteAccount(ADMIN, accountId)).rejects.toMatchObject({
        code: 'NoSuchEntity',
      });
      expect(await eventTypes(accountId)).toEqual([
        'account.created.v1',
        'account.suspended.v1',
        'account.reactivated.v1',
        'account.suspended.v1',
        'account.deleted.v1',
      ]);
    });
  });
});
