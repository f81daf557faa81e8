import { describe, expect, it } from 'vitest';
import { arnGlobMatch, globMatch } from './glob.js';
import {
  compileArnGlob,
  compileGlob,
  runMatcher,
  MATCH_ANY,
  MATCH_EXACT,
  MATCH_PREFIX,
  MATCH_SUFFIX,
} from './static-matcher.js';

describe('globMatch', () => {
  it.each([
    { pattern: 's3:get*', text: 's3:getobject', expected: true },
    { pattern: 's3:get*', text: 's3:putobject', expected: false },
    { pattern: '*object', text: 's3:getobject', expected: true },
    { pattern: 'iam:*accesskey*', text: 'iam:createaccesskey', expected: true },
    { pattern: 'a?c', text: 'abc', expected: true },
    { pattern: 'a?c', text: 'ac', expected: false },
    { pattern: '*', text: '', expected: true },
    { pattern: 'a*b*c', text: 'axxbyyc', expected: true },
    { pattern: 'a*b*c', text: 'axxbyy', expected: false },
    { pattern: 'home/*', text: 'home/a:b/c', expected: true },
  ])('`$pattern` against `$text` is $expected', ({ pattern, text, expected }) => {
    expect(globMatch(pattern, null, text)).toBe(expected);
  });

  it('treats masked-out wildcard characters as literals', () => {
    const mask = new Uint8Array([0, 0]);
    expect(globMatch('a*', mask, 'a*')).toBe(true);
    expect(globMatch('a*', mask, 'ab')).toBe(false);
  });
});

describe('arnGlobMatch', () => {
  it('lets a `*` at the end of a segment cross colons', () => {
    expect(arnGlobMatch('arn:aws:iam::*:role/x', null, 'arn:aws:iam::123456789012:role/x')).toBe(
      true,
    );
    expect(arnGlobMatch('arn:aws:s3:::bucket/*', null, 'arn:aws:s3:::bucket/a:b')).toBe(true);
  });
  it('keeps a `*` inside a segment within the segment', () => {
    expect(
      arnGlobMatch(
        'arn:aws:sqs:us-*-1:111122223333:q',
        null,
        'arn:aws:sqs:us-east-1:111122223333:q',
      ),
    ).toBe(true);
    expect(arnGlobMatch('arn:aws:s3:::a*b', null, 'arn:aws:s3:::a:xb')).toBe(false);
    expect(arnGlobMatch('arn:aws:s3:::a*b', null, 'arn:aws:s3:::axxb')).toBe(true);
  });
  it('does not let `?` match a colon', () => {
    expect(arnGlobMatch('arn:aws:s3:::a?b', null, 'arn:aws:s3:::a:b')).toBe(false);
    expect(arnGlobMatch('arn:aws:s3:::a?b', null, 'arn:aws:s3:::axb')).toBe(true);
  });
  it('is case-sensitive', () => {
    expect(arnGlobMatch('arn:aws:s3:::Bucket/*', null, 'arn:aws:s3:::bucket/x')).toBe(false);
  });
});

describe('compileGlob', () => {
  it('chooses fast paths', () => {
    expect(compileGlob('*').kind).toBe(MATCH_ANY);
    expect(compileGlob('s3:getobject').kind).toBe(MATCH_EXACT);
    expect(compileGlob('s3:get*').kind).toBe(MATCH_PREFIX);
    expect(compileGlob('*report').kind).toBe(MATCH_SUFFIX);
    expect(compileArnGlob('arn:aws:s3:::b/*')).toMatchObject({
      kind: MATCH_PREFIX,
      text: 'arn:aws:s3:::b/',
    });
  });
  it('matches the same as the general algorithm', () => {
    for (const p of ['*', 'ab', 'a*', '*b', 'a*b', 'a?b*']) {
      for (const t of ['', 'a', 'ab', 'axb', 'ba', 'axbyy']) {
        expect(runMatcher(compileGlob(p), t)).toBe(globMatch(p, null, t));
      }
    }
  });
});
