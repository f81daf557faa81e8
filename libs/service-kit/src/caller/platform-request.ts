import type { KeyObject } from 'node:crypto';
import type { CallerContext } from '@iam/common';
import type { GatewayTokenKind } from './caller-token.js';
import { InvalidCallerTokenError, signGatewayToken, verifyGatewayToken } from './caller-token.js';

/**
 * The kinds of gateway token that name no caller but a synthetic platform principal (`arn:aws:iam::platform:...`):
 * a request the gateway let through without credentials, and a request of the gateway itself.
 */
type PlatformRequestKind = Exclude<GatewayTokenKind, 'caller'>;

/** What a platform request token vouches for: the request id and the request-context keys of the gateway. */
export interface PlatformRequest {
  readonly requestId: string;
  readonly context: CallerContext['context'];
}

/** Signs a platform request token of `kind` for `audience`, naming the synthetic `principalArn`. */
export function signPlatformRequest(
  kind: PlatformRequestKind,
  principalArn: string,
  request: PlatformRequest,
  audience: string,
  privateKey: KeyObject,
  nowSeconds: number,
): string {
  return signGatewayToken(
    kind,
    {
      requestId: request.requestId,
      principalType: 'service',
      principalArn,
      accountId: null,
      context: request.context,
    },
    audience,
    privateKey,
    nowSeconds,
  );
}

/**
 * Verifies a platform request token of `kind` for `audience`; throws {@link InvalidCallerTokenError} unless it is
 * the gateway's and names `principalArn` in no account.
 */
export function verifyPlatformRequest(
  kind: PlatformRequestKind,
  principalArn: string,
  token: string | undefined,
  audience: string,
  publicKey: KeyObject,
  nowSeconds: number,
): PlatformRequest {
  const body = verifyGatewayToken(kind, token, audience, publicKey, nowSeconds);
  if (body.principalArn !== principalArn || body.accountId !== null) {
    throw new InvalidCallerTokenError(`not an ${kind} request token`);
  }
  return { requestId: body.requestId, context: body.context };
}
