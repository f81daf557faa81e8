import { describe, expect, it } from 'vitest';
import { parseTemplate, resolveTemplate } from './variables.js';

const lookup = (values: Record<string, string>) => (_key: string, keyLower: string) =>
  values[keyLower];

describe('parseTemplate', () => {
  it('returns null for strings without variables', () => {
    expect(parseTemplate('arn:aws:s3:::bucket/*')).toBeNull();
    expect(parseTemplate('a ${ b')).toBeNull();
  });
  it('parses keys, defaults and special characters', () => {
    expect(parseTemplate("x/${aws:username, 'anon'}/${*}")?.parts).toEqual([
      'x/',
      { key: 'aws:username', keyLower: 'aws:username', fallback: 'anon' },
      '/',
      { literal: '*' },
    ]);
  });
});

describe('resolveTemplate', () => {
  it('substitutes case-insensitively by key', () => {
    const t = parseTemplate('home/${AWS:UserName}/*')!;
    expect(resolveTemplate(t, lookup({ 'aws:username': 'alice' }))).toEqual({
      text: 'home/alice/*',
      mask: null,
    });
  });
  it('uses the default when the key is absent, and fails without one', () => {
    expect(resolveTemplate(parseTemplate("${aws:userid, 'anonymous'}")!, lookup({}))?.text).toBe(
      'anonymous',
    );
    expect(resolveTemplate(parseTemplate('${aws:userid}')!, lookup({}))).toBeNull();
  });
  it('marks substituted wildcard characters as literal', () => {
    const r = resolveTemplate(parseTemplate('${x}*${?}')!, lookup({ x: 'a*' }))!;
    expect(r.text).toBe('a**?');
    expect([...r.mask!]).toEqual([0, 0, 1, 0]);
  });
});
