import { describe, expect, it } from 'vitest';
import { BoundedCache } from './policy-set-cache.js';

describe('BoundedCache', () => {
  it('keeps at most its capacity, evicting the least recently used entry', () => {
    const cache = new BoundedCache<number>(2);
    cache.set('a', 1);
    cache.set('b', 2);
    expect(cache.get('a')).toBe(1); // a is now the most recent
    cache.set('c', 3);
    expect(cache.size).toBe(2);
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBe(1);
    expect(cache.get('c')).toBe(3);
    cache.set('a', 10); // replacing keeps the size
    expect(cache.size).toBe(2);
    expect(cache.get('a')).toBe(10);
    expect({ hits: cache.hits, misses: cache.misses }).toEqual({ hits: 4, misses: 1 });
  });

  it('refuses a capacity below one', () => {
    expect(() => new BoundedCache(0)).toThrow(RangeError);
  });
});
