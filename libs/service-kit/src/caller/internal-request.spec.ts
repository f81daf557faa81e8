import { describe, expect, it } from 'vitest';
import { InvalidCallerTokenError, signCallerToken } from './caller-token.js';
import {
  INTERNAL_REQUEST_ARN,
  signInternalRequest,
  verifyInternalRequest,
} from './internal-request.js';

const KEY = 'k'.repeat(32);
const NOW = 1_800_000_000;

describe('internal request tokens', () => {
  it('verify under the same signing key and carry the request id', () => {
    const token = signInternalRequest('req-1', KEY, NOW);
    expect(verifyInternalRequest(token, KEY, NOW + 10)).toEqual({ requestId: 'req-1' });
  });

  it('are refused under another key, when expired, or when missing', () => {
    const token = signInternalRequest('req-1', KEY, NOW);
    expect(() => verifyInternalRequest(token, 'x'.repeat(32), NOW)).toThrow(
      InvalidCallerTokenError,
    );
    expect(() => verifyInternalRequest(token, KEY, NOW + 61)).toThrow(/expired/);
    expect(() => verifyInternalRequest(undefined, KEY, NOW)).toThrow(/missing/);
  });

  it('never accept a caller token, even one naming the gateway principal', () => {
    const callerToken = signCallerToken(
      {
        requestId: 'req-1',
        principalType: 'service',
        principalArn: INTERNAL_REQUEST_ARN,
        accountId: null,
        context: {},
      },
      KEY,
      NOW,
    );
    expect(() => verifyInternalRequest(callerToken, KEY, NOW)).toThrow(/bad signature/);
  });
});
