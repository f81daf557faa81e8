import { decodeProtectedHeader, errors, jwtVerify } from 'jose';
import type { JWTPayload } from 'jose';
import { isAccountId, parseIamArn } from '@iam/common';
import type {
  AuthenticationOutcome,
  AuthenticationRequest,
  AuthenticationStrategy,
} from './authenticator.js';
import { baseRequestContext, bearerToken } from './authenticator.js';
import type { JwksCache } from './jwks-cache.js';
import type { SessionRevocationList } from './session-revocation-list.js';

/** The JOSE `typ` identity puts on session tokens; a bearer JWT of another type is not this strategy's. */
export const SESSION_TOKEN_TYPE = 'iam-session+jwt';
// The context keys of a session (its id, and whether it may only change its password) are shared with identity.
export { PASSWORD_RESET_CONTEXT_KEY, SESSION_ID_CONTEXT_KEY } from '@iam/common';
import { PASSWORD_RESET_CONTEXT_KEY, SESSION_ID_CONTEXT_KEY } from '@iam/common';

/** What the strategy checks besides the signature. */
export interface SessionTokenStrategyOptions {
  readonly issuer: string;
  readonly audience: string;
  /** Allowed clock difference with identity for `exp`/`iat` (default 30 s). */
  readonly clockToleranceSeconds?: number;
  /**
   * Identity's session revocation list (sign-out, revokeUserSessions, suspension, user deletion). Without it a
   * revoked session's token is accepted until it expires; only unit tests leave it out.
   */
  readonly revocations?: SessionRevocationList;
}

const JWT_SHAPE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

interface SessionClaims extends JWTPayload {
  sub: string;
  iat: number;
  exp: number;
  sid: string;
  auth_time: number;
  amr: string[];
  account_id: string;
  user_id: string;
  user_name: string;
  mfa: boolean;
  pwd_reset: boolean;
}

function hasSessionClaims(payload: JWTPayload): payload is SessionClaims {
  const p = payload as Record<string, unknown>;
  return (
    typeof p['sub'] === 'string' &&
    typeof p['iat'] === 'number' &&
    typeof p['exp'] === 'number' &&
    typeof p['sid'] === 'string' &&
    typeof p['auth_time'] === 'number' &&
    Array.isArray(p['amr']) &&
    (p['amr'] as unknown[]).every((m) => typeof m === 'string') &&
    typeof p['account_id'] === 'string' &&
    typeof p['user_id'] === 'string' &&
    typeof p['user_name'] === 'string' &&
    typeof p['mfa'] === 'boolean' &&
    typeof p['pwd_reset'] === 'boolean'
  );
}

/**
 * `Authorization: Bearer <session JWT>` issued by identity's `signIn`/`refreshSession`: verifies the ES256
 * signature against identity's JWKS (by `kid`), `typ`, `iss`, `aud`, `exp` (with a small tolerance), then builds the
 * IAM user caller with AWS's request-context keys. A bearer token that is not a JWT of our type is left to other
 * strategies; one that is ours but does not verify is rejected.
 *
 * SECURITY: a token of a revoked session (signOut, revokeUserSessions, refresh-token reuse, account suspension,
 * user deletion) is refused once the revocation list shows it, within the list's polling interval of the commit;
 * when the list cannot be read, every session token is refused (fail closed).
 */
export class SessionTokenStrategy implements AuthenticationStrategy {
  readonly name = 'session-token';
  private readonly clockTolerance: number;

  constructor(
    private readonly jwks: JwksCache,
    private readonly options: SessionTokenStrategyOptions,
  ) {
    this.clockTolerance = options.clockToleranceSeconds ?? 30;
  }

  async authenticate(request: AuthenticationRequest): Promise<AuthenticationOutcome> {
    const token = bearerToken(request.headers);
    if (token === null || !JWT_SHAPE.test(token)) return { kind: 'not-applicable' };
    let header;
    try {
      header = decodeProtectedHeader(token);
    } catch {
      return { kind: 'not-applicable' };
    }
    if (header.typ !== SESSION_TOKEN_TYPE) return { kind: 'not-applicable' };
    if (header.alg !== 'ES256' || typeof header.kid !== 'string') {
      return { kind: 'rejected', reason: 'unsupported algorithm or no key id' };
    }
    let key;
    try {
      key = await this.jwks.keyFor(header.kid);
    } catch {
      return { kind: 'rejected', reason: 'signing keys unavailable' };
    }
    if (key === null) return { kind: 'rejected', reason: 'unknown signing key' };
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, key, {
        algorithms: ['ES256'],
        typ: SESSION_TOKEN_TYPE,
        issuer: this.options.issuer,
        audience: this.options.audience,
        currentDate: request.now,
        clockTolerance: this.clockTolerance,
        requiredClaims: ['exp', 'iat', 'sub'],
      }));
    } catch (error) {
      const reason =
        error instanceof errors.JWTExpired
          ? 'expired'
          : error instanceof errors.JWTClaimValidationFailed
            ? `claim ${error.claim} invalid`
            : 'bad signature or malformed token';
      return { kind: 'rejected', reason };
    }
    if (!hasSessionClaims(payload)) return { kind: 'rejected', reason: 'missing session claims' };
    const subject = parseIamArn(payload.sub);
    if (subject?.type !== 'user' || subject.accountId !== payload.account_id) {
      return { kind: 'rejected', reason: 'subject is not a user of the account' };
    }
    const accountId = payload.account_id;
    if (!isAccountId(accountId)) return { kind: 'rejected', reason: 'bad account id' };
    if (this.options.revocations !== undefined) {
      try {
        if (await this.options.revocations.isRevoked(payload.sid)) {
          return { kind: 'rejected', reason: 'session revoked' };
        }
      } catch {
        return { kind: 'rejected', reason: 'session revocation list unavailable' };
      }
    }

    const nowSeconds = Math.floor(request.now.getTime() / 1000);
    // AWS: global condition keys, https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html
    const context: Record<string, string> = {
      ...baseRequestContext(request),
      'aws:PrincipalArn': payload.sub,
      'aws:username': payload.user_name,
      'aws:userid': payload.user_id,
      'aws:TokenIssueTime': new Date(payload.iat * 1000).toISOString(),
      'aws:MultiFactorAuthPresent': payload.mfa ? 'true' : 'false',
      [SESSION_ID_CONTEXT_KEY]: payload.sid,
    };
    // AWS: MultiFactorAuthAge is present only when MFA was used.
    if (payload.mfa) {
      context['aws:MultiFactorAuthAge'] = String(Math.max(0, nowSeconds - payload.auth_time));
    }
    if (payload.pwd_reset) context[PASSWORD_RESET_CONTEXT_KEY] = 'true';
    return {
      kind: 'authenticated',
      caller: {
        requestId: request.requestId,
        principalType: 'user',
        principalArn: payload.sub,
        accountId,
        context,
      },
    };
  }
}
