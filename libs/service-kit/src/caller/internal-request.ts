import type { KeyObject } from 'node:crypto';
import { signPlatformRequest, verifyPlatformRequest } from './platform-request.js';

/**
 * The header of a gateway-to-service request outside GraphQL (`/internal/...`, e.g. the session revocation list):
 * a gateway token of kind `internal`, bound to the one endpoint it is for.
 */
export const INTERNAL_REQUEST_HEADER = 'x-iam-internal';

/** The synthetic principal an internal request token names; never a caller of GraphQL operations. */
export const INTERNAL_REQUEST_ARN = 'arn:aws:iam::platform:gateway';

/**
 * The audience of an internal request token: the subgraph and the endpoint path, e.g.
 * `identity/internal/session-revocations`. SECURITY: a token for one endpoint of one service opens no other.
 */
export function internalRequestAudience(subgraph: string, path: string): string {
  return `${subgraph}${path.startsWith('/') ? '' : '/'}${path}`;
}

/** Signs an internal request of the gateway for `audience` (see {@link internalRequestAudience}). */
export function signInternalRequest(
  requestId: string,
  audience: string,
  privateKey: KeyObject,
  nowSeconds: number,
): string {
  return signPlatformRequest(
    'internal',
    INTERNAL_REQUEST_ARN,
    { requestId, context: {} },
    audience,
    privateKey,
    nowSeconds,
  );
}

/** Verifies an internal request token; throws `InvalidCallerTokenError` when it is not the gateway's. */
export function verifyInternalRequest(
  token: string | undefined,
  audience: string,
  publicKey: KeyObject,
  nowSeconds: number,
): { readonly requestId: string } {
  const { requestId } = verifyPlatformRequest(
    'internal',
    INTERNAL_REQUEST_ARN,
    token,
    audience,
    publicKey,
    nowSeconds,
  );
  return { requestId };
}
