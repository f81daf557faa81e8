import { arnGlobMatch } from '../src/compile/matchers/glob.js';

/**
 * Reference wildcard matchers, written for clarity rather than speed: dynamic programmes over (pattern index,
 * text index) that allocate their rows on every call, as the general ARN matcher did before matchers were chosen
 * per pattern (commit 4ef0737).
 *
 * The property tests use them as the oracle every specialised matcher must agree with, and `npm run bench` plugs
 * {@link referenceResourcePredicate} into the evaluator to measure the "before" figures in the same run.
 */

/** 1 at the positions of `*`/`?` that are wildcards; null: all of them are. */
export type ReferenceMask = Uint8Array | null;

const STAR = 42; // '*'
const QMARK = 63; // '?'
const COLON = 58; // ':'

function wild(mask: ReferenceMask, i: number): boolean {
  return mask === null || mask[i] === 1;
}

/**
 * ARN semantics: a `*` followed by `:` or ending the pattern matches any run, any other `*` a run without `:`;
 * `?` one character other than `:`.
 */
export function referenceArnGlobMatch(pattern: string, mask: ReferenceMask, text: string): boolean {
  return dp(pattern, mask, text, true);
}

/** Plain glob: `*` any run, `?` any one character. */
export function referenceGlobMatch(pattern: string, mask: ReferenceMask, text: string): boolean {
  return dp(pattern, mask, text, false);
}

function dp(pattern: string, mask: ReferenceMask, text: string, arn: boolean): boolean {
  const m = pattern.length;
  const n = text.length;
  // prev[j]: pattern[0..i) matches text[0..j)
  let prev = new Uint8Array(n + 1);
  let cur = new Uint8Array(n + 1);
  prev[0] = 1;
  for (let i = 0; i < m; i++) {
    const c = pattern.charCodeAt(i);
    cur.fill(0);
    if (c === STAR && wild(mask, i)) {
      const crossing = !arn || i + 1 === m || pattern.charCodeAt(i + 1) === COLON;
      cur[0] = prev[0]!;
      for (let j = 1; j <= n; j++) {
        const extend = cur[j - 1] === 1 && (crossing || text.charCodeAt(j - 1) !== COLON);
        cur[j] = prev[j] === 1 || extend ? 1 : 0;
      }
    } else {
      const q = c === QMARK && wild(mask, i);
      for (let j = 1; j <= n; j++) {
        if (prev[j - 1] !== 1) continue;
        const t = text.charCodeAt(j - 1);
        if (q ? !arn || t !== COLON : t === c) cur[j] = 1;
      }
    }
    const swap = prev;
    prev = cur;
    cur = swap;
  }
  return prev[n] === 1;
}

/**
 * The Resource matcher as chosen before (the "before" of the benchmark): `*`, exact, a pure trailing-`*`
 * prefix; otherwise the general ARN glob, which ran the allocating dynamic programme whenever a `*` stays within
 * its segment and the greedy glob (unchanged since, `arnGlobMatch`) when every `*` may cross colons.
 */
export function referenceResourcePredicate(pattern: string): (value: string) => boolean {
  if (pattern === '*') return () => true;
  if (!pattern.includes('*') && !pattern.includes('?')) return (v) => v === pattern;
  const last = pattern.length - 1;
  const q = pattern.indexOf('?');
  if (q === -1 && pattern.indexOf('*') === last) {
    const prefix = pattern.slice(0, last);
    return (v) => v.startsWith(prefix);
  }
  let restricted = false;
  for (let i = 0; i < last; i++) {
    if (pattern.charCodeAt(i) === STAR && pattern.charCodeAt(i + 1) !== COLON) restricted = true;
  }
  return restricted
    ? (v) => referenceArnGlobMatch(pattern, null, v)
    : (v) => arnGlobMatch(pattern, null, v);
}
