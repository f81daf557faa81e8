import { arnGlobMatch, globMatch, hasWildcard } from './glob.js';

/** Matcher kinds, chosen once at compile time so the hot path is a switch and a string compare. */
export const MATCH_ANY = 0;
export const MATCH_EXACT = 1;
export const MATCH_PREFIX = 2;
export const MATCH_SUFFIX = 3;
export const MATCH_GLOB = 4;
export const MATCH_ARN_GLOB = 5;

/** A wildcard pattern compiled once: fast paths for `*`, exact strings, `foo*` and `*foo`. */
export interface StaticMatcher {
  readonly kind: number;
  /** The pattern, or for prefix/suffix the fixed part. */
  readonly text: string;
}

/**
 * Compiles a pattern with plain glob semantics (`*` crosses every character).
 * Callers lower-case action patterns and request actions: action matching is case-insensitive.
 */
export function compileGlob(pattern: string): StaticMatcher {
  if (pattern === '*') return { kind: MATCH_ANY, text: '' };
  if (!hasWildcard(pattern)) return { kind: MATCH_EXACT, text: pattern };
  const last = pattern.length - 1;
  const firstWild = firstWildcard(pattern);
  if (pattern.charCodeAt(last) === 42 && firstWild === last) {
    return { kind: MATCH_PREFIX, text: pattern.slice(0, last) };
  }
  if (pattern.charCodeAt(0) === 42 && firstWildcard(pattern.slice(1)) === -1) {
    return { kind: MATCH_SUFFIX, text: pattern.slice(1) };
  }
  return { kind: MATCH_GLOB, text: pattern };
}

/**
 * Compiles a resource pattern with ARN-segment semantics (see {@link arnGlobMatch}). A trailing `*` is the last
 * character of its segment, so `arn:aws:s3:::bucket/*` is a pure prefix test.
 */
export function compileArnGlob(pattern: string): StaticMatcher {
  if (pattern === '*') return { kind: MATCH_ANY, text: '' };
  if (!hasWildcard(pattern)) return { kind: MATCH_EXACT, text: pattern };
  const last = pattern.length - 1;
  if (pattern.charCodeAt(last) === 42 && firstWildcard(pattern) === last) {
    return { kind: MATCH_PREFIX, text: pattern.slice(0, last) };
  }
  return { kind: MATCH_ARN_GLOB, text: pattern };
}

function firstWildcard(s: string): number {
  const a = s.indexOf('*');
  const q = s.indexOf('?');
  if (a === -1) return q;
  if (q === -1) return a;
  return a < q ? a : q;
}

/** Runs a compiled matcher. */
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
    case MATCH_GLOB:
      return globMatch(m.text, null, value);
    default:
      return arnGlobMatch(m.text, null, value);
  }
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
