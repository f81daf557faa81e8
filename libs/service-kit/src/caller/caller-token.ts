import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import type { CallerContext } from '@iam/common';

/** The header in which the gateway passes the signed caller context to subgraphs. */
export const CALLER_HEADER = 'x-iam-caller';

/**
 * How long a gateway token is valid. The gateway signs one token per subgraph fetch, right before sending it, so
 * the lifetime only has to cover one hop (transit, queueing, a GC pause): 15 s is ample for that and keeps a
 * captured header useful for a short time, against one audience only.
 */
export const CALLER_TOKEN_TTL_SECONDS = 15;

/** Tolerated clock difference between the gateway and a subgraph (both ways), in seconds. */
export const CALLER_TOKEN_CLOCK_SKEW_SECONDS = 5;

/**
 * What a gateway token vouches for. SECURITY: the kind is signed, so a token of one kind (an anonymous sign-in, an
 * internal request) never verifies as another (a caller), though one key pair signs them all.
 */
export type GatewayTokenKind = 'caller' | 'anonymous' | 'internal';

interface GatewayTokenBody {
  readonly v: 2;
  readonly typ: GatewayTokenKind;
  readonly aud: string;
  readonly iat: number;
  readonly exp: number;
  readonly caller: CallerContext;
}

/** Thrown when a caller token is missing, malformed, forged, expired or meant for another audience. */
export class InvalidCallerTokenError extends Error {
  constructor(reason: string) {
    super(`invalid caller token: ${reason}`);
    this.name = 'InvalidCallerTokenError';
  }
}

function ed25519(key: KeyObject, expected: 'private' | 'public'): KeyObject {
  if (key.asymmetricKeyType !== 'ed25519' || key.type !== expected) {
    throw new Error(`must be an Ed25519 ${expected} key`);
  }
  return key;
}

function keyText(raw: string): { key: string | Buffer; format: 'pem' | 'der' } {
  const text = raw.trim();
  if (text.startsWith('-----BEGIN')) return { key: text.replace(/\\n/g, '\n'), format: 'pem' };
  const der = Buffer.from(text.replace(/\+/g, '-').replace(/\//g, '_'), 'base64url');
  if (der.length === 0) throw new Error('not a PEM or base64 DER key');
  return { key: der, format: 'der' };
}

/**
 * Reads the gateway's Ed25519 private key: PEM (`-----BEGIN PRIVATE KEY-----`, `\n` escapes allowed) or base64 of
 * the PKCS#8 DER. Only the gateway holds it.
 */
export function parseCallerSigningKey(raw: string): KeyObject {
  const { key, format } = keyText(raw);
  return ed25519(
    format === 'pem' ? createPrivateKey(key) : createPrivateKey({ key, format, type: 'pkcs8' }),
    'private',
  );
}

/**
 * Reads the Ed25519 public key subgraphs verify with: PEM (`-----BEGIN PUBLIC KEY-----`) or base64 of the SPKI
 * DER. SECURITY: a private key is refused, so the signing key is never configured on a subgraph by mistake.
 */
export function parseCallerVerifyKey(raw: string): KeyObject {
  const { key, format } = keyText(raw);
  if (format === 'pem' && /-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(String(key))) {
    throw new Error('must be a public key, not a private key');
  }
  return ed25519(
    format === 'pem' ? createPublicKey(key) : createPublicKey({ key, format, type: 'spki' }),
    'public',
  );
}

/** A fresh gateway key pair as base64 DER (PKCS#8 private, SPKI public), the form the variables accept. */
export function generateCallerKeyPair(): {
  readonly privateKey: string;
  readonly publicKey: string;
} {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return {
    privateKey: privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64'),
    publicKey: publicKey.export({ format: 'der', type: 'spki' }).toString('base64'),
  };
}

/**
 * Signs a gateway token: `base64url(json).base64url(ed25519 signature)`, valid for {@link CALLER_TOKEN_TTL_SECONDS}
 * and only for `audience` (a subgraph name, or a subgraph's internal endpoint).
 */
export function signGatewayToken(
  kind: GatewayTokenKind,
  caller: CallerContext,
  audience: string,
  privateKey: KeyObject,
  nowSeconds: number,
): string {
  const body: GatewayTokenBody = {
    v: 2,
    typ: kind,
    aud: audience,
    iat: nowSeconds,
    exp: nowSeconds + CALLER_TOKEN_TTL_SECONDS,
    caller,
  };
  const payload = Buffer.from(JSON.stringify(body)).toString('base64url');
  return `${payload}.${sign(null, Buffer.from(payload), privateKey).toString('base64url')}`;
}

/**
 * Verifies a gateway token of `kind` for `audience`: Ed25519 signature with the gateway's public key (nothing else
 * is ever accepted, whatever the token claims), then kind, audience and lifetime (with
 * {@link CALLER_TOKEN_CLOCK_SKEW_SECONDS} of tolerance). Returns the context it carries.
 */
export function verifyGatewayToken(
  kind: GatewayTokenKind,
  token: string | undefined,
  audience: string,
  publicKey: KeyObject,
  nowSeconds: number,
): CallerContext {
  if (token === undefined || token === '') throw new InvalidCallerTokenError('missing');
  const dot = token.indexOf('.');
  if (dot <= 0 || token.indexOf('.', dot + 1) !== -1)
    throw new InvalidCallerTokenError('malformed');
  const payload = token.slice(0, dot);
  const signature = Buffer.from(token.slice(dot + 1), 'base64url');
  // SECURITY: the algorithm is fixed by the key (Ed25519), never read from the token.
  if (signature.length !== 64 || !verify(null, Buffer.from(payload), publicKey, signature)) {
    throw new InvalidCallerTokenError('bad signature');
  }
  let body: GatewayTokenBody;
  try {
    body = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as GatewayTokenBody;
  } catch {
    throw new InvalidCallerTokenError('malformed');
  }
  if (
    typeof body !== 'object' ||
    body === null ||
    body.v !== 2 ||
    typeof body.iat !== 'number' ||
    typeof body.exp !== 'number' ||
    typeof body.caller !== 'object' ||
    body.caller === null
  ) {
    throw new InvalidCallerTokenError('malformed');
  }
  if (body.typ !== kind) throw new InvalidCallerTokenError(`wrong kind (expected ${kind})`);
  if (body.aud !== audience) throw new InvalidCallerTokenError('wrong audience');
  if (body.exp - body.iat > CALLER_TOKEN_TTL_SECONDS) {
    throw new InvalidCallerTokenError('lifetime too long');
  }
  if (body.iat > nowSeconds + CALLER_TOKEN_CLOCK_SKEW_SECONDS) {
    throw new InvalidCallerTokenError('issued in the future');
  }
  if (body.exp + CALLER_TOKEN_CLOCK_SKEW_SECONDS < nowSeconds) {
    throw new InvalidCallerTokenError('expired');
  }
  return body.caller;
}

/** Signs a caller context for one subgraph (`audience`: its name, e.g. `identity`). */
export function signCallerToken(
  caller: CallerContext,
  audience: string,
  privateKey: KeyObject,
  nowSeconds: number,
): string {
  return signGatewayToken('caller', caller, audience, privateKey, nowSeconds);
}

/** Verifies a caller token on the subgraph named `audience` and returns the caller. */
export function verifyCallerToken(
  token: string | undefined,
  audience: string,
  publicKey: KeyObject,
  nowSeconds: number,
): CallerContext {
  return verifyGatewayToken('caller', token, audience, publicKey, nowSeconds);
}
