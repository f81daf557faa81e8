import type { AccountId, CallerContext } from '@iam/common';
import { AccessDeniedError, SESSION_ID_CONTEXT_KEY, iamUserName } from '@iam/common';
import type { EntityManager } from 'typeorm';
import { AccountRepository } from '../accounts/index.js';
import { targetAccount } from '@iam/authorization';
import type { PasswordSessionRevocationReason, SignInService } from '../sign-in/index.js';
import type { UserEntity } from '../users/index.js';
import { UserNotFoundError, UserRepository } from '../users/index.js';
import type { AccountScoped, PrincipalAccess, PrincipalServiceDeps } from '../principals/index.js';
import { ExistingPrincipals, write } from '../principals/index.js';
import type { LoginProfileEntity } from './login-profile.entity.js';
import { LoginProfileRepository } from './login-profile.repository.js';
import type { PasswordHasher } from './password-hasher.js';
import type { PasswordPolicyRules } from './password-policy.js';
import { checkPasswordParameter, passwordExpiry, passwordViolations } from './password-policy.js';
import { PasswordPolicyRepository } from './password-policy.repository.js';
import {
  IncorrectOldPasswordError,
  InvalidUserTypeError,
  LoginProfileAlreadyExistsError,
  LoginProfileNotFoundError,
  PasswordChangeThrottledError,
  PasswordHardExpiredError,
  PasswordPolicyViolationError,
} from './password.errors.js';
import { loginProfileChangedEvent } from './password.events.js';

/** A login profile with its user and what the account's policy says about its age (AWS LoginProfile). */
export interface LoginProfileView {
  readonly profile: LoginProfileEntity;
  readonly user: UserEntity;
  /** The account's maxPasswordAge has passed since the password was set. */
  readonly passwordExpired: boolean;
  /** When the password expires; null when the policy sets no maximum age. */
  readonly passwordExpiresAt: Date | null;
}

/**
 * Checks a password about to be set against the policy (every rule, collect-all), the blocklist with the owner's
 * `context` words (user name, account alias, account id: see {@link passwordContext}) and the user's last
 * `passwordReusePrevention` passwords, then hashes it. `PasswordPolicyViolation` lists every problem.
 */
export async function acceptNewPassword(
  tx: EntityManager,
  hasher: PasswordHasher,
  profiles: LoginProfileRepository,
  policy: PasswordPolicyRules,
  accountId: string,
  userId: string,
  password: string,
  context: readonly string[],
): Promise<string> {
  const problems = passwordViolations(password, policy, context);
  if (policy.passwordReusePrevention !== null) {
    const previous = await profiles.recentHashes(
      tx,
      accountId,
      userId,
      policy.passwordReusePrevention,
    );
    for (const phc of previous) {
      if (await hasher.verify(phc, password)) {
        problems.push(
          `the password must differ from the last ${policy.passwordReusePrevention} password(s)`,
        );
        break;
      }
    }
  }
  if (problems.length > 0) throw new PasswordPolicyViolationError(problems);
  return hasher.hash(password);
}

/**
 * What the password operations need from sign-in (the `SignInService`): ChangePassword's old password is checked
 * under sign-in's guessing bounds, and a new or removed password ends the user's sessions.
 */
export type PasswordSessions = Pick<SignInService, 'checkOldPassword' | 'revokeForPasswordChange'>;

/** The outcome of a transaction that must commit even when the operation fails (a counted failure). */
type Committed<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: Error };

/**
 * Login profiles (AWS CreateLoginProfile, GetLoginProfile, UpdateLoginProfile, DeleteLoginProfile) and
 * ChangePassword: authorize (against the user ARN computed from the input) before any lookup, validate, one
 * tenant transaction, outbox. SECURITY: passwords are only hashed (argon2id), never stored, logged or evented.
 */
export class LoginProfilesService {
  private readonly existingUsers: ExistingPrincipals<UserEntity>;

  constructor(
    private readonly deps: PrincipalServiceDeps,
    private readonly hasher: PasswordHasher,
    private readonly sessions: PasswordSessions,
    private readonly profiles: LoginProfileRepository = new LoginProfileRepository(),
    private readonly policies: PasswordPolicyRepository = new PasswordPolicyRepository(),
    private readonly users: UserRepository = new UserRepository(),
    private readonly accounts: AccountRepository = new AccountRepository(),
  ) {
    // AWS: https://docs.aws.amazon.com/service-authorization/latest/reference/list_awsidentityandaccessmanagementiam.html
    // CreateLoginProfile, GetLoginProfile, UpdateLoginProfile, DeleteLoginProfile and ChangePassword act on the
    // `user` resource.
    this.existingUsers = new ExistingPrincipals(deps, users, (name) => new UserNotFoundError(name));
  }

  /**
   * The words a password of `user` must not contain (NIST SP 800-63B context-specific words): the user name, the
   * account's alias when it has one, and the account id.
   */
  private async passwordContext(
    tx: EntityManager,
    accountId: string,
    user: UserEntity,
  ): Promise<string[]> {
    const account = await this.accounts.findById(tx, accountId);
    return [user.userName, accountId, ...(account?.alias ? [account.alias] : [])];
  }

  /** A new password of `user`, checked against the policy, the blocklist and reuse (see {@link acceptNewPassword}). */
  private async newPasswordHash(
    tx: EntityManager,
    accountId: string,
    user: UserEntity,
    policy: PasswordPolicyRules,
    password: string,
  ): Promise<string> {
    return acceptNewPassword(
      tx,
      this.hasher,
      this.profiles,
      policy,
      accountId,
      user.userId,
      password,
      await this.passwordContext(tx, accountId, user),
    );
  }

  /** Ends the sessions of `user` in the change's transaction, but `keep` (see `revokeForPasswordChange`). */
  private async revokeSessions(
    tx: EntityManager,
    accountId: string,
    user: UserEntity,
    reason: PasswordSessionRevocationReason,
    caller: CallerContext,
    now: Date,
    keep: string | null = null,
  ): Promise<void> {
    const owner = { accountId, userId: user.userId, userName: user.userName };
    await this.sessions.revokeForPasswordChange(tx, owner, reason, caller, now, keep);
  }

  async createLoginProfile(
    caller: CallerContext,
    input: AccountScoped & {
      userName: string;
      password: string;
      passwordResetRequired?: boolean | null;
    },
  ): Promise<LoginProfileView> {
    const accountId = targetAccount(caller, input.accountId);
    const password = checkPasswordParameter('password', input.password);
    return this.write(accountId, input.userName, async (tx) => {
      const user = await this.existingUser(tx, accountId, input.userName, {
        caller,
        action: 'iam:CreateLoginProfile',
      });
      if (await this.profiles.findByUser(tx, accountId, user.userId, true)) {
        throw new LoginProfileAlreadyExistsError(user.userName);
      }
      return this.createInTransaction(tx, caller, accountId, user, {
        password,
        passwordResetRequired: input.passwordResetRequired ?? false,
        now: this.deps.now(),
      });
    });
  }

  /**
   * CreateLoginProfile's writes in the caller's transaction `tx`, for a user without one (locked or just created):
   * the password (checked with {@link checkPasswordParameter}) against the account's policy, its hash, the history
   * and `login-profile.created.v1`. Also creates the account's first administrator's profile with the account.
   */
  async createInTransaction(
    tx: EntityManager,
    caller: CallerContext,
    accountId: AccountId,
    user: UserEntity,
    input: { password: string; passwordResetRequired: boolean; now: Date },
  ): Promise<LoginProfileView> {
    const { now } = input;
    const policy = await this.policies.effective(tx, accountId);
    const passwordHash = await this.newPasswordHash(tx, accountId, user, policy, input.password);
    const profile: LoginProfileEntity = {
      userId: user.userId,
      accountId,
      passwordHash,
      passwordResetRequired: input.passwordResetRequired,
      createdAt: now,
      passwordChangedAt: now,
      passwordLastUsedAt: null,
      updatedAt: now,
    };
    await this.profiles.insert(tx, profile);
    await this.profiles.remember(tx, accountId, user.userId, passwordHash, now);
    await this.deps.outbox.append(
      tx,
      loginProfileChangedEvent('login-profile.created.v1', profile, user.userName, caller, now),
    );
    return this.view(profile, user, policy, now);
  }

  async getLoginProfile(
    caller: CallerContext,
    input: AccountScoped & { userName: string },
  ): Promise<LoginProfileView> {
    const accountId = targetAccount(caller, input.accountId);
    return this.deps.tenantTx.run(accountId, async (tx) => {
      const user = await this.existingUser(tx, accountId, input.userName, {
        caller,
        action: 'iam:GetLoginProfile',
      });
      const profile = await this.existingProfile(tx, accountId, user);
      const policy = await this.policies.effective(tx, accountId);
      return this.view(profile, user, policy, this.deps.now());
    });
  }

  /**
   * AWS UpdateLoginProfile: an administrator sets a new password and/or the reset flag. The new password must
   * meet the policy (AWS applies it here too) and reuse prevention. A new password revokes every session of the
   * user in the same transaction (reason `password-reset`); changing only the reset flag does not.
   */
  async updateLoginProfile(
    caller: CallerContext,
    input: AccountScoped & {
      userName: string;
      password?: string | null;
      passwordResetRequired?: boolean | null;
    },
  ): Promise<LoginProfileView> {
    const accountId = targetAccount(caller, input.accountId);
    const password =
      input.password === null || input.password === undefined
        ? null
        : checkPasswordParameter('password', input.password);
    return this.write(accountId, input.userName, async (tx) => {
      const user = await this.existingUser(tx, accountId, input.userName, {
        caller,
        action: 'iam:UpdateLoginProfile',
      });
      const current = await this.existingProfile(tx, accountId, user, true);
      const policy = await this.policies.effective(tx, accountId);
      const now = this.deps.now();
      let next: LoginProfileEntity = {
        ...current,
        passwordResetRequired: input.passwordResetRequired ?? current.passwordResetRequired,
        updatedAt: now,
      };
      if (password !== null) {
        const passwordHash = await this.newPasswordHash(tx, accountId, user, policy, password);
        next = { ...next, passwordHash, passwordChangedAt: now };
        await this.profiles.remember(tx, accountId, user.userId, passwordHash, now);
        // SECURITY: a reset password ends the sessions opened with the old one (with this commit).
        await this.revokeSessions(tx, accountId, user, 'password-reset', caller, now);
      }
      await this.profiles.update(tx, next);
      await this.deps.outbox.append(
        tx,
        loginProfileChangedEvent('login-profile.updated.v1', next, user.userName, caller, now),
      );
      return this.view(next, user, policy, now);
    });
  }

  /**
   * AWS DeleteLoginProfile: the user can no longer sign in with a password, and every session of the user is
   * revoked in the same transaction (reason `login-profile-deleted`). The history is kept (reuse).
   */
  async deleteLoginProfile(
    caller: CallerContext,
    input: AccountScoped & { userName: string },
  ): Promise<LoginProfileView> {
    const accountId = targetAccount(caller, input.accountId);
    return this.write(accountId, input.userName, async (tx) => {
      const user = await this.existingUser(tx, accountId, input.userName, {
        caller,
        action: 'iam:DeleteLoginProfile',
      });
      const profile = await this.existingProfile(tx, accountId, user, true);
      const policy = await this.policies.effective(tx, accountId);
      const now = this.deps.now();
      await this.profiles.delete(tx, profile);
      // SECURITY: without a password the user's sessions end too (with this commit).
      await this.revokeSessions(tx, accountId, user, 'login-profile-deleted', caller, now);
      await this.deps.outbox.append(
        tx,
        loginProfileChangedEvent('login-profile.deleted.v1', profile, user.userName, caller, now),
      );
      return this.view(profile, user, policy, now);
    });
  }

  /**
   * AWS ChangePassword: an IAM user changes its own password (the caller's user, never another). Allowed when the
   * account's policy lets users change their password (AWS: that grants iam:ChangePassword on their own user to
   * every user) or when the caller's own policies allow `iam:ChangePassword` on its user ARN. The stand-in
   * authorizer cannot tell an explicit Deny from an implicit one, so the policy's grant wins over both until the
   * policy service answers (TODO(#5)). Clears PasswordResetRequired, and the restriction of the session the
   * change was made from (its next refreshSession answers an unrestricted token; AWS's console goes on normally).
   * That session goes on; every other session of the user is revoked. The old password is checked under sign-in's
   * per-user guessing bounds: `Throttling` once they refuse, each failure audited.
   */
  async changePassword(
    caller: CallerContext,
    input: { oldPassword: string; newPassword: string },
  ): Promise<LoginProfileView> {
    const own = ownUser(caller);
    if (own === null) throw new InvalidUserTypeError();
    const { accountId, userName } = own;
    // The decision is taken before any lookup; the account policy's grant is applied inside the transaction.
    let denied: AccessDeniedError | null = null;
    try {
      await this.deps.authorizer.require(
        caller,
        'iam:ChangePassword',
        caller.principalArn,
        accountId,
      );
    } catch (error) {
      if (!(error instanceof AccessDeniedError)) throw error;
      denied = error;
    }
    checkPasswordParameter('oldPassword', input.oldPassword);
    const newPassword = checkPasswordParameter('newPassword', input.newPassword);
    const sessionId = caller.context[SESSION_ID_CONTEXT_KEY];
    const outcome = await this.write(
      accountId,
      userName,
      async (tx): Promise<Committed<LoginProfileView>> => {
        const policy = await this.policies.effective(tx, accountId);
        if (denied !== null && !policy.allowUsersToChangePassword) throw denied;
        const user = await this.existingUser(tx, accountId, userName);
        const current = await this.existingProfile(tx, accountId, user, true);
        const now = this.deps.now();
        // SECURITY: the old password is a guess like a sign-in's: the same per-user bounds and failure events. A
        // failure commits (counter and event) and is answered after the commit.
        const check = await this.sessions.checkOldPassword(
          tx,
          caller,
          { accountId, userId: user.userId, userName: user.userName },
          now,
          () => this.hasher.verify(current.passwordHash, input.oldPassword),
        );
        if (check.kind === 'throttled') {
          return {
            ok: false,
            error: new PasswordChangeThrottledError(
              check.refusal.retryAfterSeconds,
              check.refusal.locked,
            ),
          };
        }
        if (check.kind === 'incorrect')
          return { ok: false, error: new IncorrectOldPasswordError() };
        if (passwordExpiry(current.passwordChangedAt, policy, now).hardExpired) {
          throw new PasswordHardExpiredError();
        }
        const passwordHash = await this.newPasswordHash(tx, accountId, user, policy, newPassword);
        const next: LoginProfileEntity = {
          ...current,
          passwordHash,
          passwordResetRequired: false,
          passwordChangedAt: now,
          updatedAt: now,
        };
        await this.profiles.update(tx, next);
        await this.profiles.remember(tx, accountId, user.userId, passwordHash, now);
        // As AWS's console, the session the change was made from goes on (its restriction lifted); every other
        // session of the user ends, so that whoever else held one (e.g. with the old password) is out.
        const keep = typeof sessionId === 'string' ? sessionId : null;
        if (keep !== null) {
          await this.profiles.liftSessionRestriction(tx, accountId, user.userId, keep);
        }
        await this.revokeSessions(tx, accountId, user, 'password-changed', caller, now, keep);
        await this.deps.outbox.append(
          tx,
          loginProfileChangedEvent('password.changed.v1', next, user.userName, caller, now),
        );
        return { ok: true, value: this.view(next, user, policy, now) };
      },
    );
    if (!outcome.ok) throw outcome.error;
    return outcome.value;
  }

  private view(
    profile: LoginProfileEntity,
    user: UserEntity,
    policy: PasswordPolicyRules,
    now: Date,
  ): LoginProfileView {
    const expiry = passwordExpiry(profile.passwordChangedAt, policy, now);
    return {
      profile,
      user,
      passwordExpired: expiry.expired,
      passwordExpiresAt: expiry.expiresAt,
    };
  }

  /**
   * The user, locked so that a concurrent DeleteUser waits for this change. With `access`, the action is decided
   * after the lookup on the user's real ARN (path included), or on the name's ARN for a missing user, before
   * `NoSuchEntity` (as AWS does).
   */
  private existingUser(
    tx: EntityManager,
    accountId: AccountId,
    userName: string,
    access?: PrincipalAccess,
  ): Promise<UserEntity> {
    return this.existingUsers.find(tx, accountId, userName, {
      lock: true,
      ...(access === undefined ? {} : { access }),
    });
  }

  private async existingProfile(
    tx: EntityManager,
    accountId: string,
    user: UserEntity,
    lock = false,
  ): Promise<LoginProfileEntity> {
    const profile = await this.profiles.findByUser(tx, accountId, user.userId, lock);
    if (!profile) throw new LoginProfileNotFoundError(user.userName);
    return profile;
  }

  /** One tenant transaction; maps a concurrent create to EntityAlreadyExists and nudges the relay on success. */
  private write<T>(
    accountId: AccountId,
    userName: string,
    work: (tx: EntityManager) => Promise<T>,
  ): Promise<T> {
    return write(this.deps, accountId, work, {
      login_profiles_pkey: () => new LoginProfileAlreadyExistsError(userName),
    });
  }
}

/** The account and name of the IAM user calling, from its ARN; null when the caller is not an IAM user. */
export function ownUser(
  caller: CallerContext,
): { readonly accountId: AccountId; readonly userName: string } | null {
  if (caller.principalType !== 'user' || caller.accountId === null) return null;
  const userName = iamUserName(caller.principalArn);
  return userName === null ? null : { accountId: caller.accountId, userName };
}
