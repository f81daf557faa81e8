import type { AccountId } from '@iam/common';
import type { EntityManager } from 'typeorm';
import type { PasswordHasher } from './password-hasher.js';
import type { PasswordPolicyRules } from './password-policy.js';
import { DEFAULT_PASSWORD_POLICY, MAX_PASSWORD_LENGTH, passwordExpiry } from './password-policy.js';

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
    // SECURITY: the same query runs whatever the outcome, then exactly one argon2 verification.
    const found = await findSignInCredentials(tx, accountId, userName);
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
      await tx.query(
        `UPDATE identity.login_profiles SET password_hash = $3, password_last_used_at = $4
         WHERE account_id = $1 AND user_id = $2`,
        [accountId, found.user_id, passwordHash, now],
      );
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

interface SignInCredentialsRow {
  readonly user_id: string;
  readonly user_name: string;
  readonly path: string;
  readonly password_hash: string;
  readonly password_reset_required: boolean;
  readonly password_changed_at: Date;
  readonly has_policy: boolean;
  readonly max_password_age: number | null;
  readonly hard_expiry: boolean | null;
}

/**
 * In one statement: the user by name (case-insensitive), its login profile (locked for the rest of the
 * transaction) and the account's password policy, if any. `null` when the user is unknown or has no login profile.
 */
async function findSignInCredentials(
  tx: EntityManager,
  accountId: string,
  userName: string,
): Promise<SignInCredentialsRow | null> {
  const rows: SignInCredentialsRow[] = await tx.query(
    `SELECT u.user_id, u.user_name, u.path, p.password_hash, p.password_reset_required, p.password_changed_at,
            pol.account_id IS NOT NULL AS has_policy, pol.max_password_age, pol.hard_expiry
     FROM identity.users u
     JOIN identity.login_profiles p ON p.account_id = u.account_id AND p.user_id = u.user_id
     LEFT JOIN identity.account_password_policies pol ON pol.account_id = u.account_id
     WHERE u.account_id = $1 AND lower(u.user_name) = lower($2)
     FOR UPDATE OF p`,
    [accountId, userName],
  );
  return rows[0] ?? null;
}
