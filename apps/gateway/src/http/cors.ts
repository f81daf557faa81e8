import type { IncomingMessage, ServerResponse } from 'node:http';

// Request headers a browser may send cross-origin besides the CORS-safelisted ones: the bearer token, the JSON
// body's type and our request id.
const ALLOWED_REQUEST_HEADERS = 'authorization, content-type, x-request-id, x-iam-consistency';
// Response headers a cross-origin script may read besides the safelisted ones.
const EXPOSED_RESPONSE_HEADERS = 'x-request-id, www-authenticate';
// How long a browser may reuse a preflight answer, in seconds.
const PREFLIGHT_MAX_AGE_SECONDS = 600;

/**
 * Cross-origin access to `/graphql` for browser portals on other origins, from the allow-list
 * `GATEWAY_CORS_ORIGINS` (exact origins; empty by default: no origin is allowed).
 *
 * SECURITY: an origin outside the list gets no CORS header at all, so the browser keeps the answer from the page.
 * Credentials (cookies) are never allowed: the gateway authenticates with the `Authorization` header only, which a
 * page must send on purpose.
 */
export class CorsPolicy {
  private readonly origins: ReadonlySet<string>;

  constructor(
    origins: readonly string[],
    /** The methods `/graphql` answers (`GET` too outside production, for the IDE). */
    private readonly methods: string,
  ) {
    this.origins = new Set(origins);
  }

  /** The request's `Origin` when it is on the allow-list, else `null`. */
  allowedOrigin(req: IncomingMessage): string | null {
    const origin = req.headers.origin;
    return typeof origin === 'string' && this.origins.has(origin) ? origin : null;
  }

  /**
   * Sets the CORS headers of an actual (non-preflight) answer. Every answer varies by `Origin`, so that a cache never
   * serves one origin's answer (with or without the header) to another.
   */
  applyTo(req: IncomingMessage, res: ServerResponse): void {
    res.setHeader('vary', 'Origin');
    const origin = this.allowedOrigin(req);
    if (origin === null) return;
    res.setHeader('access-control-allow-origin', origin);
    res.setHeader('access-control-expose-headers', EXPOSED_RESPONSE_HEADERS);
  }

  /**
   * Answers an `OPTIONS` request (a browser's preflight): 204, with the CORS headers only for an allowed origin.
   * Nothing is authenticated or executed.
   */
  answerPreflight(req: IncomingMessage, res: ServerResponse): void {
    const headers: Record<string, string> = {
      allow: `${this.methods}, OPTIONS`,
      vary: 'Origin, Access-Control-Request-Method, Access-Control-Request-Headers',
      'content-length': '0',
    };
    const origin = this.allowedOrigin(req);
    if (origin !== null) {
      headers['access-control-allow-origin'] = origin;
      headers['access-control-allow-methods'] = this.methods;
      headers['access-control-allow-headers'] = ALLOWED_REQUEST_HEADERS;
      headers['access-control-max-age'] = String(PREFLIGHT_MAX_AGE_SECONDS);
    }
    res.writeHead(204, headers);
    res.end();
  }
}
