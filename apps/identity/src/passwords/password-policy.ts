import { InvalidInputError, ValidationError } from '@iam/common';
import { blocklistViolations } from './password-blocklist.js';

// AWS: https://docs.aws.amazon.com/IAM/latest/APIReference/API_UpdateAccountPasswordPolicy.html
// Pure rules: no I/O. The services load the account's policy and pass it in.

/** An account password policy (AWS PasswordPolicy), as the rules read it. */
export interface PasswordPolicyRules {
  readonly minimumPasswordLength: number;
  readonly requireSymbols: boolean;
  readonly requireNumbers: boolean;
  readonly requireUppercaseCharacters: boolean;
  readonly requireLowercaseCharacters: boolean;
  readonly allowUsersToChangePassword: boolean;
  /** Days a password stays valid; `null`: passwords never expire. */
  readonly maxPasswordAge: number | null;
  /** How many previous passwords a user may not reuse; `null`: no reuse prevention. */
  readonly passwordReusePrevention: number | null;
  /** An expired password cannot be changed by its user (an administrator must reset it). */
  readonly hardExpiry: boolean;
}

/** AWS: MinimumPasswordLength 6..128. */
export const MIN_PASSWORD_LENGTH_RANGE = { min: 6, max: 128 } as const;
/** AWS: MaxPasswordAge 1..1095 days. */
export const MAX_PASSWORD_AGE_RANGE = { min: 1, max: 1095 } as const;
/** AWS: PasswordReusePrevention 1..24. */
export const PASSWORD_REUSE_PREVENTION_RANGE = { min: 1, max: 24 } as const;
/** AWS: a password is at most 128 characters. */
export const MAX_PASSWORD_LENGTH = 128;
/** How many previous password hashes are kept per user: the largest reuse prevention AWS allows. */
export const PASSWORD_HISTORY_DEPTH = PASSWORD_REUSE_PREVENTION_RANGE.max;

/**
 * What applies when the account has no policy, and to every parameter UpdateAccountPasswordPolicy omits (AWS: an
 * omitted parameter takes its default; the update replaces the whole policy).
 *
 * Deviations from AWS's defaults (6 characters, users may not change their password): at least 15 characters, as
 * NIST SP 800-63B asks when a password is the only authenticator, and users may change their own password.
 */
export const DEFAULT_PASSWORD_POLICY: PasswordPolicyRules = {
  minimumPasswordLength: 15,
  requireSymbols: false,
  requireNumbers: false,
  requireUppercaseCharacters: false,
  requireLowercaseCharacters: false,
  allowUsersToChangePassword: true,
  maxPasswordAge: null,
  passwordReusePrevention: null,
  hardExpiry: false,
};

/** AWS: the symbols that count for RequireSymbols. */
export const PASSWORD_SYMBOLS = "!@#$%^&*()_+-=[]{}|'";

// AWS: [\u0009\u000A\u000D\u0020-\u00FF]+ (ChangePassword, CreateLoginProfile, UpdateLoginProfile).
const PASSWORD_CHARACTERS = /^[\u0009\u000a\u000d\u0020-\u00ff]+$/;

/**
 * Checks the shape AWS accepts for any password parameter (1 to 128 characters from its character set), before
 * and independently of the account's policy. SECURITY: the message never quotes the password.
 */
export function checkPasswordParameter(name: string, password: string): string {
  if (password.length < 1 || password.length > MAX_PASSWORD_LENGTH) {
    throw new InvalidInputError(`\`${name}\` must be 1 to ${MAX_PASSWORD_LENGTH} characters`);
  }
  if (!PASSWORD_CHARACTERS.test(password)) {
    throw new InvalidInputError(
      `\`${name}\` may only contain tab, line feed, carriage return and characters from U+0020 to U+00FF`,
    );
  }
  return password;
}

/**
 * Every rule of `policy` that `password` breaks, in a stable order (collect-all: the answer lists them all). Empty
 * when the password is acceptable. The blocklist always applies (password-blocklist.ts: common and breached
 * passwords after normalisation, repetition, sequences, the `context` words, guessability). `context`: the words
 * specific to the password's owner (user name, account alias, account id). SECURITY: the messages never quote the
 * password or the context words.
 */
export function passwordViolations(
  password: string,
  policy: PasswordPolicyRules,
  context: readonly string[] = [],
): string[] {
  const problems: string[] = [];
  // Characters, not UTF-16 code units (every allowed character is a single unit, but be exact).
  const length = [...password].length;
  if (length < policy.minimumPasswordLength) {
    problems.push(`the password must be at least ${policy.minimumPasswordLength} characters long`);
  }
  if (length > MAX_PASSWORD_LENGTH) {
    problems.push(`the password must be at most ${MAX_PASSWORD_LENGTH} characters long`);
  }
  if (policy.requireSymbols && ![...password].some((c) => PASSWORD_SYMBOLS.includes(c))) {
    problems.push(`the password must contain at least one symbol from \`${PASSWORD_SYMBOLS}\``);
  }
  if (policy.requireNumbers && !/[0-9]/.test(password)) {
    problems.push('the password must contain at least one number (0-9)');
  }
  if (policy.requireUppercaseCharacters && !/[A-Z]/.test(password)) {
    problems.push('the password must contain at least one uppercase letter (A-Z)');
  }
  if (policy.requireLowercaseCharacters && !/[a-z]/.test(password)) {
    problems.push('the password must contain at least one lowercase letter (a-z)');
  }
  problems.push(...blocklistViolations(password, context));
  return problems;
}

/** The input of UpdateAccountPasswordPolicy: every parameter optional, as in AWS. */
export interface PasswordPolicyInput {
  readonly minimumPasswordLength?: number | null;
  readonly requireSymbols?: boolean | null;
  readonly requireNumbers?: boolean | null;
  readonly requireUppercaseCharacters?: boolean | null;
  readonly requireLowercaseCharacters?: boolean | null;
  readonly allowUsersToChangePassword?: boolean | null;
  readonly maxPasswordAge?: number | null;
  readonly passwordReusePrevention?: number | null;
  readonly hardExpiry?: boolean | null;
}

function inRange(
  problems: string[],
  name: string,
  value: number | null | undefined,
  range: { readonly min: number; readonly max: number },
): void {
  if (value === null || value === undefined) return;
  if (!Number.isInteger(value) || value < range.min || value > range.max) {
    problems.push(`\`${name}\` must be an integer from ${range.min} to ${range.max}`);
  }
}

/**
 * Validates an UpdateAccountPasswordPolicy input (collect-all: `InvalidInput` for one problem, `ValidationError`
 * listing all of them for several) and returns the whole new policy, omitted parameters at their defaults.
 */
export function toPasswordPolicy(input: PasswordPolicyInput): PasswordPolicyRules {
  const problems: string[] = [];
  inRange(
    problems,
    'minimumPasswordLength',
    input.minimumPasswordLength,
    MIN_PASSWORD_LENGTH_RANGE,
  );
  inRange(problems, 'maxPasswordAge', input.maxPasswordAge, MAX_PASSWORD_AGE_RANGE);
  inRange(
    problems,
    'passwordReusePrevention',
    input.passwordReusePrevention,
    PASSWORD_REUSE_PREVENTION_RANGE,
  );
  if (problems.length === 1) throw new InvalidInputError(problems[0] ?? '');
  if (problems.length > 1) throw new ValidationError(problems);
  const d = DEFAULT_PASSWORD_POLICY;
  return {
    minimumPasswordLength: input.minimumPasswordLength ?? d.minimumPasswordLength,
    requireSymbols: input.requireSymbols ?? d.requireSymbols,
    requireNumbers: input.requireNumbers ?? d.requireNumbers,
    requireUppercaseCharacters: input.requireUppercaseCharacters ?? d.requireUppercaseCharacters,
    requireLowercaseCharacters: input.requireLowercaseCharacters ?? d.requireLowercaseCharacters,
    allowUsersToChangePassword: input.allowUsersToChangePassword ?? d.allowUsersToChangePassword,
    maxPasswordAge: input.maxPasswordAge ?? d.maxPasswordAge,
    passwordReusePrevention: input.passwordReusePrevention ?? d.passwordReusePrevention,
    hardExpiry: input.hardExpiry ?? d.hardExpiry,
  };
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** When a password set at `changedAt` expires under `policy`; `null` when passwords do not expire. */
export function passwordExpiresAt(changedAt: Date, policy: PasswordPolicyRules): Date | null {
  return policy.maxPasswordAge === null
    ? null
    : new Date(changedAt.getTime() + policy.maxPasswordAge * DAY_MS);
}

/** Whether a password set at `changedAt` has expired at `now` (and whether the policy's hard expiry applies). */
export function passwordExpiry(
  changedAt: Date,
  policy: PasswordPolicyRules,
  now: Date,
): { readonly expired: boolean; readonly hardExpired: boolean; readonly expiresAt: Date | null } {
  const expiresAt = passwordExpiresAt(changedAt, policy);
  const expired = expiresAt !== null && now.getTime() >= expiresAt.getTime();
  return { expired, hardExpired: expired && policy.hardExpiry, expiresAt };
}
