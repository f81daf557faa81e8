import { describe, expect, it } from 'vitest';
import { commonPasswordCount, isCommonPassword } from './breached-passwords.js';

describe('the bundled common-password list', () => {
  it('holds at least 10,000 passwords', () => {
    expect(commonPasswordCount()).toBeGreaterThanOrEqual(10_000);
  });

  it.each(['123456', 'password', 'qwerty', 'letmein', 'trustno1', 'sunshine'])(
    'knows %s',
    (password) => {
      expect(isCommonPassword(password)).toBe(true);
    },
  );

  it('ignores case', () => {
    expect(isCommonPassword('PassWord')).toBe(true);
    expect(isCommonPassword('LETMEIN')).toBe(true);
  });

  it('does not flag an uncommon passphrase', () => {
    expect(isCommonPassword('violet-anchor-prism-47')).toBe(false);
  });
});
