import { decodeJwt } from 'jose';
import type { EntityManager } from 'typeorm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AccountId, CallerContext } from '@iam/common';
import { TenantTransaction } from '@iam/persistence';
import { SignInHousekeeping } from '../../src/sign-in/housekeeping.js';
import type { PasswordVerifierPort } from '../../src/sign-in/ports.js';
import { SessionRevocationRepository } from '../../src/sign-in/session-revocation.repository.js';
import { DEFAULT_SIGN_IN_SETTINGS } from '../../src/sign-in/sign-in.module.js';
import { SESSION_ID_CONTEXT_KEY } from '../../src/sign-in/sign-in.service.js';
import type { SignInService } from '../../src/sign-in/sign-in.service.js';
import { UserRepository } from '../../src/users/user.repository.js';
import { UsersService } from '../../src/users/users.service.js';
import { useIdentityDatabase } from '../support/identity-suite.js';
import { ADMIN, rootOf, userOf } from '../support/principal-services.js';
import { testSignInService } from '../support/sign-in-service.js';

const PASSWORD = 'correct horse battery staple';

/**
 * The session revocation list behind the gateway: every way a session ends early puts it on the list in the same
 * transaction, the list stays inside its account except for the platform reader, and housekeeping forgets entries
 * whose tokens have all expired.
 */
describe('session revocation list', () => {
  const { env, s } = useIdentityDatabase();
  let tenantTx: TenantTransaction;
  let signIns: SignInService;
  let users: UsersService;
  const revocations = new SessionRevocationRepository();
  const known = new Map<string, { userId: string; userName: string; path: string }>();

  // Real time: the list is filtered by the database clock (tokens whose validity already ended are not listed).
  const now = () => new Date();

  const passwords: PasswordVerifierPort = {
    async verify(tx: EntityManager, accountId: AccountId, userName: string, password: string) {
      await tx.query(`SELECT 1`);
      const user = known.get(`${accountId}:${userName.toLowerCase()}`);
      return user && password === PASSWORD
        ? {
            ...user,
            passwordResetRequired: false,
            passwordExpired: false,
            hardExpired: false,
          }
        : null;
    },
  };

  async function newUser(accountId: string, userName: string) {
    const user = await s.users.createUser(rootOf(accountId), { userName });
    known.set(`${accountId}:${userName.toLowerCase()}`, {
      userId: user.userId,
      userName: user.userName,
      path: user.path,
    });
    return user;
  }

  async function signIn(accountId: string, userName: string) {
    const issued = await signIns.signIn(
      { account: accountId, userName, password: PASSWORD },
      '192.0.2.1',
    );
    return { ...issued, sid: decodeJwt(issued.sessionToken)['sid'] as string };
  }

  function sessionCaller(accountId: string, userName: string, sid: string): CallerContext {
    return { ...userOf(accountId, userName), context: { [SESSION_ID_CONTEXT_KEY]: sid } };
  }

  /** Every listed entry, as the gateway's reader sees it. */
  async function listed(since = new Date(0)) {
    const page = await tenantTx.runAsPlatform((tx) => revocations.platformListSince(tx, since));
    return page;
  }

  async function listedIds(): Promise<Set<string>> {
    return new Set((await listed()).revocations.map((r) => r.sessionId));
  }

  beforeAll(async () => {
    tenantTx = new TenantTransaction(env.dataSource);
    signIns = testSignInService(tenantTx, now, passwords);
    users = new UsersService(
      {
        ...s.deps,
        now,
        onUserDeleted: async (tx, accountId, user, caller, at) =>
          void (await signIns.revokeDeletedUserSessions(tx, accountId, user.userId, caller, at)),
      },
      new UserRepository(),
    );
  });

  it('lists a signed-out session with the time its tokens stop mattering, and not a live one', async () => {
    const accountId = await s.newAccount();
    await newUser(accountId, 'ann');
    const out = await signIn(accountId, 'ann');
    const live = await signIn(accountId, 'ann');
    const before = new Date();
    expect(await signIns.signOut(sessionCaller(accountId, 'ann', out.sid))).toBe(true);

    const page = await listed();
    const entry = page.revocations.find((r) => r.sessionId === out.sid);
    expect(entry).toMatchObject({ accountId, revokedAt: expect.any(String) });
    const validUntil = Date.parse(entry!.tokensValidUntil) - Date.parse(entry!.revokedAt);
    expect(validUntil).toBe(DEFAULT_SIGN_IN_SETTINGS.token.lifetimeSeconds * 1000);
    expect(page.revocations.some((r) => r.sessionId === live.sid)).toBe(false);
    // Incremental reads: from just before the sign-out the entry is there, from the page's asOf it is not.
    expect(
      (await listed(new Date(before.getTime() - 1))).revocations.map((r) => r.sessionId),
    ).toContain(out.sid);
    expect((await listed(new Date(page.asOf))).revocations.map((r) => r.sessionId)).not.toContain(
      out.sid,
    );
  });

  it('lists every session ended by revokeUserSessions, by refresh-token reuse and by account suspension', async () => {
    const accountId = await s.newAccount();
    await newUser(accountId, 'bo');
    await newUser(accountId, 'cy');
    const bo = [await signIn(accountId, 'bo'), await signIn(accountId, 'bo')];
    expect(await signIns.revokeUserSessions(rootOf(accountId), { userName: 'bo' })).toBe(2);

    const cy = await signIn(accountId, 'cy');
    await signIns.refreshSession(cy.refreshToken);
    // The rotated-away token comes back: presumed stolen, the session is revoked.
    await expect(signIns.refreshSession(cy.refreshToken)).rejects.toThrow();

    const other = await s.newAccount();
    await newUser(other, 'di');
    const di = await signIn(other, 'di');
    await tenantTx.run(other as AccountId, (tx) => signIns.revokeAccountSessions(tx, other, ADMIN));

    const ids = await listedIds();
    for (const sid of [bo[0]!.sid, bo[1]!.sid, cy.sid, di.sid]) expect(ids).toContain(sid);
    const reasons = await tenantTx.runAsPlatform((tx) =>
      tx.query<{ session_id: string; reason: string }[]>(
        `SELECT session_id, reason FROM identity.session_revocations WHERE session_id = ANY($1::uuid[])`,
        [[bo[0]!.sid, cy.sid, di.sid]],
      ),
    );
    expect(Object.fromEntries(reasons.map((r) => [r.session_id, r.reason]))).toEqual({
      [bo[0]!.sid]: 'administrator',
      [cy.sid]: 'refresh-reuse',
      [di.sid]: 'account-suspended',
    });
  });

  it('keeps a deleted user’s sessions on the list after the cascade removed them', async () => {
    const accountId = await s.newAccount();
    await newUser(accountId, 'eve');
    const eve = await signIn(accountId, 'eve');
    await users.deleteUser(rootOf(accountId), { userName: 'eve' });
    const sessions = await tenantTx.run(accountId as AccountId, (tx) =>
      tx.query(`SELECT 1 FROM identity.sessions WHERE session_id = $1`, [eve.sid]),
    );
    expect(sessions).toHaveLength(0);
    expect(await listedIds()).toContain(eve.sid);
    const revoked = (await s.events(accountId)).filter(
      (e) => e.event_type === 'session.revoked.v1',
    );
    expect(revoked.at(-1)!.envelope.payload).toMatchObject({
      sessionId: eve.sid,
      reason: 'user-deleted',
    });
  });

  it('keeps entries inside their account: another tenant sees none, the platform reader sees all', async () => {
    const a = await s.newAccount();
    const b = await s.newAccount();
    await newUser(a, 'fay');
    const fay = await signIn(a, 'fay');
    await signIns.signOut(sessionCaller(a, 'fay', fay.sid));
    const seenBy = (accountId: string) =>
      tenantTx.run(accountId as AccountId, (tx) =>
        tx.query<{ session_id: string }[]>(`SELECT session_id FROM identity.session_revocations`),
      );
    expect((await seenBy(b)).map((r) => r.session_id)).not.toContain(fay.sid);
    expect((await seenBy(a)).map((r) => r.session_id)).toEqual([fay.sid]);
    // Writing an entry for another account from a tenant transaction is refused by row-level security.
    await expect(
      tenantTx.run(b as AccountId, (tx) =>
        revocations.record(tx, [{ sessionId: fay.sid, accountId: a, userId: 'x' }], 'x', now(), 1),
      ),
    ).rejects.toThrow(/row-level security/);
  });

  it('housekeeping forgets expired entries and ended sessions, and keeps what still matters', async () => {
    const accountId = await s.newAccount();
    await newUser(accountId, 'gus');
    const gus = await signIn(accountId, 'gus');
    const live = await signIn(accountId, 'gus');
    await signIns.signOut(sessionCaller(accountId, 'gus', gus.sid));
    const housekeeping = new SignInHousekeeping({
      tenantTx,
      userThrottle: DEFAULT_SIGN_IN_SETTINGS.userThrottle,
      sourceThrottle: DEFAULT_SIGN_IN_SETTINGS.sourceThrottle,
    });
    const sessionIds = async () =>
      tenantTx.runAsPlatform(async (tx) =>
        (
          await tx.query<{ session_id: string }[]>(
            `SELECT session_id FROM identity.sessions WHERE session_id = ANY($1::uuid[])`,
            [[gus.sid, live.sid]],
          )
        ).map((r) => r.session_id),
      );
    // Now: nothing of these is old enough.
    await housekeeping.runOnce(new Date());
    expect(await listedIds()).toContain(gus.sid);
    expect((await sessionIds()).sort()).toEqual([gus.sid, live.sid].sort());
    // Two days on: the revoked session's tokens have long expired and it ended more than a day before;
    // the live one (12-hour session) has expired too.
    const report = await housekeeping.runOnce(new Date(Date.now() + 2 * 86_400_000));
    expect(report.revocations).toBeGreaterThanOrEqual(1);
    expect(report.sessions).toBeGreaterThanOrEqual(2);
    expect(await sessionIds()).toEqual([]);
    const left = await tenantTx.runAsPlatform((tx) =>
      tx.query(`SELECT 1 FROM identity.session_revocations WHERE session_id = $1`, [gus.sid]),
    );
    expect(left).toHaveLength(0);
  });
});
