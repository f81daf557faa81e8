import { randomBytes, randomUUID } from 'node:crypto';
import { decodeJwt } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AccountId } from '@iam/common';
import { SESSION_ID_CONTEXT_KEY } from '@iam/common';
import { assertNoSecrets } from '@iam/event-contracts';
import { Outbox } from '@iam/messaging';
import type { TenantTransaction } from '@iam/persistence';
import { Authorizer, TestAdministratorsPolicySource } from '@iam/authorization';
import {
  LOGIN_PROFILE_ATTACHMENT,
  PasswordHasher,
  PasswordVerifier,
} from '../../src/passwords/index.js';
import { LoginProfilesService } from '../../src/passwords/login-profiles.service.js';
import { PasswordPolicyService } from '../../src/passwords/password-policy.service.js';
import { UserRepository } from '../../src/users/user.repository.js';
import { UsersService } from '../../src/users/users.service.js';
import type { SignInService } from '../../src/sign-in/sign-in.service.js';
import { USER_THROTTLE_POLICY } from '../../src/sign-in/throttle.js';
import { testSignInService } from '../support/sign-in-service.js';
import { accountWithUsers, depsWith, useIdentityDatabase } from '../support/identity-suite.js';
import { ADMIN, rootOf, userOf } from '../support/principal-services.js';

const T0 = new Date('2026-11-28T12:00:00Z');
const DAY = 24 * 60 * 60 * 1000;
const GOOD = 'violet-anchor-prism-47';
const OTHER = 'amber-lantern-quiver-91';
const THIRD = 'cobalt-meadow-harbor-33';

describe(LoginProfilesService.name, () => {
  const { s } = useIdentityDatabase();
  let tenantTx: TenantTransaction;
  let clock: Date;
  let profiles: LoginProfilesService;
  let policies: PasswordPolicyService;
  let users: UsersService;
  const hasher = new PasswordHasher();
  let verifier: PasswordVerifier;
  let signIns: SignInService;

  beforeAll(async () => {
    tenantTx = s.deps.tenantTx;
    clock = T0;
    const deps = depsWith(s, () => clock, [LOGIN_PROFILE_ATTACHMENT]);
    verifier = new PasswordVerifier(hasher, () => clock);
    signIns = testSignInService(tenantTx, () => clock, verifier);
    profiles = new LoginProfilesService(deps, hasher, signIns);
    policies = new PasswordPolicyService(deps);
    users = new UsersService(deps, new UserRepository());
  });

  /** A new account with users, at T0. */
  async function account(...userNames: string[]): Promise<AccountId> {
    clock = T0;
    return accountWithUsers(s, users, userNames);
  }

  function verify(accountId: AccountId, userName: string, password: string) {
    return tenantTx.run(accountId, (tx) => verifier.verify(tx, accountId, userName, password));
  }

  async function storedHash(accountId: AccountId, userName: string): Promise<string> {
    const rows = await tenantTx.run(accountId, (tx) =>
      tx.query<{ password_hash: string }[]>(
        `SELECT p.password_hash FROM identity.login_profiles p
         JOIN identity.users u ON u.user_id = p.user_id WHERE lower(u.user_name) = lower($1)`,
        [userName],
      ),
    );
    return rows[0]?.password_hash ?? '';
  }

  /** A restricted sign-in session of the user, as sign-in stores it; answers its id. */
  async function restrictedSession(accountId: AccountId, userId: string, userName: string) {
    const sessionId = randomUUID();
    await tenantTx.run(accountId, (tx) =>
      tx.query(
        `INSERT INTO identity.sessions (session_id, account_id, user_id, user_name, principal_arn, auth_methods,
           auth_time, restricted, source_ip, refresh_token_hash, created_at, expires_at)
         VALUES ($1, $2, $3, $4, $5, '{pwd}', $6, true, '127.0.0.1', $7, $6, $8)`,
        [
          sessionId,
          accountId,
          userId,
          userName,
          `arn:aws:iam::${accountId}:user/${userName}`,
          clock,
          randomBytes(32),
          new Date(clock.getTime() + DAY),
        ],
      ),
    );
    return sessionId;
  }

  async function restricted(accountId: AccountId, sessionIds: string[]): Promise<boolean[]> {
    const rows = await tenantTx.run(accountId, (tx) =>
      tx.query<{ session_id: string; restricted: boolean }[]>(
        `SELECT session_id, restricted FROM identity.sessions WHERE session_id = ANY($1::uuid[])`,
        [sessionIds],
      ),
    );
    return sessionIds.map((id) => rows.find((r) => r.session_id === id)?.restricted ?? false);
  }

  /** A real sign-in of the user (sign-in's own checks): the session's id and the caller its token stands for. */
  async function signedIn(accountId: AccountId, userName: string, password: string) {
    const issued = await signIns.signIn({ account: accountId, userName, password }, '198.51.100.7');
    const sid = decodeJwt(issued.sessionToken)['sid'] as string;
    return {
      sid,
      caller: {
        ...userOf(accountId, userName),
        context: { [SESSION_ID_CONTEXT_KEY]: sid, 'aws:SourceIp': '198.51.100.7' },
      },
    };
  }

  /** How each session ended (null: live), and the reason of its revocation-list entry (null: none). */
  async function ended(accountId: AccountId, sessionIds: string[]) {
    const rows = await tenantTx.run(accountId, (tx) =>
      tx.query<{ session_id: string; revoked_reason: string | null; listed: string | null }[]>(
        `SELECT s.session_id, s.revoked_reason, r.reason AS listed FROM identity.sessions s
         LEFT JOIN identity.session_revocations r ON r.session_id = s.session_id
         WHERE s.session_id = ANY($1::uuid[])`,
        [sessionIds],
      ),
    );
    return sessionIds.map((id) => {
      const row = rows.find((r) => r.session_id === id);
      return row ? [row.revoked_reason, row.listed] : 'missing';
    });
  }

  /** The `session.revoked.v1` events of the account since `from`, as [session id, reason]. */
  async function revokedEvents(accountId: AccountId, from: number) {
    return (await s.events(accountId))
      .slice(from)
      .filter((e) => e.event_type === 'session.revoked.v1')
      .map((e) => [e.aggregate_id, e.envelope.payload['reason']]);
  }

  describe('createLoginProfile', () => {
    it('stores an argon2id PHC string only and appends login-profile.created.v1 without a secret', async () => {
      const acct = await account('alice');
      const before = s.counter.notified;
      const view = await profiles.createLoginProfile(rootOf(acct), {
        userName: 'alice',
        password: GOOD,
        passwordResetRequired: true,
      });
      expect(view.profile).toMatchObject({
        passwordResetRequired: true,
        createdAt: T0,
        passwordChangedAt: T0,
        passwordLastUsedAt: null,
      });
      expect(view.passwordExpired).toBe(false);
      expect(s.counter.notified).toBe(before + 1);
      const phc = await storedHash(acct, 'alice');
      expect(phc.startsWith('$argon2id$v=19$m=19456,t=2,p=1$')).toBe(true);
      expect(phc).not.toContain(GOOD);
      const events = (await s.events(acct)).filter((e) => e.topic === 'iam.identity.login-profile');
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({
        event_type: 'login-profile.created.v1',
        aggregate_id: view.user.userId,
        envelope: {
          payload: { userName: 'alice', resetRequired: true, lastChangedAt: T0.toISOString() },
        },
      });
      expect(JSON.stringify(events[0])).not.toContain(GOOD);
      expect(JSON.stringify(events[0])).not.toContain('$argon2');
    });

    it('lets the platform administrator act in a named account', async () => {
      const acct = await account('bob');
      await expect(
        profiles.createLoginProfile(ADMIN, { accountId: acct, userName: 'bob', password: GOOD }),
      ).resolves.toMatchObject({ user: { userName: 'bob' } });
    });

    it('answers EntityAlreadyExists when the user has a login profile', async () => {
      const acct = await account('carol');
      await profiles.createLoginProfile(rootOf(acct), { userName: 'carol', password: GOOD });
      await expect(
        profiles.createLoginProfile(rootOf(acct), { userName: 'CAROL', password: OTHER }),
      ).rejects.toMatchObject({ code: 'EntityAlreadyExists' });
    });

    it('answers NoSuchEntity for an unknown user', async () => {
      const acct = await account();
      await expect(
        profiles.createLoginProfile(rootOf(acct), { userName: 'ghost', password: GOOD }),
      ).rejects.toMatchObject({ code: 'NoSuchEntity', details: { name: 'ghost' } });
    });

    it('answers PasswordPolicyViolation listing every broken rule, and leaves nothing behind', async () => {
      const acct = await account('dave');
      await policies.updateAccountPasswordPolicy(rootOf(acct), {
        minimumPasswordLength: 8,
        requireNumbers: true,
        requireSymbols: true,
      });
      const before = (await s.events(acct)).length;
      const error = await profiles
        .createLoginProfile(rootOf(acct), { userName: 'dave', password: 'password' })
        .catch((e: unknown) => e);
      expect(error).toMatchObject({
        code: 'PasswordPolicyViolation',
        details: { problemCount: 3 },
      });
      expect((error as { problems: string[] }).problems).toEqual([
        expect.stringContaining('symbol'),
        expect.stringContaining('number'),
        'the password is on a list of common or breached passwords',
      ]);
      expect((await s.events(acct)).length).toBe(before);
      await expect(
        profiles.getLoginProfile(rootOf(acct), { userName: 'dave' }),
      ).rejects.toMatchObject({ code: 'NoSuchEntity' });
    });

    it('applies the default minimum of 15 characters when the account has no policy', async () => {
      const acct = await account('erin');
      await expect(
        profiles.createLoginProfile(rootOf(acct), { userName: 'erin', password: 'Short-but-ok1' }),
      ).rejects.toMatchObject({ code: 'PasswordPolicyViolation', details: { problemCount: 1 } });
    });

    it.each([
      { title: 'an empty password', password: '' },
      { title: 'a password over 128 characters', password: 'x'.repeat(129) },
      { title: 'a character outside U+00FF', password: 'violet-anchor-\u2603-prism' },
    ])('answers InvalidInput for $title', async ({ password }) => {
      const acct = await account('fred');
      await expect(
        profiles.createLoginProfile(rootOf(acct), { userName: 'fred', password }),
      ).rejects.toMatchObject({ code: 'InvalidInput' });
    });

    it('refuses an IAM user without permissions with AccessDenied before any lookup', async () => {
      const acct = await account('gina');
      await expect(
        profiles.createLoginProfile(userOf(acct, 'gina'), { userName: 'nobody', password: GOOD }),
      ).rejects.toMatchObject({ code: 'AccessDenied' });
    });
  });

  describe('getLoginProfile', () => {
    it('returns the profile with its dates and expiry under the policy', async () => {
      const acct = await account('hank');
      await profiles.createLoginProfile(rootOf(acct), { userName: 'hank', password: GOOD });
      await policies.updateAccountPasswordPolicy(rootOf(acct), { maxPasswordAge: 30 });
      clock = new Date(T0.getTime() + 29 * DAY);
      let view = await profiles.getLoginProfile(rootOf(acct), { userName: 'hank' });
      expect(view.passwordExpired).toBe(false);
      expect(view.passwordExpiresAt).toEqual(new Date(T0.getTime() + 30 * DAY));
      clock = new Date(T0.getTime() + 31 * DAY);
      view = await profiles.getLoginProfile(rootOf(acct), { userName: 'hank' });
      expect(view.passwordExpired).toBe(true);
    });

    it('answers NoSuchEntity for a user without a login profile and for an unknown user', async () => {
      const acct = await account('ivy');
      await expect(
        profiles.getLoginProfile(rootOf(acct), { userName: 'ivy' }),
      ).rejects.toMatchObject({
        code: 'NoSuchEntity',
        details: { entityType: 'login profile for user', name: 'ivy' },
      });
      await expect(
        profiles.getLoginProfile(rootOf(acct), { userName: 'ghost' }),
      ).rejects.toMatchObject({ code: 'NoSuchEntity', details: { entityType: 'user' } });
    });
  });

  describe('updateLoginProfile', () => {
    it('sets a new password and the reset flag, appending login-profile.updated.v1', async () => {
      const acct = await account('jack');
      await profiles.createLoginProfile(rootOf(acct), { userName: 'jack', password: GOOD });
      clock = new Date(T0.getTime() + DAY);
      const view = await profiles.updateLoginProfile(rootOf(acct), {
        userName: 'jack',
        password: OTHER,
        passwordResetRequired: true,
      });
      expect(view.profile).toMatchObject({ passwordResetRequired: true, passwordChangedAt: clock });
      expect(await verify(acct, 'jack', GOOD)).toBeNull();
      expect(await verify(acct, 'jack', OTHER)).toMatchObject({ passwordResetRequired: true });
      const last = (await s.events(acct)).at(-1);
      expect(last).toMatchObject({
        event_type: 'login-profile.updated.v1',
        envelope: { payload: { resetRequired: true, lastChangedAt: clock.toISOString() } },
      });
    });

    it('changes only the flag when no password is given', async () => {
      const acct = await account('kate');
      await profiles.createLoginProfile(rootOf(acct), { userName: 'kate', password: GOOD });
      const hash = await storedHash(acct, 'kate');
      clock = new Date(T0.getTime() + DAY);
      const view = await profiles.updateLoginProfile(rootOf(acct), {
        userName: 'kate',
        passwordResetRequired: true,
      });
      expect(view.profile.passwordChangedAt).toEqual(T0);
      expect(await storedHash(acct, 'kate')).toBe(hash);
    });

    it('revokes every session of the user with a new password, in its transaction; not for the flag alone', async () => {
      const acct = await account('lars', 'lena');
      for (const userName of ['lars', 'lena']) {
        await profiles.createLoginProfile(rootOf(acct), { userName, password: GOOD });
      }
      const one = await signedIn(acct, 'lars', GOOD);
      const two = await signedIn(acct, 'lars', GOOD);
      const lenas = await signedIn(acct, 'lena', GOOD);
      // The reset flag alone ends nothing.
      await profiles.updateLoginProfile(rootOf(acct), {
        userName: 'lars',
        passwordResetRequired: true,
      });
      expect(await ended(acct, [one.sid, two.sid])).toEqual([
        [null, null],
        [null, null],
      ]);
      // A refused reset (weak password) rolls the revocation back with it.
      await expect(
        profiles.updateLoginProfile(rootOf(acct), { userName: 'lars', password: 'qwerty' }),
      ).rejects.toMatchObject({ code: 'PasswordPolicyViolation' });
      expect(await ended(acct, [one.sid, two.sid])).toEqual([
        [null, null],
        [null, null],
      ]);
      const before = (await s.events(acct)).length;
      await profiles.updateLoginProfile(rootOf(acct), { userName: 'lars', password: OTHER });
      expect(await ended(acct, [one.sid, two.sid, lenas.sid])).toEqual([
        ['password-reset', 'password-reset'],
        ['password-reset', 'password-reset'],
        [null, null],
      ]);
      expect((await revokedEvents(acct, before)).sort()).toEqual(
        [
          [one.sid, 'password-reset'],
          [two.sid, 'password-reset'],
        ].sort(),
      );
    });

    it('answers NoSuchEntity without a profile and PasswordPolicyViolation for a weak password', async () => {
      const acct = await account('liam', 'mia');
      await expect(
        profiles.updateLoginProfile(rootOf(acct), { userName: 'liam', password: OTHER }),
      ).rejects.toMatchObject({ code: 'NoSuchEntity' });
      await profiles.createLoginProfile(rootOf(acct), { userName: 'mia', password: GOOD });
      await expect(
        profiles.updateLoginProfile(rootOf(acct), { userName: 'mia', password: 'qwerty' }),
      ).rejects.toMatchObject({ code: 'PasswordPolicyViolation' });
    });
  });

  describe('deleteLoginProfile', () => {
    it('deletes the profile (login-profile.deleted.v1); the user can no longer sign in', async () => {
      const acct = await account('nina');
      await profiles.createLoginProfile(rootOf(acct), { userName: 'nina', password: GOOD });
      await profiles.deleteLoginProfile(rootOf(acct), { userName: 'nina' });
      expect((await s.events(acct)).at(-1)).toMatchObject({
        event_type: 'login-profile.deleted.v1',
      });
      expect(await verify(acct, 'nina', GOOD)).toBeNull();
      await expect(
        profiles.deleteLoginProfile(rootOf(acct), { userName: 'nina' }),
      ).rejects.toMatchObject({ code: 'NoSuchEntity' });
    });

    it("revokes every session of the user in the deletion's transaction", async () => {
      const acct = await account('nora', 'nils');
      for (const userName of ['nora', 'nils']) {
        await profiles.createLoginProfile(rootOf(acct), { userName, password: GOOD });
      }
      const nora = await signedIn(acct, 'nora', GOOD);
      const nils = await signedIn(acct, 'nils', GOOD);
      const before = (await s.events(acct)).length;
      await profiles.deleteLoginProfile(rootOf(acct), { userName: 'nora' });
      expect(await ended(acct, [nora.sid, nils.sid])).toEqual([
        ['login-profile-deleted', 'login-profile-deleted'],
        [null, null],
      ]);
      expect(await revokedEvents(acct, before)).toEqual([[nora.sid, 'login-profile-deleted']]);
    });
  });

  describe('context words (NIST SP 800-63B): the user name, the account alias and the account id', () => {
    const CONTEXT_PROBLEM =
      'the password contains the user name, the account alias or the account id';

    /** A new account with an alias and one user, at T0. */
    async function aliasedAccount(alias: string, userName: string): Promise<AccountId> {
      clock = T0;
      const created = await s.accounts.createAccount(ADMIN, { alias });
      const accountId = created.account.accountId as AccountId;
      await users.createUser(rootOf(accountId), { userName });
      return accountId;
    }

    async function problemsOf(attempt: Promise<unknown>): Promise<string[]> {
      const error = await attempt.then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toMatchObject({ code: 'PasswordPolicyViolation' });
      return (error as { problems: string[] }).problems;
    }

    it('createLoginProfile refuses a password containing the user name', async () => {
      const alias = `orbit-${randomBytes(3).toString('hex')}`;
      const acct = await aliasedAccount(alias, 'winifred.okafor');
      expect(
        await problemsOf(
          profiles.createLoginProfile(rootOf(acct), {
            userName: 'winifred.okafor',
            password: 'Winifred-velvet-harbor-9',
          }),
        ),
      ).toEqual([CONTEXT_PROBLEM]);
      // The same password for a user of another name is fine.
      await users.createUser(rootOf(acct), { userName: 'bea' });
      await profiles.createLoginProfile(rootOf(acct), {
        userName: 'bea',
        password: 'Winifred-velvet-harbor-9',
      });
    });

    it('updateLoginProfile refuses a password containing the account alias', async () => {
      const alias = `zephyrcorp${randomBytes(2).toString('hex')}`;
      const acct = await aliasedAccount(alias, 'cyd');
      await profiles.createLoginProfile(rootOf(acct), { userName: 'cyd', password: GOOD });
      expect(
        await problemsOf(
          profiles.updateLoginProfile(rootOf(acct), {
            userName: 'cyd',
            password: `meadow ${alias.toUpperCase()} lantern`,
          }),
        ),
      ).toEqual([CONTEXT_PROBLEM]);
    });

    it('changePassword refuses a new password containing the account id or the user name', async () => {
      const alias = `quill-${randomBytes(3).toString('hex')}`;
      const acct = await aliasedAccount(alias, 'desmond');
      await profiles.createLoginProfile(rootOf(acct), { userName: 'desmond', password: GOOD });
      expect(
        await problemsOf(
          profiles.changePassword(userOf(acct, 'desmond'), {
            oldPassword: GOOD,
            newPassword: `harbor ${acct} cobalt`,
          }),
        ),
      ).toEqual([CONTEXT_PROBLEM]);
      expect(
        await problemsOf(
          profiles.changePassword(userOf(acct, 'desmond'), {
            oldPassword: GOOD,
            newPassword: 'D3smond-cobalt-orchid',
          }),
        ),
      ).toEqual([CONTEXT_PROBLEM]);
    });
  });

  describe('changePassword', () => {
    it("changes the caller's own password, clears the reset flag and appends password.changed.v1", async () => {
      const acct = await account('olga');
      await profiles.createLoginProfile(rootOf(acct), {
        userName: 'olga',
        password: GOOD,
        passwordResetRequired: true,
      });
      clock = new Date(T0.getTime() + DAY);
      const view = await profiles.changePassword(userOf(acct, 'olga'), {
        oldPassword: GOOD,
        newPassword: OTHER,
      });
      expect(view.profile).toMatchObject({
        passwordResetRequired: false,
        passwordChangedAt: clock,
      });
      expect(await verify(acct, 'olga', OTHER)).toMatchObject({ passwordResetRequired: false });
      const last = (await s.events(acct)).at(-1);
      expect(last).toMatchObject({
        event_type: 'password.changed.v1',
        topic: 'iam.identity.login-profile',
        envelope: { payload: { userName: 'olga', resetRequired: false } },
      });
    });

    it("lifts the password-reset restriction of the caller's own session only", async () => {
      const acct = await account('nell', 'noah');
      await profiles.createLoginProfile(rootOf(acct), {
        userName: 'nell',
        password: GOOD,
        passwordResetRequired: true,
      });
      const nell = (await users.getUser(rootOf(acct), { userName: 'nell' })).userId;
      const noah = (await users.getUser(rootOf(acct), { userName: 'noah' })).userId;
      const current = await restrictedSession(acct, nell, 'nell');
      const another = await restrictedSession(acct, nell, 'nell');
      const noahs = await restrictedSession(acct, noah, 'noah');
      const caller = userOf(acct, 'nell');

      // A session id of another user names nothing of the caller's; a malformed one is ignored.
      const changes = [
        [noahs, GOOD, OTHER],
        ['not-a-uuid', OTHER, THIRD],
      ] as const;
      for (const [sessionId, oldPassword, newPassword] of changes) {
        await profiles.changePassword(
          { ...caller, context: { [SESSION_ID_CONTEXT_KEY]: sessionId } },
          { oldPassword, newPassword },
        );
      }
      expect(await restricted(acct, [current, another, noahs])).toEqual([true, true, true]);

      await profiles.changePassword(
        { ...caller, context: { [SESSION_ID_CONTEXT_KEY]: current } },
        { oldPassword: THIRD, newPassword: GOOD },
      );
      expect(await restricted(acct, [current, another, noahs])).toEqual([false, true, true]);
    });

    it('keeps the session the change was made from and revokes every other session of the user', async () => {
      const acct = await account('otto', 'ora');
      for (const userName of ['otto', 'ora']) {
        await profiles.createLoginProfile(rootOf(acct), { userName, password: GOOD });
      }
      const here = await signedIn(acct, 'otto', GOOD);
      const there = await signedIn(acct, 'otto', GOOD);
      const oras = await signedIn(acct, 'ora', GOOD);
      const before = (await s.events(acct)).length;
      await profiles.changePassword(here.caller, { oldPassword: GOOD, newPassword: OTHER });
      expect(await ended(acct, [here.sid, there.sid, oras.sid])).toEqual([
        [null, null],
        ['password-changed', 'password-changed'],
        [null, null],
      ]);
      expect(await revokedEvents(acct, before)).toEqual([[there.sid, 'password-changed']]);
    });

    it("bounds guesses of the old password with sign-in's per-user counter, auditing each failure", async () => {
      const acct = await account('gus');
      await profiles.createLoginProfile(rootOf(acct), { userName: 'gus', password: GOOD });
      const { sid, caller } = await signedIn(acct, 'gus', GOOD);
      const before = (await s.events(acct)).length;
      const guess = (oldPassword: string) =>
        profiles.changePassword(caller, { oldPassword, newPassword: THIRD }).then(
          () => 'changed',
          (error: { code: string; details?: unknown }) => [error.code, error.details],
        );
      const wrong = (n: number) => `wrong-guess-${n}-of-the-old-one`;

      // The free failures, then the first delayed one: all answered AccessDenied.
      const free = USER_THROTTLE_POLICY.freeFailures;
      for (let n = 1; n <= free + 1; n++)
        expect(await guess(wrong(n))).toEqual(['AccessDenied', {}]);
      // Within the back-off even the right old password is refused without being checked, and so is a sign-in:
      // the counter is the one sign-in uses.
      const backOff = ['Throttling', { retryAfterSeconds: 1, locked: false }];
      expect(await guess(wrong(99))).toEqual(backOff);
      expect(await guess(GOOD)).toEqual(backOff);
      await expect(
        signIns.signIn({ account: acct, userName: 'gus', password: GOOD }, '198.51.100.7'),
      ).rejects.toMatchObject({ code: 'Throttling' });

      // Waiting out each back-off, the failures go on up to the lock-out.
      for (let n = free + 2; n <= USER_THROTTLE_POLICY.lockAfterFailures; n++) {
        clock = new Date(clock.getTime() + 60_000);
        expect(await guess(wrong(n))).toEqual(['AccessDenied', {}]);
      }
      expect(await guess(GOOD)).toEqual([
        'Throttling',
        { retryAfterSeconds: USER_THROTTLE_POLICY.lockSeconds, locked: true },
      ]);

      // Every failure is audited on the session topic, without a secret.
      const failures = (await s.events(acct))
        .slice(before)
        .filter((e) => e.event_type === 'session.password-change-failed.v1');
      const lock = USER_THROTTLE_POLICY.lockAfterFailures;
      expect(failures.map((e) => e.envelope.payload['reason'])).toEqual([
        ...Array<string>(free + 1).fill('incorrect-old-password'),
        'throttled',
        'throttled',
        ...Array<string>(lock - free - 1).fill('incorrect-old-password'),
        'throttled',
      ]);
      expect(failures[0]).toMatchObject({
        topic: 'iam.identity.session',
        aggregate_id: sid,
        envelope: {
          payload: {
            accountId: acct,
            sessionId: sid,
            userName: 'gus',
            principalArn: `arn:aws:iam::${acct}:user/gus`,
            sourceIp: '198.51.100.7',
          },
        },
      });
      for (const event of failures) {
        expect(() => assertNoSecrets(event.envelope.payload)).not.toThrow();
        const text = JSON.stringify(event.envelope);
        for (const secret of [GOOD, THIRD, 'wrong-guess']) expect(text).not.toContain(secret);
      }

      // After the lock the right old password changes it, and the counter starts again from zero.
      clock = new Date(clock.getTime() + USER_THROTTLE_POLICY.lockSeconds * 1000);
      expect(await guess(GOOD)).toBe('changed');
      const counters = await tenantTx.run(acct, (tx) =>
        tx.query<{ n: number }[]>(
          `SELECT count(*)::int AS n FROM identity.sign_in_user_throttles WHERE account_id = $1`,
          [acct],
        ),
      );
      expect(counters[0]?.n).toBe(0);
    });

    it('answers AccessDenied for a wrong old password', async () => {
      const acct = await account('pete');
      await profiles.createLoginProfile(rootOf(acct), { userName: 'pete', password: GOOD });
      await expect(
        profiles.changePassword(userOf(acct, 'pete'), { oldPassword: OTHER, newPassword: THIRD }),
      ).rejects.toMatchObject({ code: 'AccessDenied' });
    });

    it('answers AccessDenied when the policy does not let users change their password', async () => {
      const acct = await account('quin');
      await profiles.createLoginProfile(rootOf(acct), { userName: 'quin', password: GOOD });
      await policies.updateAccountPasswordPolicy(rootOf(acct), {
        allowUsersToChangePassword: false,
      });
      await expect(
        profiles.changePassword(userOf(acct, 'quin'), { oldPassword: GOOD, newPassword: OTHER }),
      ).rejects.toMatchObject({
        code: 'AccessDenied',
        details: { action: 'iam:ChangePassword' },
      });
    });

    it('answers PasswordPolicyViolation for a weak new password', async () => {
      const acct = await account('rita');
      await profiles.createLoginProfile(rootOf(acct), { userName: 'rita', password: GOOD });
      await expect(
        profiles.changePassword(userOf(acct, 'rita'), {
          oldPassword: GOOD,
          newPassword: 'iloveyou',
        }),
      ).rejects.toMatchObject({ code: 'PasswordPolicyViolation', details: { problemCount: 2 } });
    });

    it('answers InvalidUserType for the root user and NoSuchEntity for a user without a profile', async () => {
      const acct = await account('sam');
      await expect(
        profiles.changePassword(rootOf(acct), { oldPassword: GOOD, newPassword: OTHER }),
      ).rejects.toMatchObject({ code: 'InvalidUserType' });
      await expect(
        profiles.changePassword(userOf(acct, 'sam'), { oldPassword: GOOD, newPassword: OTHER }),
      ).rejects.toMatchObject({ code: 'NoSuchEntity' });
    });

    it('answers PasswordExpired after the maximum age with hard expiry, but allows it without', async () => {
      const acct = await account('tess', 'uma');
      await profiles.createLoginProfile(rootOf(acct), { userName: 'tess', password: GOOD });
      await profiles.createLoginProfile(rootOf(acct), { userName: 'uma', password: GOOD });
      await policies.updateAccountPasswordPolicy(rootOf(acct), { maxPasswordAge: 1 });
      clock = new Date(T0.getTime() + 2 * DAY);
      await expect(
        profiles.changePassword(userOf(acct, 'uma'), { oldPassword: GOOD, newPassword: OTHER }),
      ).resolves.toMatchObject({ passwordExpired: false });
      await policies.updateAccountPasswordPolicy(rootOf(acct), {
        maxPasswordAge: 1,
        hardExpiry: true,
      });
      await expect(
        profiles.changePassword(userOf(acct, 'tess'), { oldPassword: GOOD, newPassword: OTHER }),
      ).rejects.toMatchObject({ code: 'PasswordExpired' });
    });
  });

  describe('reuse prevention', () => {
    it('refuses any of the last N passwords and accepts older ones', async () => {
      const acct = await account('vera');
      await policies.updateAccountPasswordPolicy(rootOf(acct), { passwordReusePrevention: 2 });
      await profiles.createLoginProfile(rootOf(acct), { userName: 'vera', password: GOOD });
      const alice = userOf(acct, 'vera');
      await expect(
        profiles.changePassword(alice, { oldPassword: GOOD, newPassword: GOOD }),
      ).rejects.toMatchObject({ code: 'PasswordPolicyViolation' });
      await profiles.changePassword(alice, { oldPassword: GOOD, newPassword: OTHER });
      await expect(
        profiles.changePassword(alice, { oldPassword: OTHER, newPassword: GOOD }),
      ).rejects.toMatchObject({
        code: 'PasswordPolicyViolation',
        message: expect.stringContaining('last 2 password'),
      });
      await profiles.changePassword(alice, { oldPassword: OTHER, newPassword: THIRD });
      // GOOD is now the third most recent: allowed again.
      await expect(
        profiles.changePassword(alice, { oldPassword: THIRD, newPassword: GOOD }),
      ).resolves.toBeDefined();
    });

    it('also applies to UpdateLoginProfile and survives a deleted and re-created profile', async () => {
      const acct = await account('walt');
      await policies.updateAccountPasswordPolicy(rootOf(acct), { passwordReusePrevention: 5 });
      await profiles.createLoginProfile(rootOf(acct), { userName: 'walt', password: GOOD });
      await expect(
        profiles.updateLoginProfile(rootOf(acct), { userName: 'walt', password: GOOD }),
      ).rejects.toMatchObject({ code: 'PasswordPolicyViolation' });
      await profiles.deleteLoginProfile(rootOf(acct), { userName: 'walt' });
      await expect(
        profiles.createLoginProfile(rootOf(acct), { userName: 'walt', password: GOOD }),
      ).rejects.toMatchObject({ code: 'PasswordPolicyViolation' });
    });
  });

  describe(PasswordVerifier.name, () => {
    it('answers the user for the right password and null otherwise', async () => {
      const acct = await account('xena', 'yuri');
      const created = await profiles.createLoginProfile(rootOf(acct), {
        userName: 'xena',
        password: GOOD,
      });
      expect(await verify(acct, 'XENA', GOOD)).toEqual({
        userId: created.user.userId,
        userName: 'xena',
        path: '/',
        passwordResetRequired: false,
        passwordExpired: false,
        hardExpired: false,
      });
      expect(await verify(acct, 'xena', OTHER)).toBeNull();
      expect(await verify(acct, 'ghost', GOOD)).toBeNull();
      expect(await verify(acct, 'yuri', GOOD)).toBeNull();
      expect(await verify(acct, 'xena', 'x'.repeat(1000))).toBeNull();
    });

    it('records the last use and rehashes a hash made with outdated parameters', async () => {
      const acct = await account('zack');
      const weak = new LoginProfilesService(
        {
          tenantTx,
          authorizer: new Authorizer(new TestAdministratorsPolicySource()),
          outbox: new Outbox('identity'),
          relay: { notify: () => undefined },
          partition: 'aws',
          now: () => clock,
        },
        new PasswordHasher({ memoryCost: 8192, timeCost: 1, parallelism: 1 }),
        signIns,
      );
      await weak.createLoginProfile(rootOf(acct), { userName: 'zack', password: GOOD });
      expect(await storedHash(acct, 'zack')).toMatch(/^\$argon2id\$v=19\$m=8192,t=1,p=1\$/);
      clock = new Date(T0.getTime() + DAY);
      expect(await verify(acct, 'zack', GOOD)).not.toBeNull();
      expect(await storedHash(acct, 'zack')).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
      const view = await profiles.getLoginProfile(rootOf(acct), { userName: 'zack' });
      expect(view.profile.passwordLastUsedAt).toEqual(clock);
    });

    it('reports expiry and hard expiry from the policy', async () => {
      const acct = await account('abe');
      await profiles.createLoginProfile(rootOf(acct), { userName: 'abe', password: GOOD });
      await policies.updateAccountPasswordPolicy(rootOf(acct), {
        maxPasswordAge: 10,
        hardExpiry: true,
      });
      clock = new Date(T0.getTime() + 11 * DAY);
      expect(await verify(acct, 'abe', GOOD)).toMatchObject({
        passwordExpired: true,
        hardExpired: true,
      });
    });
  });

  describe('LOGIN_PROFILE_ATTACHMENT (deleteUser)', () => {
    it('blocks deleteUser with DeleteConflict while the user has a login profile', async () => {
      const acct = await account('bea');
      await profiles.createLoginProfile(rootOf(acct), { userName: 'bea', password: GOOD });
      await expect(users.deleteUser(rootOf(acct), { userName: 'bea' })).rejects.toMatchObject({
        code: 'DeleteConflict',
        details: { kind: 'login profiles', count: 1 },
      });
    });

    it('on a forced delete removes the profile and the history, login-profile.deleted.v1 first', async () => {
      const acct = await account('cal', 'dan');
      const cal = await profiles.createLoginProfile(rootOf(acct), {
        userName: 'cal',
        password: GOOD,
      });
      await profiles.createLoginProfile(rootOf(acct), { userName: 'dan', password: GOOD });
      const before = (await s.events(acct)).length;
      await users.deleteUser(rootOf(acct), { userName: 'cal', force: true });
      const events = (await s.events(acct)).slice(before);
      expect(events.map((e) => [e.event_type, e.aggregate_id])).toEqual([
        ['login-profile.deleted.v1', cal.user.userId],
        ['user.deleted.v1', cal.user.userId],
      ]);
      const left = await tenantTx.run(acct, (tx) =>
        tx.query<{ n: number }[]>(
          `SELECT (SELECT count(*) FROM identity.login_profiles)::int
                + (SELECT count(*) FROM identity.password_history)::int AS n`,
        ),
      );
      expect(left[0]?.n).toBe(2); // dan's profile and its one history row
    });

    it('deletes a user without a login profile unforced (history of a deleted profile goes too)', async () => {
      const acct = await account('eli');
      const created = await profiles.createLoginProfile(rootOf(acct), {
        userName: 'eli',
        password: GOOD,
      });
      await profiles.deleteLoginProfile(rootOf(acct), { userName: 'eli' });
      const history = () =>
        tenantTx.run(acct, (tx) =>
          tx.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM identity.password_history`),
        );
      expect((await history())[0]?.n).toBe(1); // a deleted profile keeps its history (reuse)
      const { entity: deleted } = await users.deleteUser(rootOf(acct), { userName: 'eli' });
      expect(deleted).toMatchObject({
        userId: created.user.userId,
        userName: 'eli',
        accountId: acct,
      });
      expect((await history())[0]?.n).toBe(0);
      await expect(users.getUser(rootOf(acct), { userName: 'eli' })).rejects.toMatchObject({
        code: 'NoSuchEntity',
      });
    });

    it('deletes an account whose users have login profiles (suspend, then delete)', async () => {
      const acct = await account('fay');
      await profiles.createLoginProfile(rootOf(acct), { userName: 'fay', password: GOOD });
      await policies.updateAccountPasswordPolicy(rootOf(acct), {});
      await s.accounts.suspendAccount(ADMIN, acct);
      const deleted = await s.accounts.deleteAccount(ADMIN, acct);
      expect(deleted).toMatchObject({ accountId: acct, status: 'suspended' });
      const left = await tenantTx.runAsPlatform((tx) =>
        tx.query<{ n: number }[]>(
          `SELECT (SELECT count(*) FROM identity.accounts WHERE account_id = $1)::int
                + (SELECT count(*) FROM identity.users WHERE account_id = $1)::int
                + (SELECT count(*) FROM identity.login_profiles WHERE account_id = $1)::int
                + (SELECT count(*) FROM identity.password_history WHERE account_id = $1)::int
                + (SELECT count(*) FROM identity.account_password_policies WHERE account_id = $1)::int AS n`,
          [acct],
        ),
      );
      expect(left[0]?.n).toBe(0);
    });
  });

  it('puts no password, hash or secret in any event', async () => {
    const rows = await tenantTx.runAsPlatform((tx) =>
      tx.query<{ envelope: { payload: unknown } }[]>(
        `SELECT envelope FROM identity.outbox
         WHERE topic IN ('iam.identity.login-profile', 'iam.identity.account-password-policy')`,
      ),
    );
    expect(rows.length).toBeGreaterThan(20);
    for (const row of rows) {
      expect(() => assertNoSecrets(row.envelope.payload)).not.toThrow();
      const text = JSON.stringify(row.envelope);
      for (const secret of [GOOD, OTHER, THIRD, '$argon2']) expect(text).not.toContain(secret);
    }
  });
});
