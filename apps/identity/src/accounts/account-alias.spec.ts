import { describe, expect, it } from 'vitest';
import { isValidAccountAlias } from './account-alias.js';

describe(isValidAccountAlias.name, () => {
  it.each(['abc', 'my-company', 'a1-b2-c3', 'x'.repeat(63)])('accepts `%s`', (alias) => {
    expect(isValidAccountAlias(alias)).toBe(true);
  });

  it.each(['ab', '-abc', 'abc-', 'a--b', 'ABC', 'a_b', 'x'.repeat(64), 'é12'])(
    'rejects `%s`',
    (alias) => {
      expect(isValidAccountAlias(alias)).toBe(false);
    },
  );
});
