import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CallerContext } from '@iam/common';
import type { Logger } from '@iam/service-kit';
import { CALLER_HEADER, InvalidCallerTokenError, verifyCallerToken } from '@iam/service-kit';

/** A request that passed the caller-token check. */
export interface AuthenticatedRequest extends IncomingMessage {
  caller?: CallerContext;
}

/**
 * Express-style middleware for `/graphql`: a subgraph serves only requests that carry a valid gateway-signed caller
 * context; anything else gets 401 before GraphQL runs.
 */
export function callerTokenMiddleware(signingKey: string, logger: Logger) {
  return (req: AuthenticatedRequest, res: ServerResponse, next: () => void): void => {
    const header = req.headers[CALLER_HEADER];
    try {
      req.caller = verifyCallerToken(
        Array.isArray(header) ? header[0] : header,
        signingKey,
        Math.floor(Date.now() / 1000),
      );
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
