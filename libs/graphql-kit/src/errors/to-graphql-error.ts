import { GraphQLError } from 'graphql';
import type { GraphQLFormattedError } from 'graphql';
import { DomainError } from '@iam/common';
import type { ErrorCategory } from '@iam/common';

const HTTP_LIKE_STATUS = {
  BAD_USER_INPUT: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  LIMIT_EXCEEDED: 409,
  RATE_LIMITED: 429,
  UNAVAILABLE: 503,
  INTERNAL: 500,
} satisfies Record<ErrorCategory, number>;

// Codes that graphql-js / Apollo Server produce for bad requests, renamed to AWS's vocabulary.
const FRAMEWORK_CODES: Readonly<Record<string, { code: string; category: ErrorCategory }>> = {
  GRAPHQL_PARSE_FAILED: { code: 'MalformedQueryString', category: 'BAD_USER_INPUT' },
  GRAPHQL_VALIDATION_FAILED: { code: 'ValidationError', category: 'BAD_USER_INPUT' },
  BAD_USER_INPUT: { code: 'InvalidInput', category: 'BAD_USER_INPUT' },
  BAD_REQUEST: { code: 'InvalidInput', category: 'BAD_USER_INPUT' },
  PERSISTED_QUERY_NOT_FOUND: { code: 'InvalidInput', category: 'BAD_USER_INPUT' },
};

function originalOf(error: unknown): unknown {
  let current = error;
  // Apollo wraps resolver errors in GraphQLError (possibly twice); the domain error is the innermost original.
  while (current instanceof GraphQLError && current.originalError) current = current.originalError;
  return current;
}

/** Error reporter for unexpected errors: they are logged with their cause and answered generically. */
export type InternalErrorReporter = (error: unknown) => void;

/** An error answered with its own code: a refusal the client caused (bad input, denied, throttled, ...). */
export interface Refusal {
  /** The field that failed (`signIn`), or `null` when the request failed before any field ran (validation). */
  readonly field: string | null;
  readonly code: string;
  readonly category: ErrorCategory;
  /**
   * The domain error's message, as the client sees it; `null` for framework errors, whose messages may quote the
   * request's variables (a password among them).
   */
  readonly message: string | null;
  /** The domain error itself, `null` for framework errors. */
  readonly error: DomainError | null;
}

/** Reporter for errors answered with their own code. */
export type RefusalReporter = (refusal: Refusal) => void;

/**
 * Maps any error to what a client may see, exactly once per response (Apollo's `formatError`). Domain errors keep
 * their stable code (the AWS one where AWS has one) in `extensions.code`; unknown errors become `InternalFailure`
 * and their detail never leaves the process.
 */
export function formatGraphQLError(
  formatted: GraphQLFormattedError,
  error: unknown,
  report: InternalErrorReporter,
  refused: RefusalReporter = () => undefined,
): GraphQLFormattedError {
  const original = originalOf(error);
  const base = { message: formatted.message, locations: formatted.locations, path: formatted.path };
  const head = formatted.path?.[0];
  const field = typeof head === 'string' ? head : null;
  if (original instanceof DomainError) {
    refused({
      field,
      code: original.code,
      category: original.category,
      message: original.message,
      error: original,
    });
    return {
      ...base,
      message: original.message,
      extensions: {
        code: original.code,
        category: original.category,
        status: HTTP_LIKE_STATUS[original.category],
        details: original.details,
      },
    };
  }
  const frameworkCode = formatted.extensions?.['code'];
  if (typeof frameworkCode === 'string') {
    const mapped = FRAMEWORK_CODES[frameworkCode];
    if (mapped) {
      refused({ field, code: mapped.code, category: mapped.category, message: null, error: null });
      return {
        ...base,
        extensions: {
          code: mapped.code,
          category: mapped.category,
          status: HTTP_LIKE_STATUS[mapped.category],
        },
      };
    }
  }
  report(original);
  return {
    message: 'internal error',
    locations: formatted.locations,
    path: formatted.path,
    extensions: { code: 'InternalFailure', category: 'INTERNAL', status: 500 },
  };
}
