import { isCommonPassword } from './breached-passwords.js';
import { passwordGuesses } from './password-guessability.js';

// NIST SP 800-63B (§5.1.1.2 in revision 3, §3.1.1.2 in revision 4): a new password is compared against a blocklist
// of values known to be commonly used, expected or compromised: passwords from breach corpuses, dictionary words,
// repetitive or sequential characters (`aaaaaa`, `1234abcd`) and context-specific words such as the user name.
// Pure: no I/O; the services pass the context words (user name, account alias, account id).

/** Look-alike characters people put in place of letters (`P@ssw0rd`), each read as the letter it stands for. */
const LOOK_ALIKES: Readonly<Record<string, string>> = {
  '0': 'o',
  '1': 'i',
  '2': 'z',
  '3': 'e',
  '4': 'a',
  '5': 's',
  '6': 'g',
  '7': 't',
  '8': 'b',
  '9': 'g',
  '@': 'a',
  $: 's',
  '!': 'i',
  '|': 'l',
  '+': 't',
  '(': 'c',
};

/** `text` with every look-alike read as a letter; `1`, `!` and `|` are read both as `i` and as `l`. */
function lookAlikesRead(text: string): string[] {
  const asI = [...text].map((c) => LOOK_ALIKES[c] ?? c).join('');
  const asL = [...text]
    .map((c) => (c === '1' || c === '!' || c === '|' ? 'l' : (LOOK_ALIKES[c] ?? c)))
    .join('');
  return asI === asL ? [asI] : [asI, asL];
}

/** Digits, symbols and spaces put before or after a word to satisfy composition rules (`Password123!`). */
const PADDING = /^[^a-z]+|[^a-z]+$/g;

/**
 * The readings of `password` that an attacker's word-list rules try: lower case, without the digits and symbols
 * around it, with look-alike characters read as letters, and both.
 */
export function normalisedForms(password: string): string[] {
  const lower = password.toLowerCase();
  const unpadded = lower.replace(PADDING, '');
  const forms = new Set<string>([lower, unpadded]);
  for (const form of [lower, unpadded, lower.replace(/[^a-z]+$/, '')]) {
    for (const read of lookAlikesRead(form)) {
      forms.add(read);
      forms.add(read.replace(PADDING, ''));
    }
  }
  forms.delete('');
  return [...forms];
}

/** Shorter readings are not compared with the list: `ab` + 13 digits is caught by the other rules. */
const MIN_DERIVED_LENGTH = 4;

/** Whether `password` is a listed common or breached password once case, padding and look-alikes are undone. */
export function isDerivedFromCommonPassword(password: string): boolean {
  return normalisedForms(password).some(
    (form) => form.length >= MIN_DERIVED_LENGTH && isCommonPassword(form),
  );
}

/**
 * Whether `password` is one short pattern repeated (`aaaaaaaaaaaaaaa`, `abcabcabcabc`, `passwordpassword`, a last
 * partial copy allowed) or uses fewer than 4 different characters.
 */
export function isRepetitive(password: string): boolean {
  const lower = password.toLowerCase();
  if (new Set(lower).size < 4) return true;
  for (let unit = 1; unit <= lower.length / 2; unit += 1) {
    let repeats = true;
    for (let i = unit; i < lower.length && repeats; i += 1) {
      if (lower[i] !== lower[i - unit]) repeats = false;
    }
    if (repeats) return true;
  }
  return false;
}

/**
 * Orders people walk through: the alphabet, the digits (0 after 9, as on a keyboard), keyboard rows, columns and the
 * shifted digit row. Each is also walked backwards.
 */
const SEQUENCES = [
  'abcdefghijklmnopqrstuvwxyz',
  '01234567890',
  '1234567890',
  'qwertyuiopasdfghjklzxcvbnm',
  'qwertzuiopasdfghjklyxcvbnm',
  'azertyuiopqsdfghjklmwxcvbn',
  '1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik9ol0p',
  'zaq1xsw2cde3vfr4bgt5nhy6mju7,ki8.lo9/;p0',
  '!@#$%^&*()',
  '`1234567890-=',
  'qwertyuiop[]',
  "asdfghjkl;'",
  'zxcvbnm,./',
];

function followsInSequence(a: string, b: string): boolean {
  return SEQUENCES.some((sequence) => {
    for (let i = sequence.indexOf(a); i !== -1; i = sequence.indexOf(a, i + 1)) {
      if (sequence[i + 1] === b || (i > 0 && sequence[i - 1] === b)) return true;
    }
    return false;
  });
}

/**
 * Whether `password` is mostly a walk along the alphabet, the digits or the keyboard (`123456789012345`,
 * `abcdefghijklmno`, `qwertyuiopasdfg`, `1qaz2wsx3edc4rfv`): at least three quarters of its neighbouring
 * characters follow each other in such an order.
 */
export function isSequential(password: string): boolean {
  const lower = password.toLowerCase();
  if (lower.length < 3) return false;
  let steps = 0;
  for (let i = 1; i < lower.length; i += 1) {
    if (followsInSequence(lower[i - 1]!, lower[i]!)) steps += 1;
  }
  return steps >= 0.75 * (lower.length - 1);
}

/** Context words shorter than this are not looked for (a 2-letter alias would refuse half of all passwords). */
const MIN_CONTEXT_WORD_LENGTH = 3;

/**
 * The words of `context` (user name, account alias, account id) worth looking for: each whole, lower case, and its
 * parts split at separators (`jane.doe` → `jane.doe`, `jane`, `doe`).
 */
export function contextWords(context: readonly string[]): string[] {
  const words = new Set<string>();
  for (const value of context) {
    const lower = value.toLowerCase();
    for (const word of [lower, ...lower.split(/[^a-z0-9]+/)]) {
      if (word.length >= MIN_CONTEXT_WORD_LENGTH) words.add(word);
    }
  }
  return [...words];
}

/** Whether `password`, read in any normalised form, contains one of the context words. */
export function containsContextWord(password: string, context: readonly string[]): boolean {
  const words = contextWords(context);
  if (words.length === 0) return false;
  const forms = normalisedForms(password);
  return words.some((word) => forms.some((form) => form.includes(word)));
}

/**
 * The guessability bar: 10^8 guesses (zxcvbn's score 3, "safely unguessable: moderate protection from an offline
 * slow-hash attack"), far out of reach of a throttled online attack.
 */
export const MIN_GUESSES_LOG10 = 8;

/**
 * Why `password` is on the blocklist, in a stable order; empty when it is not. `context` holds the words specific
 * to this password's owner (user name, account alias, account id). SECURITY: the messages never quote the password
 * or the context words.
 */
export function blocklistViolations(password: string, context: readonly string[] = []): string[] {
  const problems: string[] = [];
  if (isCommonPassword(password)) {
    problems.push('the password is on a list of common or breached passwords');
  } else if (isDerivedFromCommonPassword(password)) {
    problems.push(
      'the password is a common or breached password with letters swapped for look-alikes or digits and symbols added',
    );
  }
  if (isRepetitive(password)) {
    problems.push('the password repeats a few characters or a short pattern');
  }
  if (isSequential(password)) {
    problems.push(
      'the password is a sequence of neighbouring characters (such as 12345, abcde or qwerty)',
    );
  }
  if (containsContextWord(password, context)) {
    problems.push('the password contains the user name, the account alias or the account id');
  }
  // The estimate only when no plainer reason was given: it would only repeat it.
  if (problems.length === 0 && Math.log10(passwordGuesses(password, context)) < MIN_GUESSES_LOG10) {
    problems.push(
      'the password is too easy to guess (common words, names, dates or patterns): use a longer passphrase of uncommon words',
    );
  }
  return problems;
}
