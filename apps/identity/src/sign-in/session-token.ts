import { KeyObject, sign } from 'node:crypto';
import type { CryptoKey } from 'jose';
import type { AuthenticationMethod } from '@iam/event-contracts';
import type { ActiveSigningKey } from './signing-keys.js';
import { SESSION_TOKEN_ALGORITHM } from './signing-keys.js';

/** The JOSE `typ` of session tokens: a verifier that checks it cannot mistake another JWT for a session. */
export const SESSION_TOKEN_TYPE = 'iam-session+jwt';
/** Default `iss` of session tokens. */
export const DEFAULT_SESSION_ISSUER = 'urn:iam:identity';
/** Default `aud` of session tokens: the gateway. */
export const DEFAULT_SESSION_AUDIENCE = 'urn:iam:gateway';

/** What goes into a session token's claims. */
export interface SessionClaims {
  readonly principalArn: string;
  readonly accountId: string;
  readonly userId: string;
  readonly userName: string;
  readonly sessionId: string;
  readonly authMethods: readonly AuthenticationMethod[];
  /** When the user authenticated (kept across refreshes). */
  readonly authTime: Date;
  /** The session may only change its password. */
  readonly passwordResetRequired: boolean;
  /** The session's end: no token outlives it. */
  readonly sessionExpiresAt: Date;
}

/** The issuer, audience and lifetime of session tokens. */
export interface SessionTokenSettings {
  readonly issuer: string;
  readonly audience: string;
  readonly lifetimeSeconds: number;
}

/**
 * The claims of a session token, as the gateway reads them. Registered: `iss`, `sub` (the user's ARN), `aud`,
 * `iat`, `exp`, `auth_time`, `amr` (RFC 8176), `sid`. Ours: `account_id`, `user_id`, `user_name`, `mfa` (whether
 * MFA was used) and `pwd_reset` (when true the session may only call `changePassword`).
 */
export interface SessionTokenPayload {
  readonly iss: string;
  readonly sub: string;
  readonly aud: string;
  readonly iat: number;
  readonly exp: number;
  readonly auth_time: number;
  readonly amr: readonly AuthenticationMethod[];
  readonly sid: string;
  readonly account_id: string;
  readonly user_id: string;
  readonly user_name: string;
  readonly mfa: boolean;
  readonly pwd_reset: boolean;
}

const seconds = (date: Date): number => Math.floor(date.getTime() / 1000);

/** Pure: the payload of a token issued at `now` (its expiry capped by the session's end). */
export function sessionTokenPayload(
  claims: SessionClaims,
  now: Date,
  settings: SessionTokenSettings,
): SessionTokenPayload {
  const iat = seconds(now);
  return {
    iss: settings.issuer,
    sub: claims.principalArn,
    aud: settings.audience,
    iat,
    exp: Math.min(iat + settings.lifetimeSeconds, seconds(claims.sessionExpiresAt)),
    auth_time: seconds(claims.authTime),
    amr: [...claims.authMethods],
    sid: claims.sessionId,
    account_id: claims.accountId,
    user_id: claims.userId,
    user_name: claims.userName,
    mfa: claims.authMethods.includes('mfa'),
    pwd_reset: claims.passwordResetRequired,
  };
}

// The signing key as a node:crypto KeyObject, made once per key: node:crypto signs without the WebCrypto layers
// (promise, argument conversion, key copy) that cost more CPU than the ECDSA signature itself on every sign-in.
const keyObjects = new WeakMap<CryptoKey, KeyObject>();

function keyObjectOf(key: CryptoKey): KeyObject {
  let keyObject = keyObjects.get(key);
  if (keyObject === undefined) {
    keyObject = KeyObject.from(key);
    keyObjects.set(key, keyObject);
  }
  return keyObject;
}

/**
 * Signs a session token (compact JWS, ES256, `kid` of the signing key): the same bytes as jose's `SignJWT` (header
 * and payload as JSON, base64url, the ECDSA signature as r || s, RFC 7518 section 3.4), signed with node:crypto.
 */
export function issueSessionToken(
  key: ActiveSigningKey,
  claims: SessionClaims,
  now: Date,
  settings: SessionTokenSettings,
): Promise<{ token: string; expiresAt: Date }> {
  const payload = sessionTokenPayload(claims, now, settings);
  const header = { alg: SESSION_TOKEN_ALGORITHM, kid: key.kid, typ: SESSION_TOKEN_TYPE };
  const signingInput = `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(payload))}`;
  const signature = sign('sha256', Buffer.from(signingInput, 'utf8'), {
    key: keyObjectOf(key.privateKey),
    dsaEncoding: 'ieee-p1363',
  });
  return Promise.resolve({
    token: `${signingInput}.${signature.toString('base64url')}`,
    expiresAt: new Date(payload.exp * 1000),
  });
}

function base64url(json: string): string {
  return Buffer.from(json, 'utf8').toString('base64url');
}
