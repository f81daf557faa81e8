import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { referenceArnGlobMatch, referenceGlobMatch } from '../../../bench/reference-glob.js';
import { arnGlobMatch, globMatch } from './glob.js';
import {
  compileArnGlob,
  compileGlob,
  MATCH_ANY,
  MATCH_ARN_SEGMENTS,
  MATCH_EXACT,
  MATCH_GLOB,
  MATCH_PREFIX,
  MATCH_PREFIX_SUFFIX,
  MATCH_SUFFIX,
  runMatcher,
} from './static-matcher.js';

// The matchers chosen at compile time must agree with the general algorithm they replace (the previous
// implementation, kept unchanged in bench/reference-glob.ts) on every pattern and text.

const RUNS = 3000;

/** Small alphabets so that random texts often hit the pattern's literals and colons. */
const patternChar = fc.constantFrom('a', 'b', ':', '/', '-', '*', '*', '?');
const textChar = fc.constantFrom('a', 'b', ':', '/', '-');
const pattern = fc.array(patternChar, { maxLength: 14 }).map((cs) => cs.join(''));
const text = fc.array(textChar, { maxLength: 16 }).map((cs) => cs.join(''));

/** A text built from the pattern (each wildcard replaced by a random run) so that matches are frequent. */
const patternAndNearText = pattern.chain((p) =>
  fc
    .array(
      fc.array(textChar, { maxLength: 4 }).map((cs) => cs.join('')),
      {
        minLength: p.length,
        maxLength: p.length,
      },
    )
    .map((fills) => {
      let t = '';
      for (let i = 0; i < p.length; i++) {
        const c = p[i]!;
        t += c === '*' ? fills[i]! : c === '?' ? (fills[i]![0] ?? 'a') : c;
      }
      return { p, t };
    }),
);
const patternAndText = fc.oneof(
  fc.record({ p: pattern, t: text }),
  patternAndNearText,
  // Realistic shapes: ARNs with wildcards inside and at the end of segments.
  fc.record({
    p: fc
      .tuple(
        fc.constantFrom('s3', 's?', '*'),
        fc.constantFrom('', '*', 'us-*-1', 'us-east-1'),
        fc.constantFrom('', '111122223333', '*', '1111*'),
        fc.constantFrom(
          '*team-0-*',
          'team-0/*',
          '*',
          'bucket-*-logs',
          'a*b*c',
          'x?y:*',
          'role/*:z',
        ),
      )
      .map(([svc, region, account, res]) => `arn:aws:${svc}:${region}:${account}:${res}`),
    t: fc
      .tuple(
        fc.constantFrom('s3', 'sqs', 's4'),
        fc.constantFrom('', 'us-east-1', 'eu-west-1'),
        fc.constantFrom('', '111122223333', '444455556666'),
        fc.constantFrom(
          'my-team-0-bucket',
          'team-0/x',
          'team-0-',
          'a:team-0-b',
          'bucket-x-logs',
          'bucket-x:y-logs',
          'abc',
          'axbyc:d',
          'xzy:q:r',
          'role/a:z',
          'role/a:b:z',
        ),
      )
      .map(([svc, region, account, res]) => `arn:aws:${svc}:${region}:${account}:${res}`),
  }),
);

describe('compileArnGlob', () => {
  it('agrees with the general ARN glob on random patterns and texts', () => {
    fc.assert(
      fc.property(patternAndText, ({ p, t }) => {
        expect(runMatcher(compileArnGlob(p), t)).toBe(referenceArnGlobMatch(p, null, t));
      }),
      { numRuns: RUNS * 3 },
    );
  });

  it('agrees with it on dense star patterns within one segment (overlapping runs)', () => {
    const dense = fc.record({
      p: fc.array(fc.constantFrom('a', 'b', '*'), { maxLength: 9 }).map((cs) => cs.join('')),
      t: fc.array(fc.constantFrom('a', 'b'), { maxLength: 9 }).map((cs) => cs.join('')),
      suffix: fc.constantFrom('', ':x', ':a:b'),
    });
    fc.assert(
      fc.property(dense, ({ p, t, suffix }) => {
        const pattern = `arn:aws:s3:::${p}${suffix}`;
        const value = `arn:aws:s3:::${t}${suffix}`;
        expect(runMatcher(compileArnGlob(pattern), value)).toBe(
          referenceArnGlobMatch(pattern, null, value),
        );
      }),
      { numRuns: RUNS },
    );
    expect(runMatcher(compileArnGlob('arn:aws:s3:::a*bc*c'), 'arn:aws:s3:::abc')).toBe(false);
  });

  it.each([
    ['*', MATCH_ANY],
    ['arn:aws:s3:::bucket/key', MATCH_EXACT],
    ['arn:aws:s3:::bucket/*', MATCH_PREFIX],
    ['*:role/admin', MATCH_SUFFIX],
    ['arn:aws:iam::*:role/admin', MATCH_PREFIX_SUFFIX],
    ['arn:aws:s3:::bucket-*-logs', MATCH_PREFIX_SUFFIX],
    ['arn:aws:s3:*:111122223333:*team-0-*', MATCH_ARN_SEGMENTS],
    ['arn:aws:sqs:us-*-1:111122223333:queue-?', MATCH_ARN_SEGMENTS],
  ])('chooses a specialised matcher for `%s`', (p, kind) => {
    expect(compileArnGlob(p).kind).toBe(kind);
  });

  it('matches mid-segment wildcards within their segment only', () => {
    const m = compileArnGlob('arn:aws:s3:*:111122223333:*team-0-*');
    expect(runMatcher(m, 'arn:aws:s3:us-east-1:111122223333:my-team-0-bucket/a:b')).toBe(true);
    expect(runMatcher(m, 'arn:aws:s3::111122223333:team-0-')).toBe(true);
    expect(runMatcher(m, 'arn:aws:s3:a:b:111122223333:x-team-0-y')).toBe(true);
    expect(runMatcher(m, 'arn:aws:s3:us-east-1:111122223333:a:team-0-b')).toBe(false);
    expect(runMatcher(m, 'arn:aws:s3:us-east-1:444455556666:my-team-0-bucket')).toBe(false);
  });

  it('keeps a single in-segment `*` away from colons', () => {
    const m = compileArnGlob('arn:aws:s3:::bucket-*-logs');
    expect(runMatcher(m, 'arn:aws:s3:::bucket-x-logs')).toBe(true);
    expect(runMatcher(m, 'arn:aws:s3:::bucket-x:y-logs')).toBe(false);
    expect(runMatcher(m, 'arn:aws:s3:::bucket-logs')).toBe(false);
  });
});

describe('compileGlob', () => {
  it('agrees with the general glob on random patterns and texts', () => {
    fc.assert(
      fc.property(patternAndText, ({ p, t }) => {
        expect(runMatcher(compileGlob(p), t)).toBe(referenceGlobMatch(p, null, t));
      }),
      { numRuns: RUNS },
    );
  });

  it.each([
    ['s3:get*', MATCH_PREFIX],
    ['*object', MATCH_SUFFIX],
    ['s3:*object', MATCH_PREFIX_SUFFIX],
    ['s3:*object*', MATCH_GLOB],
  ])('chooses a specialised matcher for `%s`', (p, kind) => {
    expect(compileGlob(p).kind).toBe(kind);
  });
});

describe('masked patterns (policy variables)', () => {
  const masked = patternAndText.chain(({ p, t }) =>
    fc
      .array(fc.boolean(), { minLength: p.length, maxLength: p.length })
      .map((bits) => ({ p, t, mask: Uint8Array.from(bits, (b) => (b ? 1 : 0)) })),
  );

  it('the ARN glob with its reused buffer agrees with the allocating reference', () => {
    fc.assert(
      fc.property(masked, ({ p, t, mask }) => {
        expect(arnGlobMatch(p, mask, t)).toBe(referenceArnGlobMatch(p, mask, t));
        expect(arnGlobMatch(p, null, t)).toBe(referenceArnGlobMatch(p, null, t));
      }),
      { numRuns: RUNS },
    );
  });

  it('the plain glob agrees with the reference', () => {
    fc.assert(
      fc.property(masked, ({ p, t, mask }) => {
        expect(globMatch(p, mask, t)).toBe(referenceGlobMatch(p, mask, t));
      }),
      { numRuns: RUNS },
    );
  });

  it('reuses its buffer across texts of different lengths', () => {
    const long = `arn:aws:s3:::${'x'.repeat(2000)}b`;
    expect(arnGlobMatch('arn:aws:s3:::*b', null, long)).toBe(true);
    expect(arnGlobMatch('arn:aws:s3:::*b', null, 'arn:aws:s3:::xb')).toBe(true);
    expect(arnGlobMatch('arn:aws:s3:::*b', null, 'arn:aws:s3:::x:b')).toBe(false);
  });
});
