import type { KeyObject } from 'node:crypto';
import type { CallerContext } from '@iam/common';
import type { PlatformRequest } from './platform-request.js';
import { signPlatformRequest, verifyPlatformRequest } from './platform-request.js';

/**
 * The header in which the gateway marks a request it let through WITHOUT credentials (only `signIn` and
 * `refreshSession`), with the request facts it vouches for (request id, `aws:SourceIp`, ...).
 */
export const ANONYMOUS_REQUEST_HEADER = 'x-iam-anonymous';

/** The synthetic principal ARN inside an anonymous request token; never handed out as a caller. */
export const ANONYMOUS_REQUEST_ARN = 'arn:aws:iam::platform:anonymous';

/** What a subgraph knows about a request: its id and the request-context keys the gateway established. */
export type RequestOrigin = PlatformRequest;

/**
 * Signs what the gateway vouches for about an anonymous request (its id and request context, e.g. `aws:SourceIp`)
 * for one subgraph (`audience`): a gateway token of kind `anonymous`, so a subgraph can read the origin but never
 * mistakes it for a caller.
 */
export function signAnonymousRequest(
  requestId: string,
  context: CallerContext['context'],
  audience: string,
  privateKey: KeyObject,
  nowSeconds: number,
): string {
  return signPlatformRequest(
    'anonymous',
    ANONYMOUS_REQUEST_ARN,
    { requestId, context },
    audience,
    privateKey,
    nowSeconds,
  );
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
  return verifyPlatformRequest(
    'anonymous',
    ANONYMOUS_REQUEST_ARN,
    token,
    audience,
    publicKey,
    nowSeconds,
  );
}
