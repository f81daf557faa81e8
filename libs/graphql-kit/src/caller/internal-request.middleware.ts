import type { KeyObject } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '@iam/service-kit';
import {
  INTERNAL_REQUEST_HEADER,
  InvalidCallerTokenError,
  internalRequestAudience,
  verifyInternalRequest,
} from '@iam/service-kit';

/** The path prefix of gateway-only endpoints outside GraphQL. */
export const INTERNAL_PATH_PREFIX = '/internal';

/**
 * Internal endpoints called by services rather than by the gateway, which authenticate each request themselves with
 * the forwarded gateway-signed caller token (and answer for that caller only): the policy service's effective
 * policies (`@iam/authorization`'s `EFFECTIVE_POLICIES_PATH`, verified by its controller).
 */
export const CALLER_AUTHENTICATED_INTERNAL_PATHS: ReadonlySet<string> = new Set([
  '/internal/effective-policies',
]);

/** The full path of a request (Express strips the mount prefix from `req.url`, not from `originalUrl`). */
function requestPath(req: IncomingMessage & { originalUrl?: string }): string {
  return new URL(req.originalUrl ?? req.url ?? '/', 'http://subgraph').pathname;
}

/**
 * Express-style middleware for `/internal/...`: only the gateway (a valid internal request token for this
 * subgraph, `subgraph`, and this endpoint) gets through; anything else is answered 401 before a controller runs, except on the
 * {@link CALLER_AUTHENTICATED_INTERNAL_PATHS}, whose controllers verify a caller token themselves.
 */
export function internalRequestMiddleware(subgraph: string, publicKey: KeyObject, logger: Logger) {
  return (req: IncomingMessage, res: ServerResponse, next: () => void): void => {
    if (CALLER_AUTHENTICATED_INTERNAL_PATHS.has(requestPath(req))) {
      next();
      return;
    }
    const header = req.headers[INTERNAL_REQUEST_HEADER];
    try {
      verifyInternalRequest(
        Array.isArray(header) ? header[0] : header,
        internalRequestAudience(subgraph, requestPath(req)),
        publicKey,
        Math.floor(Date.now() / 1000),
      );
      next();
    } catch (error) {
      if (!(error instanceof InvalidCallerTokenError)) throw error;
      logger.warn('refused an internal request without a valid token', { reason: error.message });
      res.statusCode = 401;
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ code: 'Unauthenticated', message: 'gateway only' }));
    }
  };
}
