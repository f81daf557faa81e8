import { globMatch, hasWildcard } from './glob.js';

/**
 * Matcher kinds, chosen once per pattern at compile time: the hot path is a switch and a few character compares,
 * and it allocates nothing.
 */
export const MATCH_ANY = 0;
export const MATCH_EXACT = 1;
export const MATCH_PREFIX = 2;
export const MATCH_SUFFIX = 3;
export const MATCH_GLOB = 4;
/** `text` + anything + `suffix`; for ARN patterns with `noColon`, the middle run holds no `:`. */
export const MATCH_PREFIX_SUFFIX = 5;
/** ARN pattern matched segment by segment (see {@link matchArnSegments}). */
export const MATCH_ARN_SEGMENTS = 6;
/** A caller-supplied predicate (benchmarks plug a reference matcher in through it). */
export const MATCH_PREDICATE = 7;

/**
 * One colon-separated segment of an ARN pattern. Its `*` (except a trailing one) and `?` never match `:`.
 * `flex`: the segment ends with a `*` that, being the last character of its segment, may run across colons; the
 * segment then matches a prefix of one text segment followed by anything up to the start of a later segment.
 */
export interface ArnSegment {
  /** The segment without its trailing crossing `*`. */
  readonly body: string;
  /** `body` has no wildcard: compared as a string. */
  readonly literal: boolean;
  readonly flex: boolean;
  /**
   * When `body` has `*` but no `?`: its literal runs between the stars (`us-*-1` → `us-`, `-1`). The first is a
   * prefix of the text segment, the last (unless `flex`) a suffix, the others are found in order with `indexOf`:
   * leftmost occurrences are exact for stars. Null otherwise (the greedy glob).
   */
  readonly runs: readonly string[] | null;
}

/**
 * A wildcard pattern compiled once. Every matcher has the same shape (one hidden class for the JIT).
 */
export interface StaticMatcher {
  readonly kind: number;
  /** EXACT: the pattern; PREFIX / PREFIX_SUFFIX: the fixed head; SUFFIX: the tail; GLOB: the pattern;
   * ARN_SEGMENTS: the literal head (whole segments) checked before the segments. */
  readonly text: string;
  /** PREFIX_SUFFIX: the fixed tail; ARN_SEGMENTS: a literal run every matching text contains. */
  readonly suffix: string;
  /** PREFIX_SUFFIX: the middle run may not contain `:` (an ARN `*` inside a segment). */
  readonly noColon: boolean;
  /** ARN_SEGMENTS: the segments after the literal head. */
  readonly segments: readonly ArnSegment[] | null;
  /** PREDICATE only. */
  readonly predicate: ((value: string) => boolean) | null;
}

const STAR = 42; // '*'
const QMARK = 63; // '?'
const COLON = 58; // ':'

function matcher(
  kind: number,
  text: string,
  suffix = '',
  noColon = false,
  segments: readonly ArnSegment[] | null = null,
): StaticMatcher {
  return { kind, text, suffix, noColon, segments, predicate: null };
}

/** Wraps a predicate as a matcher (benchmarks and tests: a reference implementation in the real evaluator). */
export function predicateMatcher(predicate: (value: string) => boolean): StaticMatcher {
  return {
    kind: MATCH_PREDICATE,
    text: '',
    suffix: '',
    noColon: false,
    segments: null,
    predicate,
  };
}

/**
 * Compiles a pattern with plain glob semantics (`*` crosses every character, `?` is any one character).
 * Callers lower-case action patterns and request actions: action matching is case-insensitive.
 */
export function compileGlob(pattern: string): StaticMatcher {
  if (pattern === '*') return matcher(MATCH_ANY, '');
  if (!hasWildcard(pattern)) return matcher(MATCH_EXACT, pattern);
  const single = singleStar(pattern);
  if (single !== -1) {
    const head = pattern.slice(0, single);
    const tail = pattern.slice(single + 1);
    if (tail === '') return matcher(MATCH_PREFIX, head);
    if (head === '') return matcher(MATCH_SUFFIX, tail);
    return matcher(MATCH_PREFIX_SUFFIX, head, tail);
  }
  return matcher(MATCH_GLOB, pattern);
}

/**
 * Compiles a resource pattern with ARN wildcard semantics (see `arnGlobMatch`, the general algorithm it must agree
 * with): a `*` followed by `:` or ending the pattern matches any run; any other `*` a run without `:`; `?` one
 * character other than `:`.
 */
export function compileArnGlob(pattern: string): StaticMatcher {
  if (pattern === '*') return matcher(MATCH_ANY, '');
  if (!hasWildcard(pattern)) return matcher(MATCH_EXACT, pattern);
  const single = singleStar(pattern);
  if (single !== -1) {
    const head = pattern.slice(0, single);
    const tail = pattern.slice(single + 1);
    // A trailing `*` is the last character of its segment, so `arn:aws:s3:::bucket/*` is a pure prefix test.
    if (tail === '') return matcher(MATCH_PREFIX, head);
    const crossing = tail.charCodeAt(0) === COLON;
    if (head === '' && crossing) return matcher(MATCH_SUFFIX, tail);
    return matcher(MATCH_PREFIX_SUFFIX, head, tail, !crossing);
  }
  // Whole literal segments before the first wildcard are one prefix compare.
  const firstWild = firstWildcard(pattern);
  const headEnd = pattern.lastIndexOf(':', firstWild) + 1;
  const segments = pattern
    .slice(headEnd)
    .split(':')
    .map((s): ArnSegment => {
      const flex = s.length > 0 && s.charCodeAt(s.length - 1) === STAR;
      const body = flex ? s.slice(0, -1) : s;
      const literal = !hasWildcard(body);
      const runs = literal || body.includes('?') ? null : body.split('*');
      return { body, literal, flex, runs };
    });
  return matcher(
    MATCH_ARN_SEGMENTS,
    pattern.slice(0, headEnd),
    requiredLiteral(pattern.slice(headEnd)),
    false,
    segments,
  );
}

/**
 * A run of the pattern without wildcards that every matching text contains, so that one `indexOf` rejects most
 * texts of other teams or tenants before the segments are walked: the longest run of the last segment (the
 * resource name, the most selective part: heads and account ids are shared by every ARN of an account).
 */
function requiredLiteral(pattern: string): string {
  const lastSegment = pattern.slice(pattern.lastIndexOf(':') + 1);
  let best = '';
  for (const run of lastSegment.split(/[*?]/)) if (run.length > best.length) best = run;
  return best;
}

/** Index of the only wildcard when the pattern has exactly one and it is a `*`; -1 otherwise. */
function singleStar(pattern: string): number {
  if (pattern.includes('?')) return -1;
  const i = pattern.indexOf('*');
  return i !== -1 && pattern.indexOf('*', i + 1) === -1 ? i : -1;
}

function firstWildcard(s: string): number {
  const a = s.indexOf('*');
  const q = s.indexOf('?');
  if (a === -1) return q;
  if (q === -1) return a;
  return a < q ? a : q;
}

/** Runs a compiled matcher. Allocates nothing. */
export function runMatcher(m: StaticMatcher, value: string): boolean {
  switch (m.kind) {
    case MATCH_ANY:
      return true;
    case MATCH_EXACT:
      return value === m.text;
    case MATCH_PREFIX:
      return startsWith(value, m.text);
    case MATCH_SUFFIX:
      return value.endsWith(m.text);
    case MATCH_PREFIX_SUFFIX:
      return matchPrefixSuffix(m, value);
    case MATCH_GLOB:
      return globMatch(m.text, null, value);
    case MATCH_ARN_SEGMENTS:
      return (
        startsWith(value, m.text) &&
        (m.suffix === '' || value.indexOf(m.suffix, m.text.length) !== -1) &&
        matchArnSegments(m.segments!, value, m.text.length)
      );
    default:
      return m.predicate!(value);
  }
}

function matchPrefixSuffix(m: StaticMatcher, value: string): boolean {
  const head = m.text;
  const tail = m.suffix;
  const end = value.length - tail.length;
  if (end < head.length || !startsWith(value, head) || !value.endsWith(tail)) return false;
  if (!m.noColon) return true;
  return colonFrom(value, head.length, end) === end;
}

/**
 * Char-code prefix test, cheaper than `String.prototype.startsWith` on the hot path. It compares from the end of
 * the prefix: resource patterns of one account share long heads (`arn:aws:s3:::`, account ids) and differ near
 * the end, so a mismatch is found after a few characters.
 */
function startsWith(value: string, prefix: string): boolean {
  const n = prefix.length;
  if (value.length < n) return false;
  for (let i = n - 1; i >= 0; i--) if (value.charCodeAt(i) !== prefix.charCodeAt(i)) return false;
  return true;
}

/**
 * Matches `value` from `start` (a segment start) against ARN pattern segments.
 *
 * Pattern colons are literal and no wildcard but a segment's trailing `*` matches a colon, so a segment without
 * that `*` matches exactly one text segment, and a `flex` segment matches a prefix of one text segment and then
 * any number of whole text segments. That is a glob over text segments: each pattern segment is a "character"
 * consuming one text segment, each flex segment is followed by a "star" consuming whole segments. The greedy
 * glob with a single backtrack point is exact for it, as for characters. Within a segment the text has no colon,
 * so the body is a plain glob.
 */
function matchArnSegments(segs: readonly ArnSegment[], text: string, start: number): boolean {
  const n = text.length;
  const k = segs.length;
  let pi = 0;
  let ts = start; // start of the current text segment; n + 1 once every segment is consumed
  let starP = -1; // pattern segment following the last flex segment
  let starT = 0; // text segment the star has consumed up to
  while (ts <= n) {
    if (pi < k) {
      const seg = segs[pi]!;
      const end = segmentEnd(seg, text, ts, n);
      if (end !== -1) {
        pi++;
        ts = end + 1;
        if (seg.flex) {
          starP = pi;
          starT = ts;
        }
        continue;
      }
    }
    if (starP < 0) return false;
    // The star takes one more whole text segment.
    starT = colonFrom(text, starT, n) + 1;
    pi = starP;
    ts = starT;
  }
  return pi === k;
}

/** Index of the first `:` at or after `from`, or `n` (`indexOf` measured ~7% faster on scenario (d) than a loop). */
function colonFrom(text: string, from: number, n: number): number {
  const i = text.indexOf(':', from);
  return i === -1 || i > n ? n : i;
}

/**
 * When the segment matches the text segment starting at `ts`: the index where that text segment ends (its `:` or
 * `n`); otherwise -1. A literal segment is compared before the text segment's end is looked for.
 */
function segmentEnd(seg: ArnSegment, text: string, ts: number, n: number): number {
  const body = seg.body;
  const len = body.length;
  if (seg.literal) {
    const e = ts + len;
    if (e > n) return -1;
    for (let i = 0; i < len; i++) if (text.charCodeAt(ts + i) !== body.charCodeAt(i)) return -1;
    if (seg.flex) return colonFrom(text, e, n);
    return e === n || text.charCodeAt(e) === COLON ? e : -1;
  }
  const te = colonFrom(text, ts, n);
  const runs = seg.runs;
  if (runs === null) return globRange(body, text, ts, te, seg.flex) ? te : -1;
  return runsMatch(runs, seg.flex, text, ts, te) ? te : -1;
}

/** `*`-separated literal runs against `text[ts, te)` (see {@link ArnSegment.runs}). */
function runsMatch(runs: readonly string[], flex: boolean, text: string, ts: number, te: number) {
  const last = runs.length - 1;
  const head = runs[0]!;
  let from = ts + head.length;
  let to = te;
  if (from > to || !text.startsWith(head, ts)) return false;
  if (!flex) {
    const tail = runs[last]!;
    to = te - tail.length;
    if (to < from || !text.startsWith(tail, to)) return false;
  }
  const end = flex ? last + 1 : last;
  for (let i = 1; i < end; i++) {
    const run = runs[i]!;
    if (run === '') continue;
    const at = text.indexOf(run, from);
    if (at === -1 || at + run.length > to) return false;
    from = at + run.length;
  }
  return true;
}

/**
 * Greedy glob of `pattern` (every `*`/`?` a wildcard) against `text[ts, te)`; with `prefixOnly`, against a prefix
 * of it (as if the pattern ended with `*`).
 */
function globRange(pattern: string, text: string, ts: number, te: number, prefixOnly: boolean) {
  const m = pattern.length;
  let pi = 0;
  let ti = ts;
  let starP = -1;
  let starT = 0;
  while (ti < te) {
    if (pi < m) {
      const c = pattern.charCodeAt(pi);
      if (c === STAR) {
        starP = pi++;
        starT = ti;
        continue;
      }
      if (c === QMARK || c === text.charCodeAt(ti)) {
        pi++;
        ti++;
        continue;
      }
    } else if (prefixOnly) return true;
    if (starP < 0) return false;
    pi = starP + 1;
    ti = ++starT;
  }
  while (pi < m && pattern.charCodeAt(pi) === STAR) pi++;
  return pi === m;
}
