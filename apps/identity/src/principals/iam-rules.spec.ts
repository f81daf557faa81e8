import { describe, expect, it } from 'vitest';
import {
  checkName,
  checkPath,
  decodeMarker,
  encodeMarker,
  mergeTags,
  newUniqueId,
  principalArn,
  removeTags,
} from './iam-rules.js';

describe('IAM identifier rules', () => {
  it.each(['a', 'A+=,.@_-9', 'x'.repeat(64)])('accepts the user name `%s`', (name) => {
    expect(checkName('user', name)).toBe(name);
  });

  it.each(['', 'a b', 'a/b', 'é', 'x'.repeat(65)])('rejects the user name `%s`', (name) => {
    expect(() => checkName('user', name)).toThrow(
      expect.objectContaining({ code: 'InvalidInput' }),
    );
  });

  it('allows group names up to 128 characters', () => {
    expect(checkName('group', 'g'.repeat(128))).toHaveLength(128);
    expect(() => checkName('group', 'g'.repeat(129))).toThrow();
  });

  it.each(['/', '/a/', '/a/b-c/', `/${'a'.repeat(510)}/`])('accepts the path `%s`', (path) => {
    expect(checkPath(path)).toBe(path);
  });

  it.each(['', 'a/', '/a', '/a b/', `/${'a'.repeat(511)}/`])('rejects the path `%s`', (path) => {
    expect(() => checkPath(path)).toThrow(expect.objectContaining({ code: 'InvalidInput' }));
  });

  it('draws ids with the AWS prefix and 17 base32 characters', () => {
    expect(newUniqueId('user')).toMatch(/^AIDA[A-Z2-7]{17}$/);
    expect(newUniqueId('group')).toMatch(/^AGPA[A-Z2-7]{17}$/);
    expect(newUniqueId('role')).toMatch(/^AROA[A-Z2-7]{17}$/);
    expect(newUniqueId('user')).not.toBe(newUniqueId('user'));
  });

  it('builds ARNs with the path between the type and the name', () => {
    expect(principalArn('aws', '111122223333', 'user', '/', 'bob')).toBe(
      'arn:aws:iam::111122223333:user/bob',
    );
    expect(principalArn('aws-cn', '111122223333', 'role', '/a/b/', 'r')).toBe(
      'arn:aws-cn:iam::111122223333:role/a/b/r',
    );
  });

  it('round-trips markers and rejects foreign ones', () => {
    expect(decodeMarker(encodeMarker('bob'))).toBe('bob');
    expect(decodeMarker(null)).toBeNull();
    expect(() => decodeMarker('Ym9i')).toThrow(expect.objectContaining({ code: 'InvalidInput' }));
  });

  it.each([
    ['a NUL', 'a\u0000b'],
    ['an unpaired surrogate', 'a\ud800'],
  ])('rejects a well-formed marker whose sort key holds %s', (_label, key) => {
    expect(() => decodeMarker(encodeMarker(key))).toThrow(
      expect.objectContaining({ code: 'InvalidInput' }),
    );
  });

  it('merges tags by key ignoring case and removes them the same way', () => {
    const merged = mergeTags([{ key: 'Team', value: 'a' }], [{ key: 'TEAM', value: 'b' }]);
    expect(merged).toEqual([{ key: 'Team', value: 'b' }]);
    expect(removeTags(merged, ['team'])).toEqual([]);
  });
});
