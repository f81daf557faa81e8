import type { IncomingHttpHeaders } from 'node:http';
import type { CallerContext } from '@iam/common';
import { CONSISTENCY_TOKEN_CONTEXT_KEY, InvalidInputError, parseRevisionToken } from '@iam/common';
import { CONSISTENCY_HEADER } from '@iam/authorization';

/**
 * The caller with the client's `X-Iam-Consistency` revision token (if it sent one) in its signed context, under
 * `CONSISTENCY_TOKEN_CONTEXT_KEY`: every subgraph's authorizer then decides on policies at least as fresh as that
 * revision. A malformed token is `InvalidInput`; several values are refused too (one request, one token).
 */
export function withConsistencyToken(
  caller: CallerContext,
  headers: IncomingHttpHeaders,
): CallerContext {
  const value = headers[CONSISTENCY_HEADER];
  if (value === undefined) return caller;
  if (Array.isArray(value)) {
    throw new InvalidInputError(`send at most one ${CONSISTENCY_HEADER} header`);
  }
  const token = value.trim();
  parseRevisionToken(token);
  return { ...caller, context: { ...caller.context, [CONSISTENCY_TOKEN_CONTEXT_KEY]: token } };
}
