import type { KeyObject } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CallerContext } from '@iam/common';
import { bindCallerToken } from '@iam/authorization';
import type { Logger } from '@iam/service-kit';
import { CALLER_HEADER, InvalidCallerTokenError, verifyCallerToken } from '@iam/service-kit';
import type { RequestOrigin } from '@iam/service-kit';
import { ANONYMOUS_REQUEST_HEADER, verifyAnonymousRequest } from '@iam/service-kit';

/** A request that passed the caller-token check: it has a caller, or it is a gateway-vouched anonymous request. */
export interface AuthenticatedRequest extends IncomingMessage {
  caller?: CallerContext;
  anonymous?: RequestOrigin;
}

function first(header: string | string[] | undefined): string | undefined {
  return Array.isArray(header) ? header[0] : header;
}

/**
 * Express-style middleware for `/graphql`: a subgraph serves only requests that carry a valid gateway-signed caller
 * context, or (without one) a valid gateway-signed anonymous request token; anything else gets 401 before GraphQL
 * runs. An anonymous request has no caller, so every `@Caller()` resolver still answers `Unauthenticated`.
 * `audience` is this subgraph's name: a token the gateway signed for another subgraph is refused.
 */
export function callerTokenMiddleware(audience: string, publicKey: KeyObject, logger: Logger) {
  return (req: AuthenticatedRequest, res: ServerResponse, next: () => void): void => {
    const header = first(req.headers[CALLER_HEADER]);
    const anonymous = first(req.headers[ANONYMOUS_REQUEST_HEADER]);
    const now = Math.floor(Date.now() / 1000);
    try {
      if (header === undefined && anonymous !== undefined) {
        req.anonymous = verifyAnonymousRequest(anonymous, audience, publicKey, now);
      } else {
        const caller = verifyCallerToken(header, audience, publicKey, now);
        // Kept beside the caller (never on it, so never in a log): the authorizer forwards it to the policy
        // service to ask for this caller's effective policies (`@iam/authorization` callerTokenOf).
        if (header !== undefined) bindCallerToken(caller, header);
        req.caller = caller;
      }
      next();
    } catch (error) {
      if (!(error instanceof InvalidCallerTokenError)) throw error;
      logger.warn('refused a request without a valid caller token', { reason: error.message });
      res.statusCode = 401;
      res.setHeader('content-type', 'application/json');
      res.end(
        JSON.stringify({
          errors: [
            {
              message: 'requests must come through the gateway',
              extensions: { code: 'Unauthenticated' },
            },
          ],
        }),
      );
    }
  };
}
