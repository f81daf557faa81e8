import { describe, expect, it } from 'vitest';
import { InvalidInputError, ValidationError } from '@iam/common';
import type { PasswordPolicyRules } from './password-policy.js';
import {
  DEFAULT_PASSWORD_POLICY,
  checkPasswordParameter,
  passwordExpiry,
  passwordViolations,
  toPasswordPolicy,
} from './password-policy.js';

const strict: PasswordPolicyRules = {
  ...DEFAULT_PASSWORD_POLICY,
  minimumPasswordLength: 8,
  requireSymbols: true,
  requireNumbers: true,
  requireUppercaseCharacters: true,
  requireLowercaseCharacters: true,
};

describe('passwordViolations', () => {
  it('accepts a long uncommon passphrase under the defaults (15 characters, no composition rules)', () => {
    expect(passwordViolations('correct horse battery staple', DEFAULT_PASSWORD_POLICY)).toEqual([]);
  });

  it('refuses a password shorter than the default minimum of 15', () => {
    expect(passwordViolations('tangerine-owl7', DEFAULT_PASSWORD_POLICY)).toEqual([
      'the password must be at least 15 characters long',
    ]);
  });

  it('lists every broken rule at once (collect-all)', () => {
    expect(passwordViolations('abc', strict)).toEqual([
      'the password must be at least 8 characters long',
      "the password must contain at least one symbol from `!@#$%^&*()_+-=[]{}|'`",
      'the password must contain at least one number (0-9)',
      'the password must contain at least one uppercase letter (A-Z)',
      'the password repeats a few characters or a short pattern',
      'the password is a sequence of neighbouring characters (such as 12345, abcde or qwerty)',
    ]);
  });

  it('accepts a password meeting every composition rule', () => {
    expect(passwordViolations('Zebra#Quartz9', strict)).toEqual([]);
  });

  it.each(['password', 'PASSWORD1', 'Qwertyuiop', 'iloveyou'])(
    'refuses the common password %s whatever its case',
    (password) => {
      expect(
        passwordViolations(password, { ...DEFAULT_PASSWORD_POLICY, minimumPasswordLength: 6 }),
      ).toContain('the password is on a list of common or breached passwords');
    },
  );

  it('refuses more than 128 characters', () => {
    expect(passwordViolations('x'.repeat(129) + 'Aa1!', DEFAULT_PASSWORD_POLICY)).toContain(
      'the password must be at most 128 characters long',
    );
  });

  it('never quotes the password in a message', () => {
    const problems = passwordViolations('Secret', strict);
    expect(problems.join(' ')).not.toContain('Secret');
  });
});

describe('checkPasswordParameter', () => {
  it('accepts AWS characters (tab, space to U+00FF)', () => {
    expect(checkPasswordParameter('password', 'caf\u00e9\tbar')).toBe('caf\u00e9\tbar');
  });

  it.each(['', 'x'.repeat(129), 'emoji \u{1f600}', 'snow\u2603'])('refuses %j', (value) => {
    expect(() => checkPasswordParameter('password', value)).toThrow(InvalidInputError);
  });
});

describe('toPasswordPolicy', () => {
  it('fills omitted parameters with the defaults', () => {
    expect(toPasswordPolicy({})).toEqual(DEFAULT_PASSWORD_POLICY);
    expect(toPasswordPolicy({ requireSymbols: true, maxPasswordAge: 90 })).toEqual({
      ...DEFAULT_PASSWORD_POLICY,
      requireSymbols: true,
      maxPasswordAge: 90,
    });
  });

  it.each([
    { minimumPasswordLength: 5 },
    { minimumPasswordLength: 129 },
    { minimumPasswordLength: 8.5 },
    { maxPasswordAge: 0 },
    { maxPasswordAge: 1096 },
    { passwordReusePrevention: 0 },
    { passwordReusePrevention: 25 },
  ])('refuses %j with InvalidInput', (input) => {
    expect(() => toPasswordPolicy(input)).toThrow(InvalidInputError);
  });

  it('accepts the range bounds', () => {
    expect(() =>
      toPasswordPolicy({ minimumPasswordLength: 6, maxPasswordAge: 1, passwordReusePrevention: 1 }),
    ).not.toThrow();
    expect(() =>
      toPasswordPolicy({
        minimumPasswordLength: 128,
        maxPasswordAge: 1095,
        passwordReusePrevention: 24,
      }),
    ).not.toThrow();
  });

  it('lists several problems at once as a ValidationError', () => {
    try {
      toPasswordPolicy({
        minimumPasswordLength: 1,
        maxPasswordAge: 0,
        passwordReusePrevention: 99,
      });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).problems).toHaveLength(3);
    }
  });
});

describe('passwordExpiry', () => {
  const changed = new Date('2026-01-01T00:00:00Z');

  it('never expires without maxPasswordAge', () => {
    expect(passwordExpiry(changed, DEFAULT_PASSWORD_POLICY, new Date('2099-01-01'))).toEqual({
      expired: false,
      hardExpired: false,
      expiresAt: null,
    });
  });

  it('expires maxPasswordAge days after the change; hard only with hardExpiry', () => {
    const policy = { ...DEFAULT_PASSWORD_POLICY, maxPasswordAge: 30 };
    const expiresAt = new Date('2026-01-31T00:00:00Z');
    expect(passwordExpiry(changed, policy, new Date('2026-01-30T23:59:59Z'))).toEqual({
      expired: false,
      hardExpired: false,
      expiresAt,
    });
    expect(passwordExpiry(changed, policy, expiresAt).expired).toBe(true);
    expect(passwordExpiry(changed, policy, expiresAt).hardExpired).toBe(false);
    expect(passwordExpiry(changed, { ...policy, hardExpiry: true }, expiresAt).hardExpired).toBe(
      true,
    );
  });
});
