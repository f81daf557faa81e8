import { describe, expect, it } from 'vitest';
import { SecretBox, SecretBoxError, generateDataKey } from './secret-box.js';

describe(SecretBox.name, () => {
  const k1 = generateDataKey();
  const k2 = generateDataKey();

  it('opens what it sealed, and never leaves the plaintext in the sealed value', () => {
    const box = new SecretBox([k1]);
    const sealed = box.seal('JBSWY3DPEHPK3PXP', 'mfa:1');
    expect(sealed).not.toContain('JBSWY3DPEHPK3PXP');
    expect(box.open(sealed, 'mfa:1').toString()).toBe('JBSWY3DPEHPK3PXP');
    expect(box.seal('x', 'a')).not.toBe(box.seal('x', 'a'));
  });

  it('refuses a value moved to another row (associated data) or tampered with', () => {
    const box = new SecretBox([k1]);
    const sealed = box.seal('seed', 'mfa:1');
    expect(() => box.open(sealed, 'mfa:2')).toThrow(SecretBoxError);
    const parts = sealed.split('.');
    const body = Buffer.from(parts[3]!, 'base64url');
    body[0] = body[0]! ^ 1;
    parts[3] = body.toString('base64url');
    expect(() => box.open(parts.join('.'), 'mfa:1')).toThrow(SecretBoxError);
    expect(() => box.open('v1.x.y', 'mfa:1')).toThrow(SecretBoxError);
  });

  it('seals with the first key and opens with any key of the ring (rotation)', () => {
    const old = new SecretBox([k1]).seal('seed', 'a');
    const rotated = new SecretBox([k2, k1]);
    expect(rotated.open(old, 'a').toString()).toBe('seed');
    expect(() => new SecretBox([k2]).open(old, 'a')).toThrow(/no key with id/);
    expect(rotated.seal('s', 'a').split('.')[1]).not.toBe(old.split('.')[1]);
  });

  it('accepts only 32-byte keys', () => {
    expect(() => new SecretBox(['c2hvcnQ'])).toThrow(/32 bytes/);
    expect(() => new SecretBox([])).toThrow();
  });

  it('derives one stable 32-byte key per label and sealing key, never the sealing key itself', () => {
    const [k1, k2] = [generateDataKey(), generateDataKey()];
    const box = new SecretBox([k1, k2]);
    const a = box.deriveKey('purpose-a');
    expect(a).toHaveLength(32);
    expect(new SecretBox([k1]).deriveKey('purpose-a').equals(a)).toBe(true);
    expect(box.deriveKey('purpose-b').equals(a)).toBe(false);
    expect(new SecretBox([k2, k1]).deriveKey('purpose-a').equals(a)).toBe(false);
    expect(a.equals(Buffer.from(k1, 'base64url'))).toBe(false);
  });
});
