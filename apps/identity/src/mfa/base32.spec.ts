import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { decodeBase32, encodeBase32 } from './base32.js';

describe('base32', () => {
  // RFC 4648 section 10 test vectors, without the padding.
  it.each([
    ['', ''],
    ['f', 'MY'],
    ['fo', 'MZXQ'],
    ['foo', 'MZXW6'],
    ['foob', 'MZXW6YQ'],
    ['fooba', 'MZXW6YTB'],
    ['foobar', 'MZXW6YTBOI'],
  ])('encodes %j as %j (RFC 4648) and back', (text, encoded) => {
    expect(encodeBase32(Buffer.from(text))).toBe(encoded);
    expect(decodeBase32(encoded).toString()).toBe(text);
  });

  it('round-trips random seeds of every length up to 40 bytes', () => {
    for (let length = 0; length <= 40; length++) {
      const bytes = randomBytes(length);
      expect(decodeBase32(encodeBase32(bytes)).equals(bytes)).toBe(true);
    }
  });

  it('encodes a 20-byte seed as 32 characters of the RFC 4648 alphabet', () => {
    expect(encodeBase32(randomBytes(20))).toMatch(/^[A-Z2-7]{32}$/);
  });

  it('accepts padding, lower case and spaces when decoding, and refuses other characters', () => {
    expect(decodeBase32('mzxw 6ytb oi======').toString()).toBe('foobar');
    expect(() => decodeBase32('MZXW1')).toThrow(RangeError);
    expect(() => decodeBase32('MZ=XW')).toThrow(RangeError);
  });
});
