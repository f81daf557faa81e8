import { createHmac } from 'node:crypto';
import type { CallerContext } from '@iam/common';
import { InvalidCallerTokenError, verifyCallerToken } from '@iam/service-kit';

/**
 * The header in which the gateway marks a request it let through WITHOUT credentials (only `signIn` and
 * `refreshSession`), with the request facts it vouches for (request id, `aws:SourceIp`, ...).
 */
export const ANONYMOUS_REQUEST_HEADER = 'x-iam-anonymous';

/** The synthetic principal ARN inside an anonymous request token; never handed out as a caller. */
export const ANONYMOUS_REQUEST_ARN = 'arn:aws:iam::platform:anonymous';

const KEY_LABEL = 'iam/anonymous-request/v1';

/**
 * The key that signs anonymous request tokens, derived from the caller-token key. SECURITY: a separate key means
 * an anonymous token moved into `x-iam-caller` never verifies as a caller, and the reverse. The gateway derives
 * the same key (`apps/gateway/src/auth/anonymous-operations.ts`).
 */
export function anonymousRequestKey(signingKey: string): string {
  return createHmac('sha256', signingKey).update(KEY_LABEL).digest('base64url');
}

/** What a subgraph knows about a request: its id and the request-context keys the gateway established. */
export interface RequestOrigin {
  readonly requestId: string;
  readonly context: CallerContext['context'];
}

/** Verifies an anonymous request token (same format as a caller token, under the derived key). */
export function verifyAnonymousRequest(
  token: string | undefined,
  signingKey: string,
  nowSeconds: number,
): RequestOrigin {
  const body = verifyCallerToken(token, anonymousRequestKey(signingKey), nowSeconds);
  if (body.principalArn !== ANONYMOUS_REQUEST_ARN || body.accountId !== null) {
    throw new InvalidCallerTokenError('not an anonymous request token');
  }
  return { requestId: body.requestId, context: body.context };
}
