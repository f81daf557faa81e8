import { createLocalJWKSet, decodeJwt, jwtVerify } from 'jose';
import type { EntityManager } from 'typeorm';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AccountId, CallerContext } from '@iam/common';
import { DomainError } from '@iam/common';
import { HIDDEN_USER_NAME } from '@iam/event-contracts';
import { Outbox } from '@iam/messaging';
import { TenantTransaction } from '@iam/persistence';
import { SecretBox, generateDataKey } from '@iam/service-kit';
import { Authorizer, TestAdministratorsPolicySource } from '@iam/authorization';
import type {
  MfaVerifierPort,
  PasswordVerifierPort,
  VerifiedPassword,
} from '../../src/sign-in/ports.js';
import { DEFAULT_SIGN_IN_SETTINGS } from '../../src/sign-in/sign-in.module.js';
import type { SignInSettings } from '../../src/sign-in/sign-in.service.js';
import { SESSION_ID_CONTEXT_KEY, SignInService } from '../../src/sign-in/sign-in.service.js';
import { SigningKeys } from '../../src/sign-in/signing-keys.js';
import { UserNameKeys } from '../../src/sign-in/throttle.js';
import { useIdentityDatabase } from '../support/identity-suite.js';
import { ADMIN, rootOf, userOf } from '../support/principal-services.js';

/** A password port fake: real transaction, an in-memory table of passwords and flags. */
class FakePasswords implements PasswordVerifierPort {
  readonly entries = new Map<string, { password: string; user: VerifiedPassword }>();
  calls = 0;

  set(accountId: string, password: string, user: VerifiedPassword): void {
    this.entries.set(`${accountId}:${user.userName.toLowerCase()}`, { password, user });
  }

  async verify(
    tx: EntityManager,
    accountId: AccountId,
    userName: string,
    password: string,
  ): Promise<VerifiedPassword | null> {
    this.calls++;
    // Uses the transaction like the real verifier does (the setting is the tenant's).
    await tx.query(`SELECT current_setting('app.account_id', true)`);
    const entry = this.entries.get(`${accountId}:${userName.toLowerCase()}`);
    return entry && entry.password === password ? entry.user : null;
  }
}

/** An MFA port fake: one valid code per user, refused once used (replay). */
class FakeMfa implements MfaVerifierPort {
  readonly codes = new Map<string, string>();
  readonly used = new Set<string>();

  hasEnabledDevice(_tx: EntityManager, _accountId: AccountId, userId: string): Promise<boolean> {
    return Promise.resolve(this.codes.has(userId));
  }

  verifyAndConsume(
    _tx: EntityManager,
    _accountId: AccountId,
    userId: string,
    code: string,
  ): Promise<string | null> {
    if (this.codes.get(userId) !== code || this.used.has(`${userId}:${code}`)) {
      return Promise.resolve(null);
    }
    this.used.add(`${userId}:${code}`);
    return Promise.resolve(`arn:aws:iam::mfa/${userId}`);
  }
}

const T0 = new Date('2026-11-28T12:00:00.000Z');
const PASSWORD = 'correct horse battery staple';

async function failure(promise: Promise<unknown>): Promise<DomainError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a failure');
}

describe(SignInService.name, () => {
  const { env, s } = useIdentityDatabase();
  let tenantTx: TenantTransaction;
  let clock: { now: Date };
  let passwords: FakePasswords;
  let mfa: FakeMfa;
  let signingKeys: SigningKeys;
  let secretBox: SecretBox;
  let notified: number;
  let accountId: string;
  let alias: string;

  function service(settings: Partial<SignInSettings> = {}): SignInService {
    return new SignInService({
      tenantTx,
      authorizer: new Authorizer(new TestAdministratorsPolicySource()),
      outbox: new Outbox('identity'),
      relay: { notify: () => void notified++ },
      partition: 'aws',
      now: () => clock.now,
      passwords,
      mfa,
      signingKeys,
      settings: { ...DEFAULT_SIGN_IN_SETTINGS, ...settings },
      userNameKeys: new UserNameKeys(secretBox),
    });
  }

  async function newUser(account: string, userName: string, flags: Partial<VerifiedPassword> = {}) {
    const user = await s.users.createUser(rootOf(account), { userName, path: '/staff/' });
    passwords.set(account, PASSWORD, {
      userId: user.userId,
      userName: user.userName,
      path: user.path,
      passwordResetRequired: false,
      passwordExpired: false,
      hardExpired: false,
      ...flags,
    });
    return user;
  }

  async function verifiedClaims(token: string) {
    const jwks = await signingKeys.publicJwks(clock.now);
    const { payload } = await jwtVerify(token, createLocalJWKSet({ keys: [...jwks.keys] }), {
      issuer: 'urn:iam:identity',
      audience: 'urn:iam:gateway',
      typ: 'iam-session+jwt',
      currentDate: clock.now,
    });
    return payload;
  }

  /** The caller the gateway builds from a session token. */
  function callerOf(token: string): CallerContext {
    const claims = decodeJwt(token);
    return {
      ...userOf(claims['account_id'] as string, claims['user_name'] as string),
      principalArn: claims.sub!,
      context: { [SESSION_ID_CONTEXT_KEY]: claims['sid'] as string },
    };
  }

  beforeAll(async () => {
    tenantTx = new TenantTransaction(env.dataSource);
    accountId = await s.newAccount();
    alias = `acme-${accountId}`;
    await s.accounts.createAccountAlias(ADMIN, { accountId, alias });
  });

  beforeEach(() => {
    clock = { now: new Date(T0) };
    passwords ??= new FakePasswords();
    mfa ??= new FakeMfa();
    secretBox ??= new SecretBox([generateDataKey()]);
    signingKeys ??= new SigningKeys(tenantTx, secretBox, {
      rotationSeconds: 86_400,
      maxTokenLifetimeSeconds: 900,
    });
    notified = 0;
  });

  describe('signIn', () => {
    it('opens a session by account id: JWT with the session claims, opaque refresh token, one event', async () => {
      const user = await newUser(accountId, 'alice');
      const result = await service().signIn(
        { account: accountId, userName: 'ALICE', password: PASSWORD },
        '203.0.113.7',
      );
      expect(result.expiresAt).toEqual(new Date(T0.getTime() + 900_000));
      expect(result.refreshExpiresAt).toEqual(new Date(T0.getTime() + 12 * 3_600_000));
      expect(result.refreshToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(result.passwordResetRequired).toBe(false);
      const claims = await verifiedClaims(result.sessionToken);
      expect(claims).toMatchObject({
        sub: `arn:aws:iam::${accountId}:user/staff/alice`,
        account_id: accountId,
        user_id: user.userId,
        user_name: 'alice',
        amr: ['pwd'],
        mfa: false,
        pwd_reset: false,
        auth_time: T0.getTime() / 1000,
      });
      expect(notified).toBe(1);
      const events = (await s.events(accountId)).filter((e) => e.topic === 'iam.identity.session');
      const signedIn = events.at(-1)!;
      expect(signedIn.event_type).toBe('session.signed-in.v1');
      expect(signedIn.aggregate_id).toBe(claims['sid']);
      expect(signedIn.envelope.payload).toMatchObject({
        principalArn: claims.sub,
        mfaUsed: false,
        sourceIp: '203.0.113.7',
      });
      const serialized = JSON.stringify(events);
      expect(serialized).not.toContain(result.refreshToken);
      expect(serialized).not.toContain(result.sessionToken);
      // The refresh token is stored only as its SHA-256 digest.
      const stored = await tenantTx.run(accountId as AccountId, (tx) =>
        tx.query<{ refresh_token_hash: Buffer }[]>(
          `SELECT refresh_token_hash FROM identity.sessions WHERE session_id = $1`,
          [claims['sid']],
        ),
      );
      expect(stored[0]!.refresh_token_hash).toHaveLength(32);
      expect(stored[0]!.refresh_token_hash.toString('base64url')).not.toBe(result.refreshToken);
    });

    it('finds the account by alias', async () => {
      await newUser(accountId, 'bob');
      const result = await service().signIn(
        { account: alias, userName: 'bob', password: PASSWORD },
        '203.0.113.8',
      );
      expect((await verifiedClaims(result.sessionToken)).user_name).toBe('bob');
    });

    it('answers a wrong password, an unknown user, an unknown account and a suspended account alike', async () => {
      await newUser(accountId, 'carol');
      const suspended = await s.newAccount();
      await newUser(suspended, 'carol');
      await s.accounts.suspendAccount(ADMIN, suspended);
      const calls = passwords.calls;
      const answers = await Promise.all(
        [
          { account: accountId, userName: 'carol', password: 'wrong' },
          { account: accountId, userName: 'nobody', password: PASSWORD },
          { account: '999999999999', userName: 'carol', password: PASSWORD },
          { account: 'no-such-alias', userName: 'carol', password: PASSWORD },
          { account: suspended, userName: 'carol', password: PASSWORD },
        ].map((input, i) => failure(service().signIn(input, `198.51.100.${i + 1}`))),
      );
      for (const error of answers) {
        expect({ code: error.code, message: error.message, details: error.details }).toEqual({
          code: 'InvalidCredentials',
          message: 'the account, user name, password or MFA code is incorrect',
          details: {},
        });
      }
      // SECURITY: the password check ran in every case (same time, whichever part was wrong).
      expect(passwords.calls - calls).toBe(5);
      const failed = (await s.events(accountId)).filter(
        (e) => e.event_type === 'session.sign-in-failed.v1',
      );
      expect(failed.map((e) => e.envelope.payload)).toEqual(
        expect.arrayContaining([
          {
            accountId,
            userNameAttempted: HIDDEN_USER_NAME,
            reason: 'bad-credentials',
            sourceIp: '198.51.100.2',
          },
        ]),
      );
      const suspendedFailures = (await s.events(suspended)).filter(
        (e) => e.event_type === 'session.sign-in-failed.v1',
      );
      expect(suspendedFailures[0]!.envelope.payload['reason']).toBe('account-inactive');
    });

    it('records HIDDEN_DUE_TO_SECURITY_REASONS, never what was typed, for a user name that names no user', async () => {
      await newUser(accountId, 'hana');
      // A password typed into the user-name field, then the right user (another case) with a wrong password.
      const typed = 'Tr0ub4dor&3 typed into the name field';
      const source = '198.51.100.77';
      for (const input of [
        { account: accountId, userName: typed, password: PASSWORD },
        { account: accountId, userName: 'HANA', password: 'wrong' },
      ]) {
        expect((await failure(service().signIn(input, source))).code).toBe('InvalidCredentials');
      }
      const events = await s.events(accountId);
      const failed = events
        .filter(
          (e) =>
            e.event_type === 'session.sign-in-failed.v1' &&
            e.envelope.payload['sourceIp'] === source,
        )
        .map((e) => e.envelope.payload);
      expect(failed).toEqual([
        {
          accountId,
          userNameAttempted: 'HIDDEN_DUE_TO_SECURITY_REASONS',
          reason: 'bad-credentials',
          sourceIp: source,
        },
        // An existing user is named as stored.
        { accountId, userNameAttempted: 'hana', reason: 'bad-credentials', sourceIp: source },
      ]);
      expect(JSON.stringify(events)).not.toContain(typed);
      // Nor is it stored as the key of its throttle counter, though the counter counts it.
      const counters = await tenantTx.run(accountId as AccountId, (tx) =>
        tx.query<{ user_name_key: string; failures: number }[]>(
          `SELECT user_name_key, failures FROM identity.sign_in_user_throttles`,
        ),
      );
      const keys = new UserNameKeys(secretBox);
      expect(counters).toEqual(
        expect.arrayContaining([{ user_name_key: keys.of(typed), failures: 1 }]),
      );
      for (const { user_name_key } of counters) {
        expect(user_name_key.toLowerCase()).not.toContain('tr0ub4dor');
        expect(user_name_key).not.toBe('hana');
      }
    });

    it('asks for the MFA code only after the password matched, and refuses wrong or replayed codes alike', async () => {
      const user = await newUser(accountId, 'dave');
      mfa.codes.set(user.userId, '123456');
      const sign = (password: string, mfaCode?: string) =>
        service().signIn(
          { account: accountId, userName: 'dave', password, ...(mfaCode ? { mfaCode } : {}) },
          '203.0.113.20',
        );
      expect((await failure(sign('wrong'))).code).toBe('InvalidCredentials');
      expect((await failure(sign('wrong', '123456'))).code).toBe('InvalidCredentials');
      expect((await failure(sign(PASSWORD))).code).toBe('MfaRequired');
      expect((await failure(sign(PASSWORD, '654321'))).code).toBe('InvalidCredentials');
      const ok = await sign(PASSWORD, '123456');
      expect(await verifiedClaims(ok.sessionToken)).toMatchObject({
        amr: ['pwd', 'mfa'],
        mfa: true,
      });
      const replay = await failure(sign(PASSWORD, '123456'));
      expect(replay.code).toBe('InvalidCredentials');
      const signedIn = (await s.events(accountId)).filter(
        (e) => e.event_type === 'session.signed-in.v1',
      );
      expect(signedIn.at(-1)!.envelope.payload).toMatchObject({
        mfaUsed: true,
        authMethods: ['pwd', 'mfa'],
      });
    });

    it('refuses a hard-expired password and restricts a session whose password must change', async () => {
      await newUser(accountId, 'erin', { passwordExpired: true, hardExpired: true });
      const expired = await failure(
        service().signIn(
          { account: accountId, userName: 'erin', password: PASSWORD },
          '203.0.113.30',
        ),
      );
      expect(expired.code).toBe('PasswordExpired');
      await newUser(accountId, 'frank', { passwordResetRequired: true });
      const restricted = await service().signIn(
        { account: accountId, userName: 'frank', password: PASSWORD },
        '203.0.113.30',
      );
      expect(restricted.passwordResetRequired).toBe(true);
      expect((await verifiedClaims(restricted.sessionToken))['pwd_reset']).toBe(true);
    });

    it('refuses oversized input before checking anything', async () => {
      const error = await failure(
        service().signIn(
          { account: accountId, userName: 'x', password: 'p'.repeat(10_000) },
          '203.0.113.31',
        ),
      );
      expect(error.code).toBe('InvalidInput');
    });
  });

  describe('guessing bounds', () => {
    it('backs off exponentially after 3 failures, locks at 10, and resets on success', async () => {
      await newUser(accountId, 'grace');
      const svc = service();
      const attempt = (password: string, ip = '203.0.113.40') =>
        svc.signIn({ account: accountId, userName: 'Grace', password }, ip);
      for (let i = 0; i < 3; i++)
        expect((await failure(attempt('bad'))).code).toBe('InvalidCredentials');
      expect((await failure(attempt('bad'))).code).toBe('InvalidCredentials'); // 4th: 1 s delay from now
      const throttled = await failure(attempt(PASSWORD));
      expect(throttled).toMatchObject({
        code: 'Throttling',
        category: 'RATE_LIMITED',
        details: { retryAfterSeconds: 1, locked: false },
      });
      // The refused attempt was not counted and the password was not checked.
      clock.now = new Date(clock.now.getTime() + 1_000);
      expect((await failure(attempt('bad'))).code).toBe('InvalidCredentials'); // 5th: 2 s
      expect((await failure(attempt('bad'))).details).toEqual({
        retryAfterSeconds: 2,
        locked: false,
      });
      for (let i = 6; i <= 10; i++) {
        clock.now = new Date(clock.now.getTime() + 61_000);
        expect((await failure(attempt('bad'))).code).toBe('InvalidCredentials');
      }
      const locked = await failure(attempt(PASSWORD));
      expect(locked.details).toEqual({ retryAfterSeconds: 900, locked: true });
      // Another address does not help: the counter is per account and user name.
      expect((await failure(attempt(PASSWORD, '192.0.2.99'))).code).toBe('Throttling');
      clock.now = new Date(clock.now.getTime() + 900_000);
      await attempt(PASSWORD);
      // The success reset the counter: three more failures are free again.
      for (let i = 0; i < 3; i++)
        expect((await failure(attempt('bad'))).code).toBe('InvalidCredentials');
      const rows = await tenantTx.run(accountId as AccountId, (tx) =>
        tx.query<{ failures: number }[]>(
          `SELECT failures FROM identity.sign_in_user_throttles WHERE user_name_key = $1`,
          [new UserNameKeys(secretBox).of('GRACE')],
        ),
      );
      expect(rows).toEqual([{ failures: 3 }]);
    });

    it('throttles a source address spraying many user names', async () => {
      const svc = service({
        sourceThrottle: {
          ...DEFAULT_SIGN_IN_SETTINGS.sourceThrottle,
          freeFailures: 2,
          lockAfterFailures: 5,
        },
      });
      const ip = '203.0.113.50';
      for (const name of ['u1', 'u2', 'u3']) {
        expect(
          (await failure(svc.signIn({ account: accountId, userName: name, password: 'x' }, ip)))
            .code,
        ).toBe('InvalidCredentials');
      }
      const refused = await failure(
        svc.signIn({ account: accountId, userName: 'u4', password: 'x' }, ip),
      );
      expect(refused).toMatchObject({ code: 'Throttling', details: { retryAfterSeconds: 1 } });
      // Unknown accounts count against the address too.
      clock.now = new Date(clock.now.getTime() + 1_000);
      await failure(svc.signIn({ account: 'nope-nope', userName: 'u5', password: 'x' }, ip));
      expect(
        (await failure(svc.signIn({ account: accountId, userName: 'u6', password: 'x' }, ip))).code,
      ).toBe('Throttling');
    });

    it('counts concurrent failures exactly (race-safe)', async () => {
      const svc = service({
        userThrottle: {
          ...DEFAULT_SIGN_IN_SETTINGS.userThrottle,
          freeFailures: 50,
          lockAfterFailures: 100,
        },
      });
      await Promise.all(
        Array.from({ length: 8 }, (_, i) =>
          failure(
            svc.signIn(
              { account: accountId, userName: 'racer', password: 'x' },
              `192.0.2.${i + 1}`,
            ),
          ),
        ),
      );
      const rows = await tenantTx.run(accountId as AccountId, (tx) =>
        tx.query<{ failures: number }[]>(
          `SELECT failures FROM identity.sign_in_user_throttles WHERE user_name_key = $1`,
          [new UserNameKeys(secretBox).of('racer')],
        ),
      );
      expect(rows).toEqual([{ failures: 8 }]);
    });
  });

  describe('refreshSession', () => {
    it('rotates the refresh token, keeps auth_time and amr, and revokes the session when an old token returns', async () => {
      const user = await newUser(accountId, 'heidi');
      mfa.codes.set(user.userId, '111111');
      const first = await service().signIn(
        { account: accountId, userName: 'heidi', password: PASSWORD, mfaCode: '111111' },
        '203.0.113.60',
      );
      clock.now = new Date(T0.getTime() + 600_000);
      const second = await service().refreshSession(first.refreshToken);
      expect(second.refreshToken).not.toBe(first.refreshToken);
      expect(second.refreshExpiresAt).toEqual(first.refreshExpiresAt);
      const claims = await verifiedClaims(second.sessionToken);
      expect(claims).toMatchObject({
        auth_time: T0.getTime() / 1000,
        iat: clock.now.getTime() / 1000,
        amr: ['pwd', 'mfa'],
        mfa: true,
        sid: decodeJwt(first.sessionToken)['sid'],
      });
      const third = await service().refreshSession(second.refreshToken);
      // Reuse of a rotated token: refused, and the whole session ends (the newest token too).
      expect((await failure(service().refreshSession(first.refreshToken))).code).toBe(
        'InvalidRefreshToken',
      );
      expect((await failure(service().refreshSession(third.refreshToken))).code).toBe(
        'InvalidRefreshToken',
      );
      const revoked = (await s.events(accountId)).filter(
        (e) => e.event_type === 'session.revoked.v1',
      );
      expect(revoked.at(-1)!.envelope.payload).toMatchObject({
        sessionId: claims['sid'],
        reason: 'refresh-reuse',
      });
    });

    it('refuses unknown, malformed and expired refresh tokens', async () => {
      await newUser(accountId, 'ivan');
      const session = await service().signIn(
        { account: accountId, userName: 'ivan', password: PASSWORD },
        '203.0.113.61',
      );
      for (const token of ['', 'short', 'A'.repeat(43)]) {
        expect((await failure(service().refreshSession(token))).code).toBe('InvalidRefreshToken');
      }
      clock.now = new Date(session.refreshExpiresAt.getTime() + 1);
      expect((await failure(service().refreshSession(session.refreshToken))).code).toBe(
        'InvalidRefreshToken',
      );
    });
  });

  describe('signOut and revocation', () => {
    it('ends only the caller’s own session', async () => {
      await newUser(accountId, 'judy');
      const a = await service().signIn(
        { account: accountId, userName: 'judy', password: PASSWORD },
        '1.1.1.1',
      );
      const b = await service().signIn(
        { account: accountId, userName: 'judy', password: PASSWORD },
        '1.1.1.1',
      );
      await newUser(accountId, 'mallory');
      const m = await service().signIn(
        { account: accountId, userName: 'mallory', password: PASSWORD },
        '1.1.1.1',
      );
      // Mallory presenting judy's session id cannot end it.
      const forged = { ...callerOf(m.sessionToken), context: callerOf(a.sessionToken).context };
      expect(await service().signOut(forged)).toBe(false);
      expect(await service().signOut(callerOf(a.sessionToken))).toBe(true);
      expect(await service().signOut(callerOf(a.sessionToken))).toBe(false);
      expect((await failure(service().refreshSession(a.refreshToken))).code).toBe(
        'InvalidRefreshToken',
      );
      await service().refreshSession(b.refreshToken);
      expect((await failure(service().signOut(rootOf(accountId)))).code).toBe('InvalidInput');
      const out = (await s.events(accountId)).filter(
        (e) => e.event_type === 'session.signed-out.v1',
      );
      expect(out.at(-1)!.envelope.payload['sessionId']).toBe(decodeJwt(a.sessionToken)['sid']);
    });

    it('revokeUserSessions needs iam:RevokeUserSessions and ends every live session of the user', async () => {
      await newUser(accountId, 'kim');
      const sessions = [
        await service().signIn(
          { account: accountId, userName: 'kim', password: PASSWORD },
          '1.1.1.2',
        ),
        await service().signIn(
          { account: accountId, userName: 'kim', password: PASSWORD },
          '1.1.1.2',
        ),
      ];
      const denied = await failure(
        service().revokeUserSessions(userOf(accountId, 'someone'), { userName: 'kim' }),
      );
      expect(denied).toMatchObject({
        code: 'AccessDenied',
        details: {
          action: 'iam:RevokeUserSessions',
          resource: `arn:aws:iam::${accountId}:user/kim`,
        },
      });
      expect(
        (await failure(service().revokeUserSessions(rootOf(accountId), { userName: 'ghost' })))
          .code,
      ).toBe('NoSuchEntity');
      expect(await service().revokeUserSessions(rootOf(accountId), { userName: 'KIM' })).toBe(2);
      expect(await service().revokeUserSessions(ADMIN, { accountId, userName: 'kim' })).toBe(0);
      for (const session of sessions) {
        expect((await failure(service().refreshSession(session.refreshToken))).code).toBe(
          'InvalidRefreshToken',
        );
      }
    });

    it('revokes every session of a suspended account through the hook, and refresh refuses it anyway', async () => {
      const other = await s.newAccount();
      await newUser(other, 'liam');
      const session = await service().signIn(
        { account: other, userName: 'liam', password: PASSWORD },
        '1.1.1.3',
      );
      await s.accounts.suspendAccount(ADMIN, other);
      expect((await failure(service().refreshSession(session.refreshToken))).code).toBe(
        'InvalidRefreshToken',
      );
      const count = await tenantTx.runAsPlatform((tx) =>
        service().revokeAccountSessions(tx, other, ADMIN),
      );
      expect(count).toBe(1);
      const revoked = (await s.events(other)).filter((e) => e.event_type === 'session.revoked.v1');
      expect(revoked[0]!.envelope.payload['reason']).toBe('account-suspended');
    });
  });

  describe('signing keys', () => {
    it('rotates after the rotation period and keeps retired public keys published until their tokens expire', async () => {
      const keys = new SigningKeys(tenantTx, secretBox, {
        rotationSeconds: 3_600,
        maxTokenLifetimeSeconds: 900,
      });
      const start = new Date('2027-03-01T00:00:00.000Z');
      const k1 = await keys.current(start);
      expect((await keys.current(new Date(start.getTime() + 3_599_000))).kid).toBe(k1.kid);
      // Another instance sharing the database agrees on the key.
      const twin = new SigningKeys(tenantTx, secretBox, {
        rotationSeconds: 3_600,
        maxTokenLifetimeSeconds: 900,
      });
      expect((await twin.current(new Date(start.getTime() + 60_000))).kid).toBe(k1.kid);
      const rotated = new Date(start.getTime() + 3_600_000);
      const k2 = await keys.current(rotated);
      expect(k2.kid).not.toBe(k1.kid);
      const kidsAt = async (at: Date) => (await keys.publicJwks(at)).keys.map((k) => k.kid);
      expect(await kidsAt(rotated)).toEqual(expect.arrayContaining([k1.kid, k2.kid]));
      // k1 signed until +1 h; its tokens live 15 min more (+5 min skew): then it is no longer published.
      expect(await kidsAt(new Date(start.getTime() + 3_600_000 + 1_199_000))).toContain(k1.kid);
      expect(await kidsAt(new Date(start.getTime() + 3_600_000 + 1_200_000))).not.toContain(k1.kid);
      const published = (await keys.publicJwks(rotated)).keys.find((k) => k.kid === k2.kid)!;
      expect(published).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256', use: 'sig' });
      expect(published).not.toHaveProperty('d');
      // The private key at rest is sealed, not a JWK.
      const stored = await tenantTx.runAsPlatform((tx) =>
        tx.query<{ private_key_sealed: string }[]>(
          `SELECT private_key_sealed FROM identity.session_signing_keys WHERE kid = $1`,
          [k2.kid],
        ),
      );
      expect(stored[0]!.private_key_sealed).toMatch(/^v1\./);
      expect(stored[0]!.private_key_sealed).not.toContain('"d"');
      // A different key ring cannot open it.
      const stranger = new SigningKeys(tenantTx, new SecretBox([generateDataKey()]), {
        rotationSeconds: 3_600,
        maxTokenLifetimeSeconds: 900,
      });
      await expect(stranger.current(new Date(rotated.getTime() + 1_000))).rejects.toThrow();
    });
  });

  describe('tenant isolation', () => {
    it('keeps sessions and counters inside their account, and signing keys and source counters platform-only', async () => {
      const other = await s.newAccount();
      await newUser(other, 'olga');
      await service().signIn({ account: other, userName: 'olga', password: PASSWORD }, '10.0.0.1');
      await failure(
        service().signIn({ account: other, userName: 'olga', password: 'x' }, '10.0.0.1'),
      );
      const count = (accId: string, table: string) =>
        tenantTx.run(accId as AccountId, (tx) =>
          tx.query<{ n: string; foreign: string }[]>(
            `SELECT count(*) AS n, count(*) FILTER (WHERE account_id <> $1) AS foreign FROM identity.${table}`,
            [accId],
          ),
        );
      for (const table of ['sessions', 'retired_refresh_tokens', 'sign_in_user_throttles']) {
        const [mine] = await count(accountId, table);
        expect(mine!.foreign).toBe('0');
        const [theirs] = await count(other, table);
        expect(theirs!.foreign).toBe('0');
      }
      expect(Number((await count(other, 'sessions'))[0]!.n)).toBe(1);
      // Writing a row for another account from a tenant transaction is refused by the policy.
      await expect(
        tenantTx.run(accountId as AccountId, (tx) =>
          tx.query(
            `INSERT INTO identity.sign_in_user_throttles
               (account_id, user_name_key, failures, next_allowed_at, locked) VALUES ($1, 'x', 0, now(), false)`,
            [other],
          ),
        ),
      ).rejects.toThrow(/row-level security/);
      // Global tables are invisible to tenant transactions.
      for (const table of ['session_signing_keys', 'sign_in_source_throttles']) {
        const rows = await tenantTx.run(accountId as AccountId, (tx) =>
          tx.query<{ n: string }[]>(`SELECT count(*) AS n FROM identity.${table}`),
        );
        expect(rows[0]!.n).toBe('0');
        const platform = await tenantTx.runAsPlatform((tx) =>
          tx.query<{ n: string }[]>(`SELECT count(*) AS n FROM identity.${table}`),
        );
        expect(Number(platform[0]!.n)).toBeGreaterThan(0);
      }
    });
  });
});
