import { COMMON_PASSWORDS_TEXT } from './common-passwords.data.js';

let common: ReadonlySet<string> | undefined;

/** The bundled list, parsed once on first use (about 43,000 entries; see common-passwords.md). */
function commonPasswords(): ReadonlySet<string> {
  common ??= new Set(COMMON_PASSWORDS_TEXT.split('\n'));
  return common;
}

/** How many passwords the bundled list holds. */
export function commonPasswordCount(): number {
  return commonPasswords().size;
}

/**
 * Whether `password` is on the bundled list of common or breached passwords, ignoring case (`Password1` and
 * `PASSWORD1` are as guessable as `password1`).
 */
export function isCommonPassword(password: string): boolean {
  return commonPasswords().has(password.toLowerCase());
}
