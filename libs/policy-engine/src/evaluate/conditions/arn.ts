import { globMatch } from '../../compile/matchers/glob.js';
import { parseTemplate, resolveTemplate, type Template } from '../../compile/variables.js';
import type { RequestContextView } from '../request-context.js';
import type { BuiltTest } from './value-test.js';

// AWS: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_ARN
// ArnEquals, ArnLike: "Case-sensitive matching of the ARN. Each of the six colon-delimited components of the ARN
// is checked separately and each can include multi-character match wildcards (*) or single-character match
// wildcards (?)." ArnEquals and ArnLike behave the same. Policy variables are supported.

/** Splits an ARN into its six components (the last keeps any further colons); null when it has fewer. */
export function splitArn(s: string): string[] | null {
  const out: string[] = [];
  let start = 0;
  for (let i = 0; i < 5; i++) {
    const c = s.indexOf(':', start);
    if (c === -1) return null;
    out.push(s.slice(start, c));
    start = c + 1;
  }
  out.push(s.slice(start));
  return out;
}

function masks(mask: Uint8Array | null, text: string): (Uint8Array | null)[] {
  if (mask === null) return [null, null, null, null, null, null];
  const out: (Uint8Array | null)[] = [];
  let start = 0;
  for (let i = 0; i < 5; i++) {
    const c = text.indexOf(':', start);
    out.push(mask.subarray(start, c));
    start = c + 1;
  }
  out.push(mask.subarray(start));
  return out;
}

/** Segment-wise ARN glob. A bare `*` pattern matches any value. */
export function arnLike(pattern: string, mask: Uint8Array | null, value: string): boolean {
  if (pattern === '*' && mask === null) return true;
  const p = splitArn(pattern);
  const v = splitArn(value);
  if (p === null || v === null) return false;
  const ms = masks(mask, pattern);
  for (let i = 0; i < 6; i++) {
    if (!globMatch(p[i]!, ms[i]!, v[i]!)) return false;
  }
  return true;
}

/** Builds the test of the Arn* operators (negation is applied by the caller). */
export function buildArnTest(values: readonly string[], variables: boolean): BuiltTest {
  const templates: (Template | null)[] = variables
    ? values.map((v) => parseTemplate(v))
    : values.map(() => null);
  if (templates.every((t) => t === null)) {
    const split = values.map((v) => (v === '*' ? null : splitArn(v)));
    return {
      test: (value) => {
        let vs: string[] | null | undefined;
        for (let i = 0; i < split.length; i++) {
          const p = split[i];
          if (p === null) {
            if (values[i] === '*') return true;
            continue;
          }
          if (vs === undefined) vs = splitArn(value);
          if (vs === null) return false;
          let ok = true;
          for (let s = 0; s < 6 && ok; s++) ok = globMatch(p![s]!, null, vs[s]!);
          if (ok) return true;
        }
        return false;
      },
    };
  }
  return {
    test: (value: string, ctx: RequestContextView) => {
      const lookup = (key: string, keyLower: string) => ctx.variable(key, keyLower);
      for (let i = 0; i < values.length; i++) {
        const t = templates[i];
        if (t === null || t === undefined) {
          if (arnLike(values[i]!, null, value)) return true;
          continue;
        }
        const r = resolveTemplate(t, lookup);
        // A variable with no value is effectively null: no ARN is like it (see value-test.ts).
        if (r === null) continue;
        if (arnLike(r.text, r.mask, value)) return true;
      }
      return false;
    },
  };
}
