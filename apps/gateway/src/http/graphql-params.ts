/** The GraphQL-over-HTTP parameters of a POST body, read once per request. */
export interface GraphQLParams {
  readonly query: string;
  readonly operationName: string | null;
  /** True when the body holds `query`, `variables` and `operationName` only (no `extensions`, nothing else). */
  readonly plain: boolean;
}

/**
 * The parameters of a JSON POST body (`content-type: application/json`, the only type the runtime reads), or null
 * when the body is not such a request: not JSON, not an object, no string `query`, a non-string operation name, or
 * variables that are not an object. The runtime answers those itself, with its own errors.
 */
export function graphqlParamsOf(
  body: Buffer,
  contentType: string | undefined,
): GraphQLParams | null {
  if (contentType?.split(';')[0]?.trim().toLowerCase() !== 'application/json') return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    return null;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return null;
  const { query, variables, operationName, ...rest } = parsed as Record<string, unknown>;
  if (typeof query !== 'string') return null;
  if (operationName !== undefined && operationName !== null && typeof operationName !== 'string')
    return null;
  const plainVariables =
    variables === undefined ||
    variables === null ||
    (typeof variables === 'object' && !Array.isArray(variables));
  return {
    query,
    operationName: operationName ?? null,
    plain: plainVariables && Object.keys(rest).length === 0,
  };
}
