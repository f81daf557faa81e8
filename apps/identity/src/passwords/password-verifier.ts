import type { AccountId } from '@iam/common';
import type { EntityManager } from 'typeorm';
import type { VerifiedPassword } from '../sign-in/index.js';
import { LoginProfileRepository } from './login-profile.repository.js';
import type { PasswordHasher } from './password-hasher.js';
import type { PasswordPolicyRules } from './password-policy.js';
import { DEFAULT_PASSWORD_POLICY, MAX_PASSWORD_LENGTH, passwordExpiry } from './password-policy.js';

/**
 * The sign-in port (`PasswordVerifierPort` of apps/identity/src/sign-in): checks a user's password inside the
 * sign-in's own tenant transaction. On a match it records the time of use (AWS PasswordLastUsed) and rehashes a
 * hash made with outdated argon2id parameters.
 */
export class PasswordVerifier {
  constructor(
    private readonly hasher: PasswordHasher,
    private readonly now: () => Date = () => new Date(),
    private readonly profiles: LoginProfileRepository = new LoginProfileRepository(),
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
    // SECURITY: the same query runs whatever the outcome, then exactly one argon2 verification.
    const found = await this.profiles.findSignInCredentials(tx, accountId, userName);
    // An over-long password cannot be a stored one; still verified (against the dummy) to keep the time.
    const plausible = password.length <= MAX_PASSWORD_LENGTH;
    if (!found || !plausible) {
      await this.hasher.verifyDummy(password);
      return null;
    }
    if (!(await this.hasher.verify(found.password_hash, password))) return null;
    const now = this.now();
    const policy: PasswordPolicyRules = found.has_policy
      ? {
          ...DEFAULT_PASSWORD_POLICY,
          maxPasswordAge: found.max_password_age,
          hardExpiry: found.hard_expiry === true,
        }
      : DEFAULT_PASSWORD_POLICY;
    const expiry = passwordExpiry(new Date(found.password_changed_at), policy, now);
    // A hard-expired password is not "used": sign-in refuses it.
    if (!expiry.hardExpired) {
      const passwordHash = this.hasher.needsRehash(found.password_hash)
        ? await this.hasher.hash(password)
        : found.password_hash;
      // The profile row is locked since the lookup: only what changed is written.
      await this.profiles.recordUse(tx, accountId, found.user_id, passwordHash, now);
    }
    return {
      userId: found.user_id,
      userName: found.user_name,
      path: found.path,
      passwordResetRequired: found.password_reset_required,
      passwordExpired: expiry.expired,
      hardExpired: expiry.hardExpired,
    };
  }
}
