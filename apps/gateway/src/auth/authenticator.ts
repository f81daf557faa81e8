import type { IncomingHttpHeaders } from 'node:http';
import type { CallerContext } from '@iam/common';

/** What a strategy may look at: headers and connection facts, never the body. */
export interface AuthenticationRequest {
  readonly headers: IncomingHttpHeaders;
  readonly requestId: string;
  /** The peer address of the TCP connection (no X-Forwarded-For trust yet). */
  readonly sourceIp: string;
  readonly secureTransport: boolean;
  readonly now: Date;
}

/**
 * A strategy's verdict:
 * - `authenticated`: the credentials are valid and belong to this caller;
 * - `not-applicable`: the credentials are not of this strategy's kind (let the next one look);
 * - `rejected`: the credentials are of this strategy's kind but invalid (expired session, bad signature): stop.
 */
export type AuthenticationOutcome =
  | { readonly kind: 'authenticated'; readonly caller: CallerContext }
  | { readonly kind: 'not-applicable' }
  | { readonly kind: 'rejected'; readonly reason: string };

/**
 * One way of proving who the caller is (platform admin token today; identity-service JWT sessions and SigV4
 * access keys next). Strategies never throw for bad credentials; they answer `rejected`.
 */
export interface AuthenticationStrategy {
  readonly name: string;
  authenticate(request: AuthenticationRequest): Promise<AuthenticationOutcome>;
}

/** The result of running the strategies: a caller, or why there is none (for logs only, never for clients). */
export type AuthenticationResult =
  | { readonly ok: true; readonly caller: CallerContext; readonly strategy: string }
  | { readonly ok: false; readonly reason: string };

/** Runs strategies in order; the first that recognises the credentials decides. */
export class Authenticator {
  constructor(private readonly strategies: readonly AuthenticationStrategy[]) {}

  async authenticate(request: AuthenticationRequest): Promise<AuthenticationResult> {
    for (const strategy of this.strategies) {
      const outcome = await strategy.authenticate(request);
      switch (outcome.kind) {
        case 'authenticated':
          return { ok: true, caller: outcome.caller, strategy: strategy.name };
        case 'rejected':
          return { ok: false, reason: `${strategy.name}: ${outcome.reason}` };
        case 'not-applicable':
          break;
      }
    }
    return {
      ok: false,
      reason:
        request.headers.authorization === undefined ? 'no credentials' : 'unrecognised credentials',
    };
  }
}

/** The bearer token of an `Authorization: Bearer <token>` header, or `null`. */
export function bearerToken(headers: IncomingHttpHeaders): string | null {
  const header = headers.authorization;
  if (header === undefined) return null;
  const match = /^Bearer[ ]+([^\s]+)\s*$/i.exec(header);
  return match?.[1] ?? null;
}

/** The request-context keys every authenticated caller carries. */
// AWS: global condition keys, https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html
export function baseRequestContext(request: AuthenticationRequest): Record<string, string> {
  return {
    'aws:SourceIp': request.sourceIp,
    'aws:CurrentTime': request.now.toISOString(),
    'aws:SecureTransport': request.secureTransport ? 'true' : 'false',
  };
}
