import type { EntityManager } from 'typeorm';
import type { AccountId } from '@iam/common';

/** What the password check answers for a user whose password matched. */
export interface VerifiedPassword {
  readonly userId: string;
  readonly userName: string;
  readonly path: string;
  /** An administrator asked for a new password at next sign-in. */
  readonly passwordResetRequired: boolean;
  /** The password is past its maximum age; the user may still sign in to change it. */
  readonly passwordExpired: boolean;
  /** The password expired and the policy forbids changing it at sign-in (AWS `HardExpiry`). */
  readonly hardExpired: boolean;
}

/**
 * The password check sign-in relies on (implemented by `apps/identity/src/passwords`). Structural: any class with
 * this method fits.
 */
export interface PasswordVerifierPort {
  /**
   * `null` for an unknown user, a user without a login profile and a wrong password alike, and in the same time
   * (SECURITY: the implementation spends one argon2 verification in every case).
   */
  verify(
    tx: EntityManager,
    accountId: AccountId,
    userName: string,
    password: string,
  ): Promise<VerifiedPassword | null>;
}

/** The MFA check sign-in relies on (implemented by `apps/identity/src/mfa`). */
export interface MfaVerifierPort {
  hasEnabledDevice(tx: EntityManager, accountId: AccountId, userId: string): Promise<boolean>;
  /** The serial of the device the code belongs to, or `null` (wrong code, or a code already used: replay). */
  verifyAndConsume(
    tx: EntityManager,
    accountId: AccountId,
    userId: string,
    code: string,
    now: Date,
  ): Promise<string | null>;
}

/** Nest injection token of the {@link PasswordVerifierPort} the sign-in module uses. */
export const PASSWORD_VERIFIER = Symbol('PASSWORD_VERIFIER');
/** Nest injection token of the {@link MfaVerifierPort} the sign-in module uses. */
export const MFA_VERIFIER = Symbol('MFA_VERIFIER');

/**
 * Stand-in used until the passwords feature is wired: nobody signs in (fail closed). It still takes a tenant
 * transaction's worth of time, it just never matches.
 */
export class NoPasswordVerifier implements PasswordVerifierPort {
  verify(): Promise<VerifiedPassword | null> {
    return Promise.resolve(null);
  }
}

/** Stand-in used until the MFA feature is wired: every user "has" a device and no code matches (fail closed). */
export class NoMfaVerifier implements MfaVerifierPort {
  hasEnabledDevice(): Promise<boolean> {
    return Promise.resolve(true);
  }

  verifyAndConsume(): Promise<string | null> {
    return Promise.resolve(null);
  }
}
