import type { AccountId } from '@iam/common';
import type { EntityManager } from 'typeorm';
import { UserRepository } from '../users/user.repository.js';
import { LoginProfileRepository } from './login-profile.repository.js';
import type { PasswordHasher } from './password-hasher.js';
import { MAX_PASSWORD_LENGTH, passwordExpiry } from './password-policy.js';
import { PasswordPolicyRepository } from './password-policy.repository.js';

/** What the password check answers for a user whose password matched. */
export interface VerifiedPassword {
  readonly userId: string;
  readonly userName: string;
  readonly path: string;
  readonly passwordResetRequired: boolean;
  /** true when the account policy's maxPasswordAge has passed since the password was set */
  readonly passwordExpired: boolean;
  /** with hardExpiry an expired password cannot be used at all */
  readonly hardExpired: boolean;
}

/**
 * The sign-in port (`PasswordVerifierPort` of apps/identity/src/sign-in): checks a user's password inside the
 * sign-in's own tenant transaction. On a match it records the time of use (AWS PasswordLastUsed) and rehashes a
 * hash made with outdated argon2id parameters.
 */
export class PasswordVerifier {
  private readonly users = new UserRepository();
  private readonly profiles = new LoginProfileRepository();
  private readonly policies = new PasswordPolicyRepository();

  constructor(
    private readonly hasher: PasswordHasher,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Runs inside a tenant transaction `tx` (RLS scoped to accountId). Returns null when the user is unknown, has no
   * login profile, or the password is wrong; spends one argon2 verification in every case (dummy hash when there is
   * nothing to verify), so timing does not tell an unknown user from a wrong password. Never logs the password. */
  async verify(
    tx: EntityManager,
    accountId: AccountId,
    userName: string,
    password: string,
  ): Promise<VerifiedPassword | null> {
    // SECURITY: the same queries run whatever the outcome, then exactly one argon2 verification.
    const user = await this.users.findByName(tx, accountId, userName);
    const profile = await this.profiles.findByUser(tx, accountId, user?.userId ?? '', true);
    const policy = await this.policies.effective(tx, accountId);
    // An over-long password cannot be a stored one; still verified (against the dummy) to keep the time.
    const plausible = password.length <= MAX_PASSWORD_LENGTH;
    if (!user || !profile || !plausible) {
      await this.hasher.verifyDummy(password);
      return null;
    }
    if (!(await this.hasher.verify(profile.passwordHash, password))) return null;
    const now = this.now();
    const expiry = passwordExpiry(profile.passwordChangedAt, policy, now);
    // A hard-expired password is not "used": sign-in refuses it.
    if (!expiry.hardExpired) {
      const passwordHash = this.hasher.needsRehash(profile.passwordHash)
        ? await this.hasher.hash(password)
        : profile.passwordHash;
      await this.profiles.update(tx, { ...profile, passwordHash, passwordLastUsedAt: now });
    }
    return {
      userId: user.userId,
      userName: user.userName,
      path: user.path,
      passwordResetRequired: profile.passwordResetRequired,
      passwordExpired: expiry.expired,
      hardExpired: expiry.hardExpired,
    };
  }
}
