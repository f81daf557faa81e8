import type { WildcardMask } from './matchers/glob.js';

// AWS: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html
// `${key}` is replaced with the request-context value of `key` (case-insensitive key), `${key, 'default'}` falls
// back to the default, `${*}` `${?}` `${$}` stand for the literal characters. Only under Version 2012-10-17; under
// 2008-10-17 or without Version the text is literal. Only in Resource/NotResource and string/ARN condition values.

/** A `${key}` or `${key, 'default'}` reference. */
export interface VariableRef {
  readonly key: string;
  readonly keyLower: string;
  readonly fallback: string | null;
}

/** A literal character produced by `${*}`, `${?}` or `${$}`: never a wildcard. */
export interface LiteralChar {
  readonly literal: string;
}

/** Policy text (its `*`/`?` stay wildcards), a literal character, or a variable. */
export type TemplatePart = string | LiteralChar | VariableRef;

/** A string with at least one policy variable, parsed once at compile time. */
export interface Template {
  readonly source: string;
  readonly parts: readonly TemplatePart[];
}

/** Result of substituting a template; `mask` marks which `*`/`?` are still wildcards. */
export interface Resolved {
  readonly text: string;
  readonly mask: WildcardMask;
}

/** Looks a variable up in the request context; returns undefined when it has no single string value. */
export type VariableLookup = (key: string, keyLower: string) => string | undefined;

/** Parses `${...}` references; returns null when the string has none (the common, fast case). */
export function parseTemplate(source: string): Template | null {
  if (!source.includes('${')) return null;
  const parts: TemplatePart[] = [];
  let text = '';
  let i = 0;
  let found = false;
  while (i < source.length) {
    const start = source.indexOf('${', i);
    if (start === -1) break;
    const end = source.indexOf('}', start + 2);
    if (end === -1) break;
    const ref = parseReference(source.slice(start + 2, end));
    if (ref === null) {
      // Not a well-formed reference: keep it as text.
      text += source.slice(i, end + 1);
      i = end + 1;
      continue;
    }
    found = true;
    text += source.slice(i, start);
    if (text !== '') parts.push(text);
    text = '';
    parts.push(ref);
    i = end + 1;
  }
  text += source.slice(i);
  if (text !== '') parts.push(text);
  return found ? { source, parts } : null;
}

function parseReference(inner: string): LiteralChar | VariableRef | null {
  if (inner === '*' || inner === '?' || inner === '$') return { literal: inner };
  const comma = inner.indexOf(',');
  const key = (comma === -1 ? inner : inner.slice(0, comma)).trim();
  if (key === '' || /\s/.test(key)) return null;
  let fallback: string | null = null;
  if (comma !== -1) {
    const def = inner.slice(comma + 1).trim();
    if (def.length < 2 || !def.startsWith("'") || !def.endsWith("'")) return null;
    fallback = def.slice(1, -1);
  }
  return { key, keyLower: key.toLowerCase(), fallback };
}

/**
 * Substitutes every variable. Returns null when a variable has neither a value nor a default: AWS says an
 * attempt to match such a value fails ("not present ... any attempt to match it fails").
 * AWS: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html#principaltable
 */
export function resolveTemplate(t: Template, lookup: VariableLookup): Resolved | null {
  let text = '';
  let literalWild = false;
  for (const part of t.parts) {
    if (typeof part === 'string') {
      text += part;
    } else if ('literal' in part) {
      text += part.literal;
      if (part.literal !== '$') literalWild = true;
    } else {
      const value = lookup(part.key, part.keyLower);
      const v = value ?? part.fallback;
      if (v === null) return null;
      if (v.includes('*') || v.includes('?')) literalWild = true;
      text += v;
    }
  }
  if (!literalWild) return { text, mask: null };
  return { text, mask: buildMask(t, lookup, text.length) };
}

function buildMask(t: Template, lookup: VariableLookup, length: number): Uint8Array {
  const mask = new Uint8Array(length);
  let pos = 0;
  for (const part of t.parts) {
    if (typeof part === 'string') {
      for (let i = 0; i < part.length; i++) {
        const c = part.charCodeAt(i);
        if (c === 42 || c === 63) mask[pos + i] = 1;
      }
      pos += part.length;
    } else if ('literal' in part) {
      pos += 1;
    } else {
      pos += (lookup(part.key, part.keyLower) ?? part.fallback ?? '').length;
    }
  }
  return mask;
}
