import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../errors/common-errors.js';
import {
  DEFAULT_PAGE_SIZE,
  MAX_PAGE_SIZE,
  VERSIONED_MARKER,
  pageSize,
  plainMarker,
  readMarker,
  toPage,
} from './paginator.js';

const DIGITS = plainMarker((key) => /^\d+$/.test(key));

describe('pageSize', () => {
  it('is 100 when omitted and the value itself from 1 to 1000', () => {
    expect(pageSize(undefined)).toBe(DEFAULT_PAGE_SIZE);
    expect(pageSize(null)).toBe(DEFAULT_PAGE_SIZE);
    expect(pageSize(1)).toBe(1);
    expect(pageSize(MAX_PAGE_SIZE)).toBe(MAX_PAGE_SIZE);
  });

  it.each([0, -1, 1001, 1.5, Number.NaN])('refuses %s as InvalidInput', (maxItems) => {
    expect(() => pageSize(maxItems)).toThrow(InvalidInputError);
    expect(() => pageSize(maxItems)).toThrow('maxItems must be an integer from 1 to 1000');
  });
});

describe('markers', () => {
  it('keep the wire formats: ["v1", key] and the plain key, base64url', () => {
    expect(VERSIONED_MARKER.encode('alice')).toBe(
      Buffer.from('["v1","alice"]').toString('base64url'),
    );
    expect(DIGITS.encode('123456789012')).toBe(Buffer.from('123456789012').toString('base64url'));
  });

  it('read back every key they wrote', () => {
    fc.assert(
      fc.property(
        fc.string().filter((s) => !s.includes('\0')),
        (key) => {
          expect(readMarker(VERSIONED_MARKER.encode(key), VERSIONED_MARKER)).toBe(key);
        },
      ),
    );
    fc.assert(
      fc.property(fc.stringMatching(/^\d{1,19}$/), (key) => {
        expect(readMarker(DIGITS.encode(key), DIGITS)).toBe(key);
      }),
    );
  });

  it('mean the first page when absent; an empty plain marker too, an empty versioned one is refused', () => {
    expect(readMarker(null, VERSIONED_MARKER)).toBeNull();
    expect(readMarker(undefined, DIGITS)).toBeNull();
    expect(readMarker('', DIGITS)).toBeNull();
    expect(() => readMarker('', VERSIONED_MARKER)).toThrow(InvalidInputError);
  });

  it.each([
    ['not base64url JSON', 'not-a-marker', VERSIONED_MARKER],
    ['another version', Buffer.from('["v2","a"]').toString('base64url'), VERSIONED_MARKER],
    ['a NUL in the key', Buffer.from('["v1","a\\u0000"]').toString('base64url'), VERSIONED_MARKER],
    ['a plain key it does not accept', Buffer.from('abc').toString('base64url'), DIGITS],
  ])('refuses %s as InvalidInput', (_title, marker, format) => {
    expect(() => readMarker(marker, format)).toThrow('marker is not one this service returned');
  });
});

describe('toPage', () => {
  const key = (n: number) => String(n);

  it('cuts limit + 1 rows into a truncated page with a marker after its last item', () => {
    const page = toPage([1, 2, 3], 2, key, DIGITS);
    expect(page).toEqual({ items: [1, 2], isTruncated: true, marker: DIGITS.encode('2') });
  });

  it('is the last page when no extra row came back', () => {
    expect(toPage([1, 2], 2, key, DIGITS)).toEqual({
      items: [1, 2],
      isTruncated: false,
      marker: null,
    });
    expect(toPage([], 5, key, DIGITS)).toEqual({ items: [], isTruncated: false, marker: null });
  });

  it('walks every item exactly once, page after page', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 60 }), fc.integer({ min: 1, max: 10 }), (n, limit) => {
        const all = Array.from({ length: n }, (_, i) => i + 1);
        const seen: number[] = [];
        let marker: string | null = null;
        do {
          const after = readMarker(marker, DIGITS);
          const start = after === null ? 0 : Number(after);
          const page = toPage(all.slice(start, start + limit + 1), limit, key, DIGITS);
          seen.push(...page.items);
          marker = page.marker;
        } while (marker !== null);
        expect(seen).toEqual(all);
      }),
    );
  });
});
