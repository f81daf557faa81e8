import { Kind, OperationTypeNode, getOperationAST, parse } from 'graphql';

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
  if (search.size > 0) return null;
  if (contentType?.split(';')[0]?.trim().toLowerCase() !== 'application/json') return null;
  let params: unknown;
  try {
    params = JSON.parse(body.toString('utf8'));
  } catch {
    return null;
  }
  if (typeof params !== 'object' || params === null || Array.isArray(params)) return null;
  const { query, operationName } = params as { query?: unknown; operationName?: unknown };
  if (typeof query !== 'string') return null;
  if (operationName !== undefined && operationName !== null && typeof operationName !== 'string') {
    return null;
  }
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
