import { describe, expect, it } from 'vitest';
import { otpauthUri } from './otpauth-uri.js';
import { qrCodePng } from './qr-code.js';

describe('otpauthUri', () => {
  it('builds a Key URI with issuer label, secret and explicit SHA1/6/30 parameters', () => {
    const uri = otpauthUri({
      issuer: 'acme',
      accountName: 'alice-phone',
      secretBase32: 'JBSWY3DP',
    });
    expect(uri).toBe(
      'otpauth://totp/acme:alice-phone?secret=JBSWY3DP&issuer=acme&algorithm=SHA1&digits=6&period=30',
    );
    const parsed = new URL(uri);
    expect(parsed.protocol).toBe('otpauth:');
    expect(parsed.searchParams.get('secret')).toBe('JBSWY3DP');
  });

  it('percent-encodes characters that would break the label or the query', () => {
    const uri = otpauthUri({ issuer: 'a&b c', accountName: 'x@y', secretBase32: 'AA' });
    expect(uri).toContain('otpauth://totp/a%26b%20c:x%40y?');
    expect(new URL(uri).searchParams.get('issuer')).toBe('a&b c');
  });
});

describe('qrCodePng', () => {
  it('renders a PNG image (PNG signature, IHDR chunk)', async () => {
    const png = await qrCodePng('otpauth://totp/acme:x?secret=JBSWY3DP');
    expect(png.subarray(0, 8)).toEqual(
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    );
    expect(png.subarray(12, 16).toString('ascii')).toBe('IHDR');
  });
});
