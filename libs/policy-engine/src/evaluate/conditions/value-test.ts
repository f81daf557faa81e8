import type { RequestContextView } from '../request-context.js';

/**
 * Tests one request-context value against all values of one condition key: true when it matches any of them
 * (several values = OR). Negation is applied by the caller (NOR).
 *
 * A policy value whose variable has no value (its key is missing from the request context, or is multivalued)
 * matches no request value, whatever the operator.
 * AWS: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html#policy-vars-no-value
 * the value of such a variable "is effectively null. There is no equal or like value": StringEquals, StringLike
 * (and the ARN operators) do not match it, and "Inverted condition operators like StringNotEquals or StringNotLike
 * do match against a null value". So the negated operators (StringNotEquals, StringNotEqualsIgnoreCase,
 * StringNotLike, ArnNotEquals, ArnNotLike) hold unless another policy value matches; their ...IfExists forms
 * behave the same when the key is present (IfExists only answers a missing key, not a missing variable); and
 * under ForAllValues/ForAnyValue each request value is tested the same way. A default (`${key, 'text'}`) is not
 * a missing value.
 */
export type ValueTest = (requestValue: string, ctx: RequestContextView) => boolean;

/** Compile-time outcome: a test, or an error message for a malformed policy value. */
export type BuiltTest = { readonly test: ValueTest } | { readonly error: string };
