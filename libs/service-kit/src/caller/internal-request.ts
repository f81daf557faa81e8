import { createHmac } from 'node:crypto';
import { InvalidCallerTokenError, signCallerToken, verifyCallerToken } from './caller-token.js';

/**
 * The header of a gateway-to-service request outside GraphQL (`/internal/...`, e.g. the session revocation list):
 * a token of the caller-token format that names the gateway, under a key derived from the shared signing key.
 */
export const INTERNAL_REQUEST_HEADER = 'x-iam-internal';

/** The synthetic principal an internal request token names; never a caller of GraphQL operations. */
export const INTERNAL_REQUEST_ARN = 'arn:aws:iam::platform:gateway';

const KEY_LABEL = 'iam/internal-request/v1';

/**
 * SECURITY: a separate derived key, so that a caller token (which the gateway mints for every GraphQL request)
 * never verifies on an internal path, and an internal token never verifies as a caller.
 */
function internalRequestKey(signingKey: string): string {
  return createHmac('sha256', signingKey).update(KEY_LABEL).digest('base64url');
}

/** Signs an internal request of the gateway (valid for the caller-token lifetime, 60 s). */
export function signInternalRequest(
  requestId: string,
  signingKey: string,
  nowSeconds: number,
): string {
  return signCallerToken(
    {
      requestId,
      principalType: 'service',
      principalArn: INTERNAL_REQUEST_ARN,
      accountId: null,
      context: {},
    },
    internalRequestKey(signingKey),
    nowSeconds,
  );
}

/** Verifies an internal request token; throws {@link InvalidCallerTokenError} when it is not the gateway's. */
export function verifyInternalRequest(
  token: string | undefined,
  signingKey: string,
  nowSeconds: number,
): { readonly requestId: string } {
  const body = verifyCallerToken(token, internalRequestKey(signingKey), nowSeconds);
  if (body.principalArn !== INTERNAL_REQUEST_ARN || body.accountId !== null) {
    throw new InvalidCallerTokenError('not an internal request token');
  }
  return { requestId: body.requestId };
}
