import type { RequestContextView } from '../request-context.js';

/**
 * Tests one request-context value against all values of one condition key: true when it matches any of them
 * (several values = OR). Negation is applied by the caller. For negated operators a value whose policy variable
 * cannot be resolved counts as a match, so the negated condition fails too: AWS says any attempt to match an
 * unresolved variable fails.
 */
export type ValueTest = (requestValue: string, ctx: RequestContextView) => boolean;

/** Compile-time outcome: a test, or an error message for a malformed policy value. */
export type BuiltTest = { readonly test: ValueTest } | { readonly error: string };
