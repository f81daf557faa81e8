import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccountId } from '@iam/common';
import { Outbox } from '@iam/messaging';
import { TenantTransaction } from '@iam/persistence';
import { Authorizer } from '../../src/authorization/authorizer.js';
import {
  DEFAULT_PASSWORD_POLICY,
  PasswordHasher,
  PasswordVerifier,
} from '../../src/passwords/index.js';
import { LoginProfilesService } from '../../src/passwords/login-profiles.service.js';
import { PasswordPolicyService } from '../../src/passwords/password-policy.service.js';
import { UserRepository } from '../../src/users/user.repository.js';
import type { PrincipalServiceDeps } from '../../src/principals/index.js';
import { UsersService } from '../../src/users/users.service.js';
import { testSignInService } from '../support/sign-in-service.js';
import { identityTestDatabase } from '../support/identity-test-database.js';
import { ADMIN, principalServices, rootOf, userOf } from '../support/principal-services.js';

const GOOD = 'violet-anchor-prism-47';

describe(PasswordPolicyService.name, () => {
  let env: Awaited<ReturnType<typeof identityTestDatabase>>;
  let s: ReturnType<typeof principalServices>;
  let tenantTx: TenantTransaction;
  let policies: PasswordPolicyService;
  let profiles: LoginProfilesService;
  let users: UsersService;
  let verifier: PasswordVerifier;
  let notified = 0;

  beforeAll(async () => {
    env = await identityTestDatabase();
    s = principalServices(env.dataSource);
    tenantTx = new TenantTransaction(env.dataSource);
    const deps: PrincipalServiceDeps = {
      tenantTx,
      authorizer: new Authorizer(),
      outbox: new Outbox('identity'),
      relay: { notify: () => void notified++ },
      partition: 'aws',
      now: () => new Date('2026-11-28T12:00:00Z'),
    };
    const hasher = new PasswordHasher();
    policies = new PasswordPolicyService(deps);
    profiles = new LoginProfilesService(deps, hasher, testSignInService(tenantTx, deps.now));
    users = new UsersService(deps, new UserRepository());
    verifier = new PasswordVerifier(hasher);
  });

  afterAll(async () => {
    await env?.close();
  });

  async function account(...userNames: string[]): Promise<AccountId> {
    const accountId = (await s.newAccount()) as AccountId;
    for (const userName of userNames) await users.createUser(rootOf(accountId), { userName });
    return accountId;
  }

  describe('updateAccountPasswordPolicy', () => {
    it('replaces the whole policy (omitted fields at their defaults) and appends an event', async () => {
      const acct = await account();
      const before = notified;
      await policies.updateAccountPasswordPolicy(rootOf(acct), {
        minimumPasswordLength: 20,
        requireSymbols: true,
        maxPasswordAge: 90,
      });
      const policy = await policies.updateAccountPasswordPolicy(rootOf(acct), {
        requireNumbers: true,
        passwordReusePrevention: 24,
      });
      expect(policy).toMatchObject({
        ...DEFAULT_PASSWORD_POLICY,
        requireNumbers: true,
        passwordReusePrevention: 24,
      });
      expect(notified).toBe(before + 2);
      const events = (await s.events(acct)).filter(
        (e) => e.topic === 'iam.identity.account-password-policy',
      );
      expect(events.map((e) => e.event_type)).toEqual([
        'account-password-policy.updated.v1',
        'account-password-policy.updated.v1',
      ]);
      expect(events[0]).toMatchObject({
        aggregate_id: acct,
        envelope: {
          payload: {
            accountId: acct,
            minimumLength: 20,
            requireSymbols: true,
            maxAgeDays: 90,
            reusePrevention: null,
            allowUsersToChange: true,
          },
        },
      });
    });

    it.each([
      { minimumPasswordLength: 5 },
      { minimumPasswordLength: 129 },
      { maxPasswordAge: 0 },
      { maxPasswordAge: 1096 },
      { passwordReusePrevention: 0 },
      { passwordReusePrevention: 25 },
    ])('answers InvalidInput for %j', async (input) => {
      const acct = await account();
      await expect(policies.updateAccountPasswordPolicy(rootOf(acct), input)).rejects.toMatchObject(
        { code: 'InvalidInput' },
      );
    });

    it('answers ValidationError listing several problems at once', async () => {
      const acct = await account();
      await expect(
        policies.updateAccountPasswordPolicy(rootOf(acct), {
          minimumPasswordLength: 1,
          passwordReusePrevention: 99,
        }),
      ).rejects.toMatchObject({ code: 'ValidationError', details: { problemCount: 2 } });
    });

    it('answers NoSuchEntity for an account that does not exist, as get and delete do', async () => {
      const missing = '999999999999';
      const before = notified;
      for (const call of [
        () =>
          policies.updateAccountPasswordPolicy(ADMIN, { accountId: missing, requireSymbols: true }),
        () => policies.getAccountPasswordPolicy(ADMIN, { accountId: missing }),
        () => policies.deleteAccountPasswordPolicy(ADMIN, { accountId: missing }),
      ]) {
        await expect(call()).rejects.toMatchObject({ code: 'NoSuchEntity' });
      }
      expect(notified).toBe(before);
    });

    it('requires the platform administrator to name the account, and refuses an IAM user', async () => {
      const acct = await account('ann');
      await expect(
        policies.updateAccountPasswordPolicy(ADMIN, { accountId: acct, requireSymbols: true }),
      ).resolves.toMatchObject({ requireSymbols: true });
      await expect(policies.updateAccountPasswordPolicy(ADMIN, {})).rejects.toMatchObject({
        code: 'InvalidInput',
      });
      await expect(
        policies.updateAccountPasswordPolicy(userOf(acct, 'ann'), {}),
      ).rejects.toMatchObject({
        code: 'AccessDenied',
        details: { action: 'iam:UpdateAccountPasswordPolicy', resource: '*' },
      });
    });

    it('applies to new passwords at once', async () => {
      const acct = await account('bo');
      await policies.updateAccountPasswordPolicy(rootOf(acct), {
        minimumPasswordLength: 6,
        requireUppercaseCharacters: true,
      });
      await expect(
        profiles.createLoginProfile(rootOf(acct), { userName: 'bo', password: 'quokka-fjord7' }),
      ).rejects.toMatchObject({ code: 'PasswordPolicyViolation', details: { problemCount: 1 } });
      await expect(
        profiles.createLoginProfile(rootOf(acct), { userName: 'bo', password: 'Quokka-fjord7' }),
      ).resolves.toBeDefined();
    });
  });

  describe('getAccountPasswordPolicy', () => {
    it('answers NoSuchEntity when none is set, the policy once set', async () => {
      const acct = await account();
      await expect(policies.getAccountPasswordPolicy(rootOf(acct), {})).rejects.toMatchObject({
        code: 'NoSuchEntity',
      });
      await policies.updateAccountPasswordPolicy(rootOf(acct), { hardExpiry: true });
      await expect(policies.getAccountPasswordPolicy(rootOf(acct), {})).resolves.toMatchObject({
        ...DEFAULT_PASSWORD_POLICY,
        hardExpiry: true,
      });
    });

    it("lets the account's IAM users read it while they may change their password", async () => {
      const acct = await account('cy');
      await expect(policies.getAccountPasswordPolicy(userOf(acct, 'cy'), {})).rejects.toMatchObject(
        { code: 'AccessDenied' },
      );
      await policies.updateAccountPasswordPolicy(rootOf(acct), {});
      await expect(
        policies.getAccountPasswordPolicy(userOf(acct, 'cy'), {}),
      ).resolves.toMatchObject({ allowUsersToChangePassword: true });
      await policies.updateAccountPasswordPolicy(rootOf(acct), {
        allowUsersToChangePassword: false,
      });
      await expect(policies.getAccountPasswordPolicy(userOf(acct, 'cy'), {})).rejects.toMatchObject(
        { code: 'AccessDenied' },
      );
    });
  });

  describe('deleteAccountPasswordPolicy', () => {
    it('deletes the policy (event with its last state); the defaults apply again', async () => {
      const acct = await account('dee');
      await policies.updateAccountPasswordPolicy(rootOf(acct), { minimumPasswordLength: 6 });
      await expect(
        profiles.createLoginProfile(rootOf(acct), { userName: 'dee', password: 'Quokka-fjord7' }),
      ).resolves.toBeDefined();
      await policies.deleteAccountPasswordPolicy(rootOf(acct), {});
      expect((await s.events(acct)).at(-1)).toMatchObject({
        event_type: 'account-password-policy.deleted.v1',
        envelope: { payload: { minimumLength: 6 } },
      });
      await expect(policies.getAccountPasswordPolicy(rootOf(acct), {})).rejects.toMatchObject({
        code: 'NoSuchEntity',
      });
      await expect(
        profiles.updateLoginProfile(rootOf(acct), { userName: 'dee', password: 'Quokka-fjord8' }),
      ).rejects.toMatchObject({ code: 'PasswordPolicyViolation' });
      await expect(policies.deleteAccountPasswordPolicy(rootOf(acct), {})).rejects.toMatchObject({
        code: 'NoSuchEntity',
      });
    });
  });

  describe('tenant isolation', () => {
    it("account B sees, updates and deletes nothing of account A's policy", async () => {
      const a = await account();
      const b = await account();
      await policies.updateAccountPasswordPolicy(rootOf(a), { minimumPasswordLength: 30 });
      await expect(policies.getAccountPasswordPolicy(rootOf(b), {})).rejects.toMatchObject({
        code: 'NoSuchEntity',
      });
      // Naming A's account as B's root is cross-account: denied before any lookup.
      await expect(
        policies.getAccountPasswordPolicy(rootOf(b), { accountId: a }),
      ).rejects.toMatchObject({ code: 'AccessDenied' });
      await expect(
        policies.deleteAccountPasswordPolicy(rootOf(b), { accountId: a }),
      ).rejects.toMatchObject({ code: 'AccessDenied' });
      await policies.updateAccountPasswordPolicy(rootOf(b), { minimumPasswordLength: 8 });
      await policies.deleteAccountPasswordPolicy(rootOf(b), {});
      await expect(policies.getAccountPasswordPolicy(rootOf(a), {})).resolves.toMatchObject({
        minimumPasswordLength: 30,
      });
      // Row-level security: B's transaction sees no row of A even without the account filter.
      const rows = await tenantTx.run(b as AccountId, (tx) =>
        tx.query(`SELECT * FROM identity.account_password_policies`),
      );
      expect(rows).toEqual([]);
    });

    it("account B's users and a guessed name of A's user answer exactly like a missing one", async () => {
      const a = await account('shared', 'only-in-a');
      const b = await account('shared');
      await profiles.createLoginProfile(rootOf(a), { userName: 'shared', password: GOOD });
      await profiles.createLoginProfile(rootOf(a), { userName: 'only-in-a', password: GOOD });
      // B's `shared` exists but has no profile; `only-in-a` does not exist in B.
      const missing = await profiles
        .getLoginProfile(rootOf(b), { userName: 'ghost' })
        .catch((e: unknown) => e);
      const guessed = await profiles
        .getLoginProfile(rootOf(b), { userName: 'only-in-a' })
        .catch((e: unknown) => e);
      expect(guessed).toMatchObject({ code: 'NoSuchEntity', details: { entityType: 'user' } });
      expect((guessed as Error).message).toBe(
        (missing as Error).message.replace('ghost', 'only-in-a'),
      );
      for (const op of [
        () => profiles.getLoginProfile(rootOf(b), { userName: 'shared' }),
        () => profiles.updateLoginProfile(rootOf(b), { userName: 'shared', password: GOOD }),
        () => profiles.deleteLoginProfile(rootOf(b), { userName: 'shared' }),
      ]) {
        await expect(op()).rejects.toMatchObject({
          code: 'NoSuchEntity',
          details: { entityType: 'login profile for user' },
        });
      }
      await expect(
        profiles.deleteLoginProfile(rootOf(b), { accountId: a, userName: 'shared' }),
      ).rejects.toMatchObject({ code: 'AccessDenied' });
      // The verifier in B's transaction finds nothing of A.
      expect(await tenantTx.run(b, (tx) => verifier.verify(tx, b, 'only-in-a', GOOD))).toBeNull();
      expect(await tenantTx.run(b, (tx) => verifier.verify(tx, b, 'shared', GOOD))).toBeNull();
      // Even asking for A's rows inside B's transaction returns nothing (RLS).
      const leaked = await tenantTx.run(b, (tx) =>
        tx.query(
          `SELECT 1 FROM identity.login_profiles WHERE account_id = $1
           UNION ALL SELECT 1 FROM identity.password_history WHERE account_id = $1`,
          [a],
        ),
      );
      expect(leaked).toEqual([]);
      // A's profiles are untouched.
      await expect(
        profiles.getLoginProfile(rootOf(a), { userName: 'shared' }),
      ).resolves.toBeDefined();
      expect(await tenantTx.run(a, (tx) => verifier.verify(tx, a, 'shared', GOOD))).not.toBeNull();
    });

    it("refuses to write a row into another account's tenancy (RLS)", async () => {
      const a = await account('rls');
      const b = await account();
      const userId = (await users.getUser(rootOf(a), { userName: 'rls' })).userId;
      await expect(
        tenantTx.run(b, (tx) =>
          tx.query(
            `INSERT INTO identity.password_history
               (history_id, user_id, account_id, seq, password_hash, created_at)
             VALUES (gen_random_uuid(), $1, $2, 1, 'x', now())`,
            [userId, a],
          ),
        ),
      ).rejects.toThrow(/row-level security/);
    });
  });
});
