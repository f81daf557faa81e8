import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { GraphQLError } from 'graphql';
import type { ExecutionResult } from 'graphql';

// Every error the gateway answers carries an `extensions.code` from docs/errors.md, with its `category` and
// HTTP-like `status`. The runtime (GraphQL Yoga, graphql-armor, graphql-js) raises client errors with no code or
// with framework codes; they are given ours here, at the phase that raised them, and a last pass over every result
// renames framework codes and drops extensions that are internal detail (`originalError`, `stacktrace`).

/** The codes the gateway itself gives to GraphQL errors (subgraph errors keep their own). */
export const GATEWAY_GRAPHQL_ERRORS = {
  MalformedQueryString: { code: 'MalformedQueryString', category: 'BAD_USER_INPUT', status: 400 },
  ValidationError: { code: 'ValidationError', category: 'BAD_USER_INPUT', status: 400 },
  InvalidInput: { code: 'InvalidInput', category: 'BAD_USER_INPUT', status: 400 },
  InternalFailure: { code: 'InternalFailure', category: 'INTERNAL', status: 500 },
} as const;

type GatewayErrorCode = keyof typeof GATEWAY_GRAPHQL_ERRORS;

// Codes the runtime and graphql-js tooling use, renamed as @iam/graphql-kit renames them in the subgraphs.
const FRAMEWORK_CODES: Readonly<Record<string, GatewayErrorCode>> = {
  GRAPHQL_PARSE_FAILED: 'MalformedQueryString',
  GRAPHQL_VALIDATION_FAILED: 'ValidationError',
  BAD_USER_INPUT: 'InvalidInput',
  // Yoga: a body that is not JSON or not an object, no query, an unexpected parameter.
  BAD_REQUEST: 'InvalidInput',
  PERSISTED_QUERY_NOT_FOUND: 'InvalidInput',
  INTERNAL_SERVER_ERROR: 'InternalFailure',
};

// Extensions a client may see; the others (`originalError`, `stacktrace`, `http`, ...) are internal detail.
// Yoga reads `http` (the HTTP status) before serializing and never sends it.
const CLIENT_EXTENSIONS = new Set(['code', 'category', 'status', 'details', 'http']);

/** An AWS-style code (`NoSuchEntity`), as opposed to a framework code (`BAD_REQUEST`). */
function isCataloguedStyle(code: unknown): code is string {
  return typeof code === 'string' && /^[A-Z][a-z0-9]+(?:[A-Z][a-z0-9]*)*$/.test(code);
}

/**
 * The extensions of a client error with `code`. `http` tells the runtime the HTTP status; with `spec` it applies
 * to `application/graphql-response+json` answers only, and `application/json` clients get 200 with the errors,
 * as GraphQL over HTTP asks for a well-formed request whose document is rejected.
 */
export function gatewayErrorExtensions(
  code: GatewayErrorCode,
  spec = true,
): Record<string, unknown> {
  const { category, status } = GATEWAY_GRAPHQL_ERRORS[code];
  return { code, category, status, http: spec ? { spec: true, status } : { status } };
}

function withExtensions(error: GraphQLError, extensions: Record<string, unknown>): GraphQLError {
  return new GraphQLError(error.message, {
    ...(error.nodes ? { nodes: error.nodes } : {}),
    ...(error.source ? { source: error.source } : {}),
    ...(error.positions ? { positions: error.positions } : {}),
    ...(error.path ? { path: error.path } : {}),
    extensions,
  });
}

/** Gives `code` to an error that has no code yet; an error with a code is returned unchanged. */
export function withDefaultCode(error: GraphQLError, code: GatewayErrorCode): GraphQLError {
  if (error.extensions['code'] !== undefined) return error;
  return withExtensions(error, { ...error.extensions, ...gatewayErrorExtensions(code) });
}

/**
 * What a client may see of an error: AWS-style codes are kept, framework codes renamed, internal extensions
 * dropped. An error that still has no code (nothing above gave it one) is not known to be safe: it is answered
 * as `InternalFailure` without its message.
 */
export function cataloguedError(error: GraphQLError): GraphQLError {
  const code = error.extensions['code'];
  const kept = Object.fromEntries(
    Object.entries(error.extensions).filter(([name]) => CLIENT_EXTENSIONS.has(name)),
  );
  if (isCataloguedStyle(code)) {
    if (Object.keys(kept).length === Object.keys(error.extensions).length) return error;
    return withExtensions(error, kept);
  }
  const renamed = typeof code === 'string' ? FRAMEWORK_CODES[code] : undefined;
  if (renamed !== undefined) {
    const http = kept['http'] as { status?: unknown } | undefined;
    // A request that is not a well-formed GraphQL request (a body that is not JSON, no query) is refused with its
    // HTTP status whatever the Accept header; the runtime's status (405 for a mutation over GET) is kept.
    const malformedRequest = code === 'BAD_REQUEST';
    const extensions = gatewayErrorExtensions(renamed, !malformedRequest);
    if (typeof http?.status === 'number') {
      extensions['http'] = malformedRequest ? { status: http.status } : http;
    }
    return withExtensions(error, extensions);
  }
  return new GraphQLError('internal error', {
    ...(error.path ? { path: error.path } : {}),
    extensions: gatewayErrorExtensions('InternalFailure'),
  });
}

function isGraphQLError(value: unknown): value is GraphQLError {
  // By name, not instanceof: graphql may be loaded twice (ESM and CJS builds).
  return value instanceof Error && value.name === 'GraphQLError';
}

function cataloguedResult(result: ExecutionResult): ExecutionResult {
  if (!result.errors || result.errors.length === 0) return result;
  return {
    ...result,
    // An error that is not a GraphQLError has nothing known to be safe: it becomes InternalFailure.
    errors: result.errors.map((error) =>
      cataloguedError(isGraphQLError(error) ? error : new GraphQLError('internal error')),
    ),
  };
}

async function* cataloguedStream(
  results: AsyncIterable<ExecutionResult>,
): AsyncIterable<ExecutionResult> {
  for await (const result of results) yield cataloguedResult(result);
}

function isAsyncIterable(value: unknown): value is AsyncIterable<ExecutionResult> {
  return typeof value === 'object' && value !== null && Symbol.asyncIterator in value;
}

/** For a result without data (a request error), the result with `code` given to its errors; else null. */
function withRequestErrorCode(result: unknown, code: GatewayErrorCode): ExecutionResult | null {
  if (isAsyncIterable(result) || typeof result !== 'object' || result === null) return null;
  const { data, errors } = result as ExecutionResult;
  if (data !== undefined || !errors || errors.length === 0) return null;
  return {
    ...(result as ExecutionResult),
    errors: errors.map((error) => withDefaultCode(error, code)),
  };
}

/**
 * Gives every client error a catalogued code:
 * - a document that does not parse: `MalformedQueryString` (graphql-armor's token limit is given
 *   `ValidationError` by the armor options first);
 * - a document that fails validation (unknown fields, a subscription, which the supergraph does not serve):
 *   `ValidationError`;
 * - a request rejected before execution (variables that do not coerce, such as an `Int` over 2^31 - 1, or no
 *   operation to run): `InvalidInput`;
 * then renames framework codes and drops internal extensions on every result.
 */
export function useCataloguedErrors(): GatewayPlugin {
  return {
    onParse() {
      return ({ result, replaceParseResult }) => {
        if (isGraphQLError(result))
          replaceParseResult(withDefaultCode(result, 'MalformedQueryString'));
      };
    },
    onValidate() {
      return ({ valid, result, setResult }) => {
        if (!valid) {
          setResult(
            result.map((error: unknown) =>
              isGraphQLError(error) ? withDefaultCode(error, 'ValidationError') : error,
            ),
          );
        }
      };
    },
    onExecute() {
      return {
        onExecuteDone(payload) {
          // A result without data is a request error: graphql-js refused to execute (variable coercion).
          const coded = withRequestErrorCode(payload.result, 'InvalidInput');
          if (coded) payload.setResult(coded);
        },
      };
    },
    onSubscribe() {
      return {
        onSubscribeResult(payload) {
          // A subscription that cannot start (the supergraph serves no subscriptions) answers a result without
          // data instead of a stream: the document asks for what the graph does not have.
          const coded = withRequestErrorCode(payload.result, 'ValidationError');
          if (coded) payload.setResult(coded);
        },
      };
    },
    onResultProcess(payload) {
      const result: unknown = payload.result;
      if (Array.isArray(result)) {
        payload.setResult(result.map((item: ExecutionResult) => cataloguedResult(item)));
      } else if (isAsyncIterable(result)) {
        payload.setResult(cataloguedStream(result));
      } else {
        payload.setResult(cataloguedResult(result as ExecutionResult));
      }
    },
  };
}

/**
 * graphql-armor's `onReject` handler: a query over a limit (depth, aliases, cost, tokens, directives) is a
 * `ValidationError`. Armor raises the error without a code and calls this before throwing it.
 */
export function markQueryLimitError(_context: unknown, error: GraphQLError): void {
  Object.assign(error.extensions, gatewayErrorExtensions('ValidationError'));
}
