import { describe, expect, it } from 'vitest';
import {
  blocklistViolations,
  containsContextWord,
  isDerivedFromCommonPassword,
  isRepetitive,
  isSequential,
  normalisedForms,
} from './password-blocklist.js';
import { GUESSABILITY_INPUT_LIMIT, passwordGuesses } from './password-guessability.js';
import type { PasswordPolicyRules } from './password-policy.js';
import { DEFAULT_PASSWORD_POLICY, passwordViolations } from './password-policy.js';

/** 12 characters, every character class: a policy `Password123!` meets on composition alone. */
const allClasses12: PasswordPolicyRules = {
  ...DEFAULT_PASSWORD_POLICY,
  minimumPasswordLength: 12,
  requireSymbols: true,
  requireNumbers: true,
  requireUppercaseCharacters: true,
  requireLowercaseCharacters: true,
};

const GOOD_PASSPHRASES = [
  'correct horse battery staple',
  'marble tundra lantern cobalt',
  'Quiet river, seven copper kites',
  'violet-anchor-prism-47',
  'bicycle orbit velvet mango',
  'purple-elephant-dances-42',
];

describe('the password blocklist (NIST SP 800-63B)', () => {
  it('refuses Password123! under a 12-character all-classes policy: a common password with padding', () => {
    expect(passwordViolations('Password123!', allClasses12)).toEqual([
      'the password is a common or breached password with letters swapped for look-alikes or digits and symbols added',
    ]);
  });

  it.each([
    'P@ssw0rd2024!!',
    'Passw0rd!',
    'p@$$w0rd',
    '!!Qw3rty2024',
    'L3tm31n#2025',
    'Dr@g0n2024!',
  ])('refuses %s: a common password in leetspeak with digits and symbols added', (password) => {
    expect(isDerivedFromCommonPassword(password)).toBe(true);
    expect(passwordViolations(password, { ...allClasses12, minimumPasswordLength: 8 })).toContain(
      'the password is a common or breached password with letters swapped for look-alikes or digits and symbols added',
    );
  });

  it('reads look-alikes, case and padding the way word-list rules do', () => {
    expect(normalisedForms('P@ssw0rd2024!!')).toContain('password');
    expect(normalisedForms('$ecret!')).toContain('secret');
    expect(normalisedForms('1llu5!0n')).toEqual(expect.arrayContaining(['illusion']));
  });

  it('refuses aaaaaaaaaaaaaaa under the 15-character default: repeated characters', () => {
    expect(passwordViolations('aaaaaaaaaaaaaaa', DEFAULT_PASSWORD_POLICY)).toEqual([
      'the password repeats a few characters or a short pattern',
    ]);
  });

  it.each([
    'abcabcabcabcabc',
    'passwordpassword',
    'Summer2024Summer2024',
    'abababababababab',
    '1212121212121212',
  ])('refuses %s: one short pattern repeated', (password) => {
    expect(isRepetitive(password)).toBe(true);
    expect(passwordViolations(password, DEFAULT_PASSWORD_POLICY)).toContain(
      'the password repeats a few characters or a short pattern',
    );
  });

  it('refuses 123456789012345 under the 15-character default: a sequence', () => {
    expect(passwordViolations('123456789012345', DEFAULT_PASSWORD_POLICY)).toEqual([
      'the password is a sequence of neighbouring characters (such as 12345, abcde or qwerty)',
    ]);
  });

  it.each([
    'abcdefghijklmnop',
    'zyxwvutsrqponmlk',
    '987654321098765',
    'qwertyuiopasdfgh',
    'QWERTZUIOPASDFGH',
    'azertyuiopqsdfgh',
    '1qaz2wsx3edc4rfv',
    '!@#$%^&*()!@#$%^',
    'asdfghjklzxcvbnm',
  ])('refuses the keyboard or alphabet sequence %s', (password) => {
    expect(isSequential(password)).toBe(true);
    expect(passwordViolations(password, DEFAULT_PASSWORD_POLICY)).toContain(
      'the password is a sequence of neighbouring characters (such as 12345, abcde or qwerty)',
    );
  });

  it.each([
    ['the user name', 'JaneDoe-winter-garden', ['janedoe', '123456789012', 'acme-corp']],
    ['a part of a dotted user name', 'orchard doe lantern velvet', ['jane.doe', '123456789012']],
    ['the account alias', 'Acme-Corp rocket meadow', ['bob', '123456789012', 'acme-corp']],
    [
      'the account alias in leetspeak',
      '4cm3c0rp rocket meadow',
      ['bob', '123456789012', 'acmecorp'],
    ],
    ['the account id', 'meadow 123456789012 rocket', ['bob', '123456789012']],
  ])('refuses a password containing %s', (_what, password, context) => {
    expect(containsContextWord(password, context)).toBe(true);
    expect(passwordViolations(password, DEFAULT_PASSWORD_POLICY, context)).toContain(
      'the password contains the user name, the account alias or the account id',
    );
  });

  it('refuses a password guessable from its words and patterns (zxcvbn) that no plainer rule names', () => {
    // Two common words and a year: none of the list, repetition, sequence or context rules matches.
    const password = 'summerwinter2024';
    expect(blocklistViolations(password).slice(0, -1)).toEqual([]);
    expect(passwordViolations(password, DEFAULT_PASSWORD_POLICY)).toEqual([
      'the password is too easy to guess (common words, names, dates or patterns): use a longer passphrase of uncommon words',
    ]);
  });

  it.each(GOOD_PASSPHRASES)('accepts the passphrase %s', (password) => {
    expect(
      passwordViolations(password, DEFAULT_PASSWORD_POLICY, ['jane.doe', '123456789012', 'acme']),
    ).toEqual([]);
  });

  it('accepts a strong password that meets every composition rule', () => {
    expect(passwordViolations('Zebra#Quartz9 lagoon', allClasses12)).toEqual([]);
  });

  it('ignores context words too short to mean anything', () => {
    expect(containsContextWord('marble tundra lantern cobalt', ['al', 'an'])).toBe(false);
  });

  it('never quotes the password or a context word in a message', () => {
    const problems = passwordViolations('JaneDoe2024!', allClasses12, ['janedoe']);
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.join(' ').toLowerCase()).not.toContain('janedoe');
  });

  it('reads only the first characters of a long password when estimating (bounded CPU)', () => {
    const head = 'marble tundra lantern cobalt orchid glacier saffron'.padEnd(
      GUESSABILITY_INPUT_LIMIT,
      '.',
    );
    // Whatever follows the limit is not seen: the estimate is the same.
    expect(passwordGuesses(`${head}aaaaaaaaaa`)).toBe(passwordGuesses(`${head}Zq8#vLw2!pR`));
  });
});
