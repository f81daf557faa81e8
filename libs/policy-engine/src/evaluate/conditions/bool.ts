import type { BuiltTest } from './value-test.js';

// AWS: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_Boolean

/** Builds the test of `Bool`: policy values `true`/`false` (case-insensitive). */
export function buildBoolTest(values: readonly string[]): BuiltTest {
  const wanted = new Set<string>();
  for (const v of values) {
    const l = v.toLowerCase();
    if (l !== 'true' && l !== 'false') return { error: `\`${v}\` is not \`true\` or \`false\`` };
    wanted.add(l);
  }
  return { test: (v) => wanted.has(v.length === 4 || v.length === 5 ? v.toLowerCase() : v) };
}
