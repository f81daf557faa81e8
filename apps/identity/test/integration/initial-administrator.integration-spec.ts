import { beforeAll, describe, expect, it } from 'vitest';
import type { AccountId } from '@iam/common';
import { AccountRepository } from '../../src/accounts/account.repository.js';
import { AccountsService } from '../../src/accounts/accounts.service.js';
import { AccountAdministrators } from '../../src/passwords/initial-administrators.js';
import { LoginProfilesService } from '../../src/passwords/login-profiles.service.js';
import { PasswordHasher, PasswordVerifier } from '../../src/passwords/index.js';
import { UserRepository } from '../../src/users/user.repository.js';
import { UsersService } from '../../src/users/users.service.js';
import { testSignInService } from '../support/sign-in-service.js';
import { useIdentityDatabase } from '../support/identity-suite.js';
import { ADMIN, rootOf } from '../support/principal-services.js';

const PASSWORD = 'violet-anchor-prism-47';

describe('createAccount with its first administrator', () => {
  const { s } = useIdentityDatabase();
  let accounts: AccountsService;
  let verifier: PasswordVerifier;

  beforeAll(() => {
    const hasher = new PasswordHasher();
    verifier = new PasswordVerifier(hasher, s.deps.now);
    const logins = new LoginProfilesService(
      s.deps,
      hasher,
      testSignInService(s.deps.tenantTx, s.deps.now, verifier),
    );
    accounts = new AccountsService({
      tenantTx: s.deps.tenantTx,
      accounts: new AccountRepository(),
      outbox: s.deps.outbox,
      relay: s.deps.relay,
      now: s.deps.now,
      administrators: new AccountAdministrators(
        new UsersService(s.deps, new UserRepository()),
        logins,
        'aws',
      ),
    });
  });

  /** Counts of accounts, users and login profiles across every account (read as the platform). */
  function totals(): Promise<{
    accounts: number;
    users: number;
    profiles: number;
    events: number;
  }> {
    return s.deps.tenantTx.runAsPlatform(async (tx) => {
      const [row] = await tx.query<
        { accounts: number; users: number; profiles: number; events: number }[]
      >(
        `SELECT (SELECT count(*)::int FROM identity.accounts) AS accounts,
                (SELECT count(*)::int FROM identity.users) AS users,
                (SELECT count(*)::int FROM identity.login_profiles) AS profiles,
                (SELECT count(*)::int FROM identity.outbox) AS events`,
      );
      return row!;
    });
  }

  it('creates the account, the user and its login profile in one transaction, named in account.created.v1', async () => {
    const created = await accounts.createAccount(ADMIN, {
      alias: 'tenant-bootstrap',
      administrator: { userName: 'tenant-admin', password: PASSWORD, path: '/admins/' },
    });
    const accountId = created.account.accountId as AccountId;
    const admin = created.administrator!;
    expect(admin.user).toMatchObject({ userName: 'tenant-admin', path: '/admins/', accountId });
    expect(admin.arn).toBe(`arn:aws:iam::${accountId}:user/admins/tenant-admin`);
    // SECURITY: the answer never carries the password (nor its hash).
    expect(JSON.stringify(created)).not.toContain(PASSWORD);
    expect(JSON.stringify(created)).not.toContain('argon2');

    // The user exists and signs in with the password.
    await expect(
      s.users.getUser(rootOf(accountId), { userName: 'tenant-admin' }),
    ).resolves.toMatchObject({ userId: admin.user.userId });
    const verified = await s.deps.tenantTx.run(accountId, (tx) =>
      verifier.verify(tx, accountId, 'tenant-admin', PASSWORD),
    );
    expect(verified).toMatchObject({ userId: admin.user.userId });

    const events = await s.events(accountId);
    expect(events.map((e) => e.event_type)).toEqual([
      'user.created.v1',
      'login-profile.created.v1',
      'account.created.v1',
    ]);
    expect(events[2]!.envelope.payload).toMatchObject({
      accountId,
      alias: 'tenant-bootstrap',
      initialAdministrator: {
        userId: admin.user.userId,
        userName: 'tenant-admin',
        path: '/admins/',
        arn: admin.arn,
      },
    });
    // SECURITY: no event carries the password or its hash.
    const all = JSON.stringify(events);
    expect(all).not.toContain(PASSWORD);
    expect(all).not.toContain('argon2');
    // The revision token of createAccount names account.created.v1.
    const accountEvent = (events[2]!.envelope as unknown as { id: string }).id;
    expect(created.eventId).toBe(accountEvent);
  });

  it('creates an account without an administrator as before (no initialAdministrator)', async () => {
    const created = await accounts.createAccount(ADMIN, { alias: null });
    expect(created.administrator).toBeNull();
    const events = await s.events(created.account.accountId);
    expect(events.map((e) => e.event_type)).toEqual(['account.created.v1']);
    expect(events[0]!.envelope.payload).not.toHaveProperty('initialAdministrator');
  });

  it('refuses a password the policy refuses with PasswordPolicyViolation and creates nothing', async () => {
    const before = await totals();
    await expect(
      accounts.createAccount(ADMIN, {
        alias: 'weak-tenant',
        administrator: { userName: 'weak-admin', password: 'password' },
      }),
    ).rejects.toMatchObject({ code: 'PasswordPolicyViolation' });
    // The password's context words apply too (the user name).
    await expect(
      accounts.createAccount(ADMIN, {
        alias: null,
        administrator: { userName: 'zanzibar', password: 'zanzibar-zanzibar-zanzibar' },
      }),
    ).rejects.toMatchObject({ code: 'PasswordPolicyViolation' });
    expect(await totals()).toEqual(before);
  });

  it('checks the name, path and password characters before any write (InvalidInput)', async () => {
    const before = await totals();
    for (const administrator of [
      { userName: 'bad name', password: PASSWORD },
      { userName: 'ok', password: PASSWORD, path: 'no-slashes' },
      { userName: 'ok', password: '' },
    ]) {
      await expect(
        accounts.createAccount(ADMIN, { alias: null, administrator }),
      ).rejects.toMatchObject({ code: 'InvalidInput' });
    }
    expect(await totals()).toEqual(before);
  });

  it('is the platform administrator’s only (AccessDenied for a tenant root)', async () => {
    const accountId = await s.newAccount();
    await expect(
      accounts.createAccount(rootOf(accountId), {
        administrator: { userName: 'sneaky', password: PASSWORD },
      }),
    ).rejects.toMatchObject({ code: 'AccessDenied' });
  });
});
