import type { KeyObject } from 'node:crypto';
import type { CallerContext } from '@iam/common';
import { InvalidCallerTokenError, verifyGatewayToken } from '@iam/service-kit';

/**
 * The header in which the gateway marks a request it let through WITHOUT credentials (only `signIn` and
 * `refreshSession`), with the request facts it vouches for (request id, `aws:SourceIp`, ...).
 */
export const ANONYMOUS_REQUEST_HEADER = 'x-iam-anonymous';

/** The synthetic principal ARN inside an anonymous request token; never handed out as a caller. */
export const ANONYMOUS_REQUEST_ARN = 'arn:aws:iam::platform:anonymous';

/** What a subgraph knows about a request: its id and the request-context keys the gateway established. */
export interface RequestOrigin {
  readonly requestId: string;
  readonly context: CallerContext['context'];
}

/**
 * Verifies an anonymous request token on the subgraph named `audience`: a gateway token of kind `anonymous`
 * (SECURITY: so it never verifies as a caller, nor a caller token as an anonymous request).
 */
export function verifyAnonymousRequest(
  token: string | undefined,
  audience: string,
  publicKey: KeyObject,
  nowSeconds: number,
): RequestOrigin {
  const body = verifyGatewayToken('anonymous', token, audience, publicKey, nowSeconds);
  if (body.principalArn !== ANONYMOUS_REQUEST_ARN || body.accountId !== null) {
    throw new InvalidCallerTokenError('not an anonymous request token');
  }
  return { requestId: body.requestId, context: body.context };
}
