/**
 * Wildcard matching for `*` (any run of characters) and `?` (one character), without regular expressions.
 *
 * A pattern is a string plus an optional mask: when a policy variable is substituted into a pattern, the
 * substituted characters are literal (a `*` from `${*}` or from a tag value is not a wildcard), so the mask marks
 * which `*`/`?` positions are wildcards. `mask === null` means every `*` and `?` is a wildcard.
 */

/** 1 at the positions of `*`/`?` that are wildcards; null: all of them are. */
export type WildcardMask = Uint8Array | null;

const STAR = 42; // '*'
const QMARK = 63; // '?'
const COLON = 58; // ':'

function isWild(_pattern: string, mask: WildcardMask, i: number, code: number): boolean {
  return (code === STAR || code === QMARK) && (mask === null || mask[i] === 1);
}

/**
 * Plain glob: `*` matches any run (including `:` and `/`), `?` any single character. Used for actions (the caller
 * lower-cases both sides), `StringLike` and the segments of `ArnLike`.
 */
export function globMatch(pattern: string, mask: WildcardMask, text: string): boolean {
  return greedyGlob(pattern, mask, text, true);
}

/**
 * Resource ARN glob.
 * AWS: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html#reference_policies_elements_resource_wildcards
 * "You can use wildcard characters (* and ?) within any ARN segment (the parts separated by colons) ... If the *
 * wildcard is the last character of a resource ARN segment, it can expand to match beyond the colon boundaries."
 * So: a `*` followed by `:` or at the end of the pattern matches any run; any other `*` matches a run without `:`;
 * `?` matches one character other than `:`.
 */
export function arnGlobMatch(pattern: string, mask: WildcardMask, text: string): boolean {
  const m = pattern.length;
  let restricted = false;
  for (let i = 0; i < m; i++) {
    const c = pattern.charCodeAt(i);
    if (
      c === STAR &&
      isWild(pattern, mask, i, c) &&
      i + 1 < m &&
      pattern.charCodeAt(i + 1) !== COLON
    ) {
      restricted = true;
      break;
    }
  }
  // Every `*` may cross colons: the greedy algorithm is exact.
  return restricted ? arnGlobDp(pattern, mask, text) : greedyGlob(pattern, mask, text, false);
}

/**
 * The greedy single-backtrack glob, exact when every `*` may match any run; `?` matches any character, or any but
 * `:` when `questionMatchesColon` is false.
 */
function greedyGlob(
  pattern: string,
  mask: WildcardMask,
  text: string,
  questionMatchesColon: boolean,
): boolean {
  const m = pattern.length;
  const n = text.length;
  let pi = 0;
  let ti = 0;
  let starP = -1;
  let starT = 0;
  while (ti < n) {
    if (pi < m) {
      const c = pattern.charCodeAt(pi);
      if (c === STAR && isWild(pattern, mask, pi, c)) {
        starP = pi++;
        starT = ti;
        continue;
      }
      const t = text.charCodeAt(ti);
      if (
        c === QMARK && isWild(pattern, mask, pi, c) ? questionMatchesColon || t !== COLON : c === t
      ) {
        pi++;
        ti++;
        continue;
      }
    }
    if (starP < 0) return false;
    pi = starP + 1;
    ti = ++starT;
  }
  while (pi < m && pattern.charCodeAt(pi) === STAR && isWild(pattern, mask, pi, STAR)) pi++;
  return pi === m;
}

/**
 * Rows of the dynamic programme, reused by every call (evaluation is synchronous, so one buffer per process is
 * enough): grown to the longest text seen, never allocated per call.
 */
let dpRows = new Uint8Array(2 * 256);

/**
 * Some `*` must stop at colons: dynamic programming over (pattern index, text index), O(m·n). Only patterns whose
 * wildcards depend on the request (policy variables, with a mask) get here: static patterns are matched by the
 * matcher chosen at compile time (static-matcher.ts).
 */
function arnGlobDp(pattern: string, mask: WildcardMask, text: string): boolean {
  const m = pattern.length;
  const n = text.length;
  const w = n + 1;
  if (dpRows.length < 2 * w) dpRows = new Uint8Array(2 * w * 2);
  const rows = dpRows;
  // Row `prev` at offset p, row `cur` at offset c; prev[j]: pattern[0..i) matches text[0..j).
  let p = 0;
  let c = w;
  rows.fill(0, 0, w);
  rows[0] = 1;
  for (let i = 0; i < m; i++) {
    const code = pattern.charCodeAt(i);
    rows.fill(0, c, c + w);
    if (code === STAR && isWild(pattern, mask, i, code)) {
      const crossing = i + 1 === m || pattern.charCodeAt(i + 1) === COLON;
      rows[c] = rows[p]!;
      for (let j = 1; j <= n; j++) {
        rows[c + j] =
          rows[p + j] === 1 ||
          (rows[c + j - 1] === 1 && (crossing || text.charCodeAt(j - 1) !== COLON))
            ? 1
            : 0;
      }
    } else {
      const q = code === QMARK && isWild(pattern, mask, i, code);
      for (let j = 1; j <= n; j++) {
        if (rows[p + j - 1] !== 1) continue;
        const t = text.charCodeAt(j - 1);
        if (q ? t !== COLON : t === code) rows[c + j] = 1;
      }
    }
    const swap = p;
    p = c;
    c = swap;
  }
  return rows[p + n] === 1;
}

/** True when the pattern has at least one wildcard character. */
export function hasWildcard(pattern: string): boolean {
  return pattern.includes('*') || pattern.includes('?');
}
