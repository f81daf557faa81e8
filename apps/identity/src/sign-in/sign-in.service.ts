import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { AccountId, CallerContext } from '@iam/common';
import { InvalidInputError, NoSuchEntityError, SESSION_ID_CONTEXT_KEY } from '@iam/common';
import type {
  AuthenticationMethod,
  EventActor,
  PasswordChangeFailureReason,
  SessionRevocationReason,
  SignInFailureReason,
} from '@iam/event-contracts';
import { HIDDEN_USER_NAME, sessionEvent } from '@iam/event-contracts';
import { targetAccount } from '@iam/authorization';
import type { IdentityServiceDeps } from '../principals/index.js';
import { actorOf, authorizeExistingPrincipal, principalArn } from '../principals/index.js';
import type { MfaVerifierPort, PasswordVerifierPort } from './ports.js';
import type { SessionRecord, SignInAccount } from './session.repository.js';
import { SessionRepository } from './session.repository.js';
import { SessionRevocationRepository } from './session-revocation.repository.js';
import type { SessionTokenSettings } from './session-token.js';
import { issueSessionToken } from './session-token.js';
import type { SigningKeys } from './signing-keys.js';
import {
  InvalidCredentialsError,
  InvalidRefreshTokenError,
  MfaRequiredError,
  PasswordHardExpiredError,
  SignInThrottledError,
} from './sign-in.errors.js';
import type { ThrottlePolicy, ThrottleRefusal, UserNameKeys } from './throttle.js';
import { SourceThrottleRepository } from './source-throttle.repository.js';
import { checkThrottlePolicy, refusalAt } from './throttle.js';
import { UserThrottleRepository } from './user-throttle.repository.js';

/**
 * The request-context key in which the gateway passes the session id of a session-token caller (`sid`). Kept in
 * step with `apps/gateway/src/auth/session-token.strategy.ts`.
 */
export { SESSION_ID_CONTEXT_KEY } from '@iam/common';

/** Our own IAM action (AWS has none): revoke every session of a user. Resource: the user's ARN. */
export const REVOKE_USER_SESSIONS_ACTION = 'iam:RevokeUserSessions';

/** Lifetimes and guessing bounds of sign-in. */
export interface SignInSettings {
  readonly token: SessionTokenSettings;
  /** How long a session (and so its refresh token) lasts from sign-in (default 12 h). */
  readonly refreshLifetimeSeconds: number;
  readonly userThrottle: ThrottlePolicy;
  readonly sourceThrottle: ThrottlePolicy;
}

/** What the sign-in use cases need. */
export interface SignInServiceDeps extends IdentityServiceDeps {
  readonly passwords: PasswordVerifierPort;
  readonly mfa: MfaVerifierPort;
  readonly signingKeys: SigningKeys;
  readonly settings: SignInSettings;
  /** Keys the per-user throttle counters without storing what was typed. */
  readonly userNameKeys: UserNameKeys;
}

/**
 * What ChangePassword's guarded check of the old password found: it matched, it did not (the failure was counted
 * and audited), or the user's throttle refused the attempt before the old password was checked.
 */
export type OldPasswordCheck =
  | { readonly kind: 'matched' }
  | { readonly kind: 'incorrect' }
  | { readonly kind: 'throttled'; readonly refusal: ThrottleRefusal };

/** The user whose password is checked or changed. */
export interface PasswordOwner {
  readonly accountId: string;
  readonly userId: string;
  readonly userName: string;
}

/** Why an administrator or the user changed a password and its sessions end. */
export type PasswordSessionRevocationReason = Extract<
  SessionRevocationReason,
  'password-reset' | 'login-profile-deleted' | 'password-changed'
>;

/** What `signIn` and `refreshSession` hand back. Tokens are returned once and never stored in clear. */
export interface IssuedSession {
  readonly sessionToken: string;
  readonly expiresAt: Date;
  readonly refreshToken: string;
  readonly refreshExpiresAt: Date;
  /** The session may only change its password (claim `pwd_reset`). */
  readonly passwordResetRequired: boolean;
}

/** A sign-in request. `account` is the 12-digit account id or the account alias. */
export interface SignInRequest {
  readonly account: string;
  readonly userName: string;
  readonly password: string;
  readonly mfaCode?: string | null;
}

// SECURITY: an unknown account is checked against this placeholder (not a 12-digit id, so it matches no row) so
// that it spends the same password-verification time as a known one.
const UNKNOWN_ACCOUNT = 'no-such-account' as AccountId;
const REFRESH_TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;
const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MAX_INPUT_LENGTH = 512;

type Attempt =
  | { readonly kind: 'signed-in'; readonly session: SessionRecord; readonly refreshToken: string }
  | { readonly kind: 'failed'; readonly counted: boolean }
  | { readonly kind: 'throttled'; readonly refusal: ThrottleRefusal }
  | { readonly kind: 'mfa-required' }
  | { readonly kind: 'password-expired' };

type Refresh =
  | { readonly kind: 'refreshed'; readonly session: SessionRecord; readonly refreshToken: string }
  | { readonly kind: 'refused' };

function digest(refreshToken: string): Buffer {
  return createHash('sha256').update(refreshToken, 'utf8').digest();
}

/**
 * Sign-in, sessions and their revocation. A failed attempt commits its counters and its event and only then
 * answers with an error, so that failures are counted even though the request fails.
 */
export class SignInService {
  private readonly sessions = new SessionRepository();
  private readonly revocations = new SessionRevocationRepository();
  private readonly userThrottles = new UserThrottleRepository();
  private readonly sourceThrottles = new SourceThrottleRepository();

  constructor(private readonly deps: SignInServiceDeps) {
    checkThrottlePolicy(deps.settings.userThrottle);
    checkThrottlePolicy(deps.settings.sourceThrottle);
  }

  /**
   * Anonymous: checks the account, user name, password and (when the user has an enabled device) MFA code, and
   * opens a session. Every credential failure answers `InvalidCredentials`; `MfaRequired` only after the password
   * matched; `Throttling` when the guessing bounds refuse the attempt before anything is checked.
   */
  async signIn(input: SignInRequest, sourceIp: string): Promise<IssuedSession> {
    for (const [name, value] of [
      ['account', input.account],
      ['userName', input.userName],
      ['password', input.password],
      ['mfaCode', input.mfaCode ?? ''],
    ] as const) {
      // Bounded before anything else: argon2 and the database should not see megabytes of input.
      if (value.length > MAX_INPUT_LENGTH) throw new InvalidInputError(`\`${name}\` is too long`);
    }
    const now = this.deps.now();
    // One transaction: the account and the source's counter are looked up as platform work (one statement), then
    // the transaction is scoped to the account before anything reads a tenant table.
    const { account, attempt } = await this.deps.tenantTx.runPlatformThenScoped(
      (tx) => this.sessions.platformFindSignInTarget(tx, input.account.trim(), sourceIp),
      ({ account, source }) => {
        const sourceRefusal = refusalAt(source, now);
        if (sourceRefusal !== null) {
          throw new SignInThrottledError(sourceRefusal.retryAfterSeconds, sourceRefusal.locked);
        }
        return (account?.accountId ?? UNKNOWN_ACCOUNT) as AccountId;
      },
      async (tx, { account }) => ({
        account,
        attempt: await this.attempt(tx, account, input, sourceIp, now),
      }),
    );
    if (account !== null) this.deps.relay.notify();
    switch (attempt.kind) {
      case 'signed-in':
        return this.issue(attempt.session, attempt.refreshToken, now);
      case 'failed':
        if (attempt.counted) {
          await this.deps.tenantTx.runAsPlatform((tx) =>
            this.sourceThrottles.recordFailure(
              tx,
              sourceIp,
              now,
              this.deps.settings.sourceThrottle,
            ),
          );
        }
        throw new InvalidCredentialsError();
      case 'throttled':
        throw new SignInThrottledError(attempt.refusal.retryAfterSeconds, attempt.refusal.locked);
      case 'mfa-required':
        throw new MfaRequiredError();
      case 'password-expired':
        throw new PasswordHardExpiredError();
    }
  }

  private async attempt(
    tx: EntityManager,
    account: SignInAccount | null,
    input: SignInRequest,
    sourceIp: string,
    now: Date,
  ): Promise<Attempt> {
    const accountId = (account?.accountId ?? UNKNOWN_ACCOUNT) as AccountId;
    const throttleKey = this.deps.userNameKeys.of(input.userName);
    // `userName`: the stored name of the user the attempt named, `null` when it is not known to name one (looked up).
    const failed = async (
      reason: SignInFailureReason,
      counted: boolean,
      userName: string | null,
    ): Promise<Attempt> => {
      if (account !== null) {
        if (counted) {
          await this.userThrottles.recordFailure(
            tx,
            accountId,
            throttleKey,
            now,
            this.deps.settings.userThrottle,
          );
        }
        await this.deps.outbox.append(
          tx,
          sessionEvent(
            'session.sign-in-failed.v1',
            { id: randomUUID(), occurredAt: now.toISOString(), actor: null },
            {
              accountId,
              // SECURITY: what was typed for a user that does not exist is never stored (it may be a password
              // typed into the wrong field); CloudTrail records the same placeholder.
              userNameAttempted:
                userName ??
                (await this.sessions.findUser(tx, accountId, input.userName))?.userName ??
                HIDDEN_USER_NAME,
              reason,
              sourceIp,
            },
          ),
        );
      }
      return { kind: 'failed', counted };
    };

    if (account !== null) {
      // Serialises attempts on this user name: a parallel burst cannot slip through one back-off window.
      const refusal = refusalAt(
        await this.userThrottles.lock(tx, accountId, throttleKey, now),
        now,
      );
      if (refusal !== null) {
        await failed('throttled', false, null);
        return { kind: 'throttled', refusal };
      }
    }
    // SECURITY: the password is verified even for an unknown or suspended account, so that the answer takes the
    // same time whichever part is wrong.
    const verified = await this.deps.passwords.verify(
      tx,
      accountId,
      input.userName,
      input.password,
    );
    if (verified === null) return failed('bad-credentials', true, null);
    if (account === null || account.status !== 'active')
      return failed('account-inactive', true, verified.userName);

    const methods: AuthenticationMethod[] = ['pwd'];
    if (await this.deps.mfa.hasEnabledDevice(tx, accountId, verified.userId)) {
      const code = input.mfaCode?.trim() ?? '';
      // Said only now that the password matched, so it does not tell a guesser anything.
      if (code === '') return { kind: 'mfa-required' };
      const serial = await this.deps.mfa.verifyAndConsume(
        tx,
        accountId,
        verified.userId,
        code,
        now,
      );
      if (serial === null) return failed('mfa-failed', true, verified.userName);
      methods.push('mfa');
    }
    if (verified.hardExpired) {
      await failed('password-expired', false, verified.userName);
      return { kind: 'password-expired' };
    }

    const refreshToken = randomBytes(32).toString('base64url');
    const session: SessionRecord = {
      sessionId: randomUUID(),
      accountId,
      userId: verified.userId,
      userName: verified.userName,
      principalArn: principalArn(
        this.deps.partition,
        accountId,
        'user',
        verified.path,
        verified.userName,
      ),
      authMethods: methods,
      authTime: now,
      restricted: verified.passwordResetRequired || verified.passwordExpired,
      sourceIp,
      refreshTokenDigest: digest(refreshToken),
      createdAt: now,
      expiresAt: new Date(now.getTime() + this.deps.settings.refreshLifetimeSeconds * 1000),
      refreshedAt: null,
      revokedAt: null,
      revokedReason: null,
    };
    // The success resets the user's throttle counter (in the same statement as the insert).
    await this.sessions.insert(tx, session, throttleKey);
    await this.deps.outbox.append(
      tx,
      sessionEvent(
        'session.signed-in.v1',
        {
          id: randomUUID(),
          occurredAt: now.toISOString(),
          actor: { type: 'user', arn: session.principalArn },
        },
        {
          accountId,
          sessionId: session.sessionId,
          userId: session.userId,
          userName: session.userName,
          principalArn: session.principalArn,
          mfaUsed: methods.includes('mfa'),
          authMethods: methods,
          restricted: session.restricted,
          sourceIp,
          expiresAt: session.expiresAt.toISOString(),
        },
      ),
    );
    return { kind: 'signed-in', session, refreshToken };
  }

  /**
   * Anonymous: exchanges a refresh token for a new session token and a new refresh token (the old one stops
   * working). The new token keeps the session's original `auth_time` and `amr`. SECURITY: a refresh token that was
   * already rotated away is presumed stolen: the whole session is revoked (RFC 9700 section 4.14.2).
   */
  async refreshSession(refreshToken: string): Promise<IssuedSession> {
    if (!REFRESH_TOKEN_PATTERN.test(refreshToken)) throw new InvalidRefreshTokenError();
    const now = this.deps.now();
    const presented = digest(refreshToken);
    const owner = await this.deps.tenantTx.runAsPlatform((tx) =>
      this.sessions.platformFindRefreshTokenOwner(tx, presented),
    );
    if (owner === null) throw new InvalidRefreshTokenError();
    const result = await this.deps.tenantTx.run(
      owner.accountId as AccountId,
      async (tx): Promise<Refresh> => {
        const session = await this.sessions.findForUpdate(tx, owner.accountId, owner.sessionId);
        if (session === null) return { kind: 'refused' };
        if (!session.refreshTokenDigest.equals(presented)) {
          await this.revokeWithEvent(tx, session, 'refresh-reuse', null, now);
          return { kind: 'refused' };
        }
        if (session.revokedAt !== null || session.expiresAt.getTime() <= now.getTime()) {
          return { kind: 'refused' };
        }
        if ((await this.sessions.accountStatus(tx, owner.accountId)) !== 'active') {
          return { kind: 'refused' };
        }
        const next = randomBytes(32).toString('base64url');
        await this.sessions.rotateRefreshToken(tx, session, digest(next), now);
        return {
          kind: 'refreshed',
          session: { ...session, refreshTokenDigest: digest(next), refreshedAt: now },
          refreshToken: next,
        };
      },
    );
    if (result.kind === 'refused') {
      this.deps.relay.notify();
      throw new InvalidRefreshTokenError();
    }
    return this.issue(result.session, result.refreshToken, now);
  }

  /** Authenticated user: ends the session the caller's token belongs to. `false` when it had already ended. */
  async signOut(caller: CallerContext): Promise<boolean> {
    const sessionId = caller.context[SESSION_ID_CONTEXT_KEY];
    if (
      caller.principalType !== 'user' ||
      caller.accountId === null ||
      typeof sessionId !== 'string'
    ) {
      throw new InvalidInputError('only a caller signed in with a session token can sign out');
    }
    const accountId = caller.accountId;
    const now = this.deps.now();
    const ended = await this.deps.tenantTx.run(accountId, async (tx) => {
      const session = await this.sessions.findForUpdate(tx, accountId, sessionId);
      // SECURITY: only the session's own principal can end it through signOut.
      if (session === null || session.principalArn !== caller.principalArn) return false;
      const revoked = await this.sessions.revoke(tx, accountId, sessionId, 'signed-out', now);
      if (revoked === null) return false;
      await this.recordRevoked(tx, [revoked], 'signed-out', now);
      await this.deps.outbox.append(
        tx,
        sessionEvent(
          'session.signed-out.v1',
          { id: randomUUID(), occurredAt: now.toISOString(), actor: actorOf(caller) },
          {
            accountId,
            sessionId,
            userId: revoked.userId,
            principalArn: revoked.principalArn,
          },
        ),
      );
      return true;
    });
    if (ended) this.deps.relay.notify();
    return ended;
  }

  /**
   * Revokes every live session of a user (`iam:RevokeUserSessions` on the user's ARN, decided after the lookup).
   * Their session tokens go on the revocation list, which the gateway reads.
   */
  async revokeUserSessions(
    caller: CallerContext,
    input: { accountId?: string | null; userName: string },
  ): Promise<number> {
    const accountId = targetAccount(caller, input.accountId);
    const now = this.deps.now();
    const count = await this.deps.tenantTx.run(accountId, async (tx) => {
      // Decided on the user's real ARN (path included) once it is found, as AWS does.
      const user = await this.sessions.findUser(tx, accountId, input.userName);
      await authorizeExistingPrincipal(
        this.deps,
        'user',
        { caller, action: REVOKE_USER_SESSIONS_ACTION },
        accountId,
        user === null ? null : { path: user.path, name: user.userName },
        input.userName,
      );
      if (user === null) throw new NoSuchEntityError('user', input.userName);
      return this.revokeAll(tx, accountId, user.userId, 'administrator', actorOf(caller), now);
    });
    if (count > 0) this.deps.relay.notify();
    return count;
  }

  /**
   * Hook for account suspension: revokes every live session of the account inside the caller's (tenant or
   * platform) transaction, so that it commits with the suspension. Refresh and sign-in also refuse a suspended
   * account on their own; this makes the revocation visible (events) and final.
   */
  async revokeAccountSessions(
    tx: EntityManager,
    accountId: string,
    actor: CallerContext | null,
    now: Date = this.deps.now(),
  ): Promise<number> {
    return this.revokeAll(
      tx,
      accountId,
      null,
      'account-suspended',
      actor ? actorOf(actor) : null,
      now,
    );
  }

  /**
   * Hook for user deletion: revokes every live session of the user inside the deletion's transaction (the rows
   * then cascade away with the user, but their revocation-list entries stay until the tokens expire).
   */
  async revokeDeletedUserSessions(
    tx: EntityManager,
    accountId: string,
    userId: string,
    actor: CallerContext,
    now: Date = this.deps.now(),
  ): Promise<number> {
    return this.revokeAll(tx, accountId, userId, 'user-deleted', actorOf(actor), now);
  }

  /**
   * ChangePassword's check of the old password, inside its transaction, under sign-in's guessing bounds: the same
   * per-user counter as sign-in (keyed by account and user name), so that a session cannot guess the password
   * past the sign-in lock-out. The counter is locked first (guesses on one user run one at a time); a refused
   * attempt is not checked; a wrong old password is counted; each failure appends
   * `session.password-change-failed.v1` (no secret). A match resets the counter, as a sign-in does. The caller
   * must commit its transaction before answering a failure, so that the failure stays counted.
   */
  async checkOldPassword(
    tx: EntityManager,
    caller: CallerContext,
    owner: PasswordOwner,
    now: Date,
    matches: () => Promise<boolean>,
  ): Promise<OldPasswordCheck> {
    const failed = async (reason: PasswordChangeFailureReason): Promise<void> => {
      const sessionId = caller.context[SESSION_ID_CONTEXT_KEY];
      const sourceIp = caller.context['aws:SourceIp'];
      await this.deps.outbox.append(
        tx,
        sessionEvent(
          'session.password-change-failed.v1',
          { id: randomUUID(), occurredAt: now.toISOString(), actor: actorOf(caller) },
          {
            accountId: owner.accountId,
            sessionId: typeof sessionId === 'string' ? sessionId : null,
            userId: owner.userId,
            userName: owner.userName,
            principalArn: caller.principalArn,
            reason,
            sourceIp: typeof sourceIp === 'string' ? sourceIp : null,
          },
        ),
      );
    };
    const policy = this.deps.settings.userThrottle;
    const throttleKey = this.deps.userNameKeys.of(owner.userName);
    const refusal = refusalAt(
      await this.userThrottles.lock(tx, owner.accountId, throttleKey, now),
      now,
    );
    if (refusal !== null) {
      await failed('throttled');
      return { kind: 'throttled', refusal };
    }
    if (!(await matches())) {
      await this.userThrottles.recordFailure(tx, owner.accountId, throttleKey, now, policy);
      await failed('incorrect-old-password');
      return { kind: 'incorrect' };
    }
    await this.userThrottles.reset(tx, owner.accountId, throttleKey);
    return { kind: 'matched' };
  }

  /**
   * Hook for password changes: ends the user's sessions in the change's transaction (revocation list and
   * `session.revoked.v1`), except `keepSessionId` (the session a user changed its own password from).
   */
  async revokeForPasswordChange(
    tx: EntityManager,
    owner: PasswordOwner,
    reason: PasswordSessionRevocationReason,
    actor: CallerContext,
    now: Date,
    keepSessionId: string | null = null,
  ): Promise<number> {
    return this.revokeAll(
      tx,
      owner.accountId,
      owner.userId,
      reason,
      actorOf(actor),
      now,
      keepSessionId,
    );
  }

  /**
   * Revokes every live session of a user (or of the account when `userId` is null), but `keepSessionId`: each goes
   * on the revocation list and gets its `session.revoked.v1`. Answers how many were live.
   */
  private async revokeAll(
    tx: EntityManager,
    accountId: string,
    userId: string | null,
    reason: SessionRevocationReason,
    actor: EventActor | null,
    now: Date,
    keepSessionId: string | null = null,
  ): Promise<number> {
    const revoked = await this.sessions.revokeAll(
      tx,
      accountId,
      userId,
      reason,
      now,
      keepSessionId !== null && UUID_PATTERN.test(keepSessionId) ? keepSessionId : null,
    );
    await this.recordRevoked(tx, revoked, reason, now);
    for (const session of revoked) await this.appendRevoked(tx, session, reason, actor, now);
    return revoked.length;
  }

  private async revokeWithEvent(
    tx: EntityManager,
    session: SessionRecord,
    reason: SessionRevocationReason,
    actor: EventActor | null,
    now: Date,
  ): Promise<void> {
    const revoked = await this.sessions.revoke(
      tx,
      session.accountId,
      session.sessionId,
      reason,
      now,
    );
    if (revoked !== null) {
      await this.recordRevoked(tx, [revoked], reason, now);
      await this.appendRevoked(tx, revoked, reason, actor, now);
    }
  }

  /**
   * Puts revoked sessions on the revocation list in the revocation's transaction: the gateway refuses their session
   * tokens from the commit on (within its polling interval), not only when the tokens expire.
   */
  private async recordRevoked(
    tx: EntityManager,
    sessions: readonly SessionRecord[],
    reason: SessionRevocationReason | 'signed-out',
    now: Date,
  ): Promise<void> {
    await this.revocations.record(
      tx,
      sessions,
      reason,
      now,
      this.deps.settings.token.lifetimeSeconds,
    );
  }

  private async appendRevoked(
    tx: EntityManager,
    session: SessionRecord,
    reason: SessionRevocationReason,
    actor: EventActor | null,
    now: Date,
  ): Promise<void> {
    await this.deps.outbox.append(
      tx,
      sessionEvent(
        'session.revoked.v1',
        { id: randomUUID(), occurredAt: now.toISOString(), actor },
        {
          accountId: session.accountId,
          sessionId: session.sessionId,
          userId: session.userId,
          principalArn: session.principalArn,
          reason,
        },
      ),
    );
  }

  private async issue(
    session: SessionRecord,
    refreshToken: string,
    now: Date,
  ): Promise<IssuedSession> {
    const key = await this.deps.signingKeys.current(now);
    const { token, expiresAt } = await issueSessionToken(
      key,
      {
        principalArn: session.principalArn,
        accountId: session.accountId,
        userId: session.userId,
        userName: session.userName,
        sessionId: session.sessionId,
        authMethods: session.authMethods,
        authTime: session.authTime,
        passwordResetRequired: session.restricted,
        sessionExpiresAt: session.expiresAt,
      },
      now,
      this.deps.settings.token,
    );
    return {
      sessionToken: token,
      expiresAt,
      refreshToken,
      refreshExpiresAt: session.expiresAt,
      passwordResetRequired: session.restricted,
    };
  }
}
