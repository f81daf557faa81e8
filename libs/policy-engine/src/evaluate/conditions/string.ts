import { globMatch } from '../../compile/matchers/glob.js';
import { compileGlob, runMatcher } from '../../compile/matchers/static-matcher.js';
import { parseTemplate, resolveTemplate, type Template } from '../../compile/variables.js';
import type { RequestContextView } from '../request-context.js';
import type { BuiltTest, ValueTest } from './value-test.js';

// AWS: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_String
// StringEquals / StringNotEquals: exact, case-sensitive. ...IgnoreCase: case-insensitive. StringLike /
// StringNotLike: case-sensitive, `*` and `?` anywhere. Policy variables are supported.

/** Comparison of a string operator. */
export type StringComparison = 'equals' | 'equals-ignore-case' | 'like';

/** Builds the value test of a String* operator. */
export function buildStringTest(
  values: readonly string[],
  comparison: StringComparison,
  variables: boolean,
): BuiltTest {
  const templates = variables ? values.map((v) => parseTemplate(v)) : values.map(() => null);
  if (templates.some((t) => t !== null))
    return { test: dynamicTest(values, templates, comparison) };
  switch (comparison) {
    case 'equals':
      return { test: equalsTest(values) };
    case 'equals-ignore-case':
      return { test: equalsIgnoreCaseTest(values.map((v) => v.toLowerCase())) };
    case 'like': {
      const matchers = values.map((v) => compileGlob(v));
      if (matchers.length === 1) {
        const m = matchers[0]!;
        return { test: (v) => runMatcher(m, v) };
      }
      return { test: (v) => matchers.some((m) => runMatcher(m, v)) };
    }
  }
}

function equalsTest(values: readonly string[]): ValueTest {
  if (values.length === 1) {
    const only = values[0]!;
    return (v) => v === only;
  }
  if (values.length > 8) {
    const set = new Set(values);
    return (v) => set.has(v);
  }
  return (v) => values.includes(v);
}

function equalsIgnoreCaseTest(lowered: readonly string[]): ValueTest {
  const set = new Set(lowered);
  return (v) => set.has(v.toLowerCase());
}

function dynamicTest(
  values: readonly string[],
  templates: readonly (Template | null)[],
  comparison: StringComparison,
): ValueTest {
  return (requestValue: string, ctx: RequestContextView): boolean => {
    const lookup = (key: string, keyLower: string) => ctx.variable(key, keyLower);
    for (let i = 0; i < values.length; i++) {
      const t = templates[i];
      let pattern = values[i]!;
      let mask: Uint8Array | null = null;
      if (t !== null && t !== undefined) {
        const r = resolveTemplate(t, lookup);
        // A variable with no value is effectively null: nothing equals or is like it (see value-test.ts).
        if (r === null) continue;
        pattern = r.text;
        mask = r.mask;
      }
      if (
        comparison === 'equals'
          ? requestValue === pattern
          : comparison === 'equals-ignore-case'
            ? requestValue.toLowerCase() === pattern.toLowerCase()
            : globMatch(pattern, mask, requestValue)
      ) {
        return true;
      }
    }
    return false;
  };
}
