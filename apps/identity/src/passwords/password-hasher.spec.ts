import { describe, expect, it } from 'vitest';
import { DEFAULT_ARGON2ID_OPTIONS, PasswordHasher } from './password-hasher.js';

describe('PasswordHasher', () => {
  const hasher = new PasswordHasher();

  it('makes argon2id PHC strings with the OWASP minimum parameters and a fresh salt', async () => {
    const a = await hasher.hash('violet-anchor-prism-47');
    const b = await hasher.hash('violet-anchor-prism-47');
    expect(a.startsWith('$argon2id$v=19$m=19456,t=2,p=1$')).toBe(true);
    expect(a).not.toBe(b);
    expect(a).not.toContain('violet');
  });

  it('verifies the right password and refuses a wrong one', async () => {
    const phc = await hasher.hash('violet-anchor-prism-47');
    expect(await hasher.verify(phc, 'violet-anchor-prism-47')).toBe(true);
    expect(await hasher.verify(phc, 'violet-anchor-prism-48')).toBe(false);
  });

  it('answers false for a malformed stored hash', async () => {
    expect(await hasher.verify('not-a-hash', 'anything')).toBe(false);
  });

  it('spends a verification on the dummy path and always answers false', async () => {
    expect(await hasher.verifyDummy('anything')).toBe(false);
  });

  it('asks to rehash a hash made with other parameters', async () => {
    const weak = new PasswordHasher({ ...DEFAULT_ARGON2ID_OPTIONS, memoryCost: 8192, timeCost: 1 });
    const old = await weak.hash('violet-anchor-prism-47');
    expect(old.startsWith('$argon2id$v=19$m=8192,t=1,p=1$')).toBe(true);
    expect(hasher.needsRehash(old)).toBe(true);
    expect(hasher.needsRehash(await hasher.hash('x'))).toBe(false);
    expect(hasher.needsRehash('garbage')).toBe(true);
    // Older parameters still verify.
    expect(await hasher.verify(old, 'violet-anchor-prism-47')).toBe(true);
  });
});
