import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { InvalidCallerTokenError, signCallerToken } from './caller-token.js';
import {
  INTERNAL_REQUEST_ARN,
  internalRequestAudience,
  signInternalRequest,
  verifyInternalRequest,
} from './internal-request.js';

const { privateKey, publicKey } = generateKeyPairSync('ed25519');
const NOW = 1_800_000_000;
const AUDIENCE = internalRequestAudience('identity', '/internal/session-revocations');

describe('internal request tokens', () => {
  it('verify under the gateway public key and carry the request id', () => {
    expect(AUDIENCE).toBe('identity/internal/session-revocations');
    const token = signInternalRequest('req-1', AUDIENCE, privateKey, NOW);
    expect(verifyInternalRequest(token, AUDIENCE, publicKey, NOW + 10)).toEqual({
      requestId: 'req-1',
    });
  });

  it('are refused under another key, for another endpoint, when expired, or when missing', () => {
    const token = signInternalRequest('req-1', AUDIENCE, privateKey, NOW);
    const other = generateKeyPairSync('ed25519').publicKey;
    expect(() => verifyInternalRequest(token, AUDIENCE, other, NOW)).toThrow(
      InvalidCallerTokenError,
    );
    expect(() =>
      verifyInternalRequest(
        token,
        internalRequestAudience('identity', '/internal/other'),
        publicKey,
        NOW,
      ),
    ).toThrow(/wrong audience/);
    expect(() => verifyInternalRequest(token, AUDIENCE, publicKey, NOW + 21)).toThrow(/expired/);
    expect(() => verifyInternalRequest(undefined, AUDIENCE, publicKey, NOW)).toThrow(/missing/);
  });

  it('never accept a caller token, even one naming the gateway principal and the same audience', () => {
    const callerToken = signCallerToken(
      {
        requestId: 'req-1',
        principalType: 'service',
        principalArn: INTERNAL_REQUEST_ARN,
        accountId: null,
        context: {},
      },
      AUDIENCE,
      privateKey,
      NOW,
    );
    expect(() => verifyInternalRequest(callerToken, AUDIENCE, publicKey, NOW)).toThrow(
      /wrong kind/,
    );
  });
});
