import { createHmac, timingSafeEqual } from 'node:crypto';
import type { CallerContext } from '@iam/common';

/** The header in which the gateway passes the signed caller context to subgraphs. */
export const CALLER_HEADER = 'x-iam-caller';

/** How long a signed caller context is valid: one request's fan-out, no more. */
export const CALLER_TOKEN_TTL_SECONDS = 60;

interface CallerTokenBody {
  readonly v: 1;
  readonly caller: CallerContext;
  readonly exp: number;
}

/** Thrown when a caller token is missing, malformed, forged or expired. */
export class InvalidCallerTokenError extends Error {
  constructor(reason: string) {
    super(`invalid caller token: ${reason}`);
    this.name = 'InvalidCallerTokenError';
  }
}

function mac(key: string, payload: string): Buffer {
  return createHmac('sha256', key).update(payload).digest();
}

/**
 * Signs a caller context for subgraphs: `base64url(json).base64url(hmac-sha256)`.
 * SECURITY: the key is shared by the gateway and the subgraphs only; the token expires quickly so a captured
 * header is of little use.
 */
export function signCallerToken(caller: CallerContext, key: string, nowSeconds: number): string {
  const body: CallerTokenBody = { v: 1, caller, exp: nowSeconds + CALLER_TOKEN_TTL_SECONDS };
  const payload = Buffer.from(JSON.stringify(body)).toString('base64url');
  return `${payload}.${mac(key, payload).toString('base64url')}`;
}

/** Verifies a caller token (constant-time MAC comparison, then expiry) and returns the caller. */
export function verifyCallerToken(
  token: string | undefined,
  key: string,
  nowSeconds: number,
): CallerContext {
  if (token === undefined || token === '') throw new InvalidCallerTokenError('missing');
  const dot = token.indexOf('.');
  if (dot <= 0) throw new InvalidCallerTokenError('malformed');
  const payload = token.slice(0, dot);
  const signature = Buffer.from(token.slice(dot + 1), 'base64url');
  const expected = mac(key, payload);
  // SECURITY: constant-time comparison; lengths are public (always 32 bytes for a real MAC).
  if (signature.length !== expected.length || !timingSafeEqual(signature, expected)) {
    throw new InvalidCallerTokenError('bad signature');
  }
  let body: CallerTokenBody;
  try {
    body = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as CallerTokenBody;
  } catch {
    throw new InvalidCallerTokenError('malformed');
  }
  if (body.v !== 1 || typeof body.exp !== 'number') throw new InvalidCallerTokenError('malformed');
  if (body.exp < nowSeconds) throw new InvalidCallerTokenError('expired');
  return body.caller;
}
