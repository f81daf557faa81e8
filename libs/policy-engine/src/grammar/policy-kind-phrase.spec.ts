import { describe, expect, it } from 'vitest';
import { policyKindPhrase } from './policy-elements.js';

describe(policyKindPhrase.name, () => {
  it.each([
    ['inline-user', 'an inline user policy'],
    ['inline-role', 'an inline role policy'],
    ['managed', 'a managed policy'],
    ['trust', 'a trust policy'],
    ['resource', 'a resource policy'],
  ])('%s → %s', (kind, phrase) => {
    expect(policyKindPhrase(kind)).toBe(phrase);
  });
});
