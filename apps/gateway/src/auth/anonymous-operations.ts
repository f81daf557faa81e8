import { Kind, OperationTypeNode, getOperationAST, parse } from 'graphql';
import type { GraphQLParams } from '../http/graphql-params.js';
import { graphqlParamsOf } from '../http/graphql-params.js';

/**
 * The only operations a client may run without credentials: signing in and refreshing a session. Nothing else is
 * ever forwarded without an authenticated caller.
 */
export const ANONYMOUS_OPERATIONS: ReadonlySet<string> = new Set(['signIn', 'refreshSession']);

// The token that marks such a request to the subgraphs (signed here, verified by `@iam/graphql-kit`) is one
// definition in `@iam/service-kit`.
export { ANONYMOUS_REQUEST_HEADER, signAnonymousRequest } from '@iam/service-kit';

// Parsing happens before authentication, so it is bounded like the runtime's own parse (QUERY_LIMITS.maxTokens).
const MAX_TOKENS = 2_000;

/**
 * The top-level field of a request that consists of exactly one anonymous operation, or `null`. Only a POST JSON
 * body (`content-type: application/json`, so the runtime reads the same parameters) with one mutation whose
 * selection is one field of {@link ANONYMOUS_OPERATIONS} (plus `__typename`) qualifies: no second sign-in under an
 * alias (each attempt is one request), no fragments at the top level, no batching, no parameters in the URL.
 */
export function anonymousOperationOf(
  body: Buffer,
  search: URLSearchParams,
  contentType: string | undefined,
): string | null {
  return anonymousOperationIn(graphqlParamsOf(body, contentType), search);
}

/** {@link anonymousOperationOf} for a body whose parameters were already read. */
export function anonymousOperationIn(
  params: GraphQLParams | null,
  search: URLSearchParams,
): string | null {
  if (search.size > 0 || params === null) return null;
  const { query, operationName } = params;
  // Most requests name no anonymous operation at all: they are not parsed here (the runtime parses them once).
  if (![...ANONYMOUS_OPERATIONS].some((name) => query.includes(name))) return null;
  let operation;
  try {
    operation = getOperationAST(
      parse(query, { noLocation: true, maxTokens: MAX_TOKENS }),
      operationName ?? undefined,
    );
  } catch {
    return null;
  }
  if (operation?.operation !== OperationTypeNode.MUTATION) return null;
  let field: string | null = null;
  for (const selection of operation.selectionSet.selections) {
    if (selection.kind !== Kind.FIELD) return null;
    if (selection.name.value === '__typename') continue;
    if (field !== null || !ANONYMOUS_OPERATIONS.has(selection.name.value)) return null;
    field = selection.name.value;
  }
  return field;
}
