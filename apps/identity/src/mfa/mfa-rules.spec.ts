import { describe, expect, it } from 'vitest';
import { checkCode, checkDeviceName, checkSerialNumber, mfaArn } from './mfa-rules.js';

describe('MFA input rules', () => {
  it('accepts AWS device names up to 226 characters and refuses others with InvalidInput', () => {
    expect(checkDeviceName('a+=,.@_-Z9')).toBe('a+=,.@_-Z9');
    expect(checkDeviceName('x'.repeat(226))).toHaveLength(226);
    for (const bad of ['', 'x'.repeat(227), 'a b', 'a/b', 'a:b']) {
      expect(() => checkDeviceName(bad)).toThrow(expect.objectContaining({ code: 'InvalidInput' }));
    }
  });

  it('checks serial numbers against AWS length and characters', () => {
    const serial = mfaArn('aws', '123456789012', '/eng/', 'phone');
    expect(serial).toBe('arn:aws:iam::123456789012:mfa/eng/phone');
    expect(checkSerialNumber(serial)).toBe(serial);
    for (const bad of ['short', 'a'.repeat(257), 'arn:aws:iam::1:mfa/a b']) {
      expect(() => checkSerialNumber(bad)).toThrow(
        expect.objectContaining({ code: 'InvalidInput' }),
      );
    }
  });

  it('requires six ASCII digits and never echoes the code', () => {
    expect(checkCode('012345', 'authenticationCode1')).toBe('012345');
    for (const bad of ['12345', '1234567', 'abcdef', '']) {
      let error: unknown;
      try {
        checkCode(bad, 'authenticationCode1');
      } catch (e) {
        error = e;
      }
      expect(error).toMatchObject({ code: 'InvalidInput' });
      if (bad !== '') expect((error as Error).message).not.toContain(bad);
    }
  });
});
