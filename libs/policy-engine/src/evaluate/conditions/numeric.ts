import type { BuiltTest } from './value-test.js';

// AWS: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_Numeric

/** Ordering comparisons shared by numeric and date operators: request value OP policy value. */
export type Ordering = 'eq' | 'lt' | 'le' | 'gt' | 'ge';

/** Parses a decimal number; NaN when the text is not one. */
export function parseNumber(s: string): number {
  if (s.trim() === '') return Number.NaN;
  const n = Number(s);
  return Number.isFinite(n) ? n : Number.NaN;
}

/** Compares two numbers with an ordering. */
export function compareOrdered(a: number, b: number, op: Ordering): boolean {
  switch (op) {
    case 'eq':
      return a === b;
    case 'lt':
      return a < b;
    case 'le':
      return a <= b;
    case 'gt':
      return a > b;
    case 'ge':
      return a >= b;
  }
}

/**
 * Builds the test of a Numeric* operator from already-parsed policy values. A request value that is not a
 * number matches nothing (so NumericNotEquals is then true, as for any value that is not equal).
 */
export function buildOrderedTest(
  values: readonly string[],
  op: Ordering,
  parse: (s: string) => number,
  what: string,
): BuiltTest {
  const numbers: number[] = [];
  for (const v of values) {
    const n = parse(v);
    if (Number.isNaN(n)) return { error: `\`${v}\` is not a valid ${what}` };
    numbers.push(n);
  }
  if (numbers.length === 1) {
    const b = numbers[0]!;
    return {
      test: (v) => {
        const a = parse(v);
        return !Number.isNaN(a) && compareOrdered(a, b, op);
      },
    };
  }
  return {
    test: (v) => {
      const a = parse(v);
      if (Number.isNaN(a)) return false;
      for (const b of numbers) if (compareOrdered(a, b, op)) return true;
      return false;
    },
  };
}
