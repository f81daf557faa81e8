import { generateKeyPairSync } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { describe, expect, it } from 'vitest';
import type { CallerContext } from '@iam/common';
import {
  ANONYMOUS_REQUEST_ARN,
  ANONYMOUS_REQUEST_HEADER,
  CALLER_HEADER,
  createLogger,
  signCallerToken,
  signGatewayToken,
} from '@iam/service-kit';
import { requestOriginFrom } from './caller.decorator.js';
import type { AuthenticatedRequest } from './caller-token.middleware.js';
import { callerTokenMiddleware } from './caller-token.middleware.js';

const { privateKey: KEY, publicKey: PUBLIC } = generateKeyPairSync('ed25519');
const anonymous = (context: CallerContext, audience: string, now: number): string =>
  signGatewayToken('anonymous', context, audience, KEY, now);
const NOW = Math.floor(Date.now() / 1000);
const USER: CallerContext = {
  requestId: 'r-1',
  principalType: 'user',
  principalArn: 'arn:aws:iam::111122223333:user/alice',
  accountId: null,
  context: { 'aws:SourceIp': '203.0.113.7' },
};
const ANONYMOUS: CallerContext = {
  requestId: 'r-2',
  principalType: 'service',
  principalArn: ANONYMOUS_REQUEST_ARN,
  accountId: null,
  context: { 'aws:SourceIp': '198.51.100.9' },
};

function run(headers: Record<string, string | undefined>): {
  req: AuthenticatedRequest;
  status: number | null;
} {
  const req = { headers } as unknown as AuthenticatedRequest;
  let status: number | null = null;
  const res = {
    statusCode: 200,
    setHeader: () => undefined,
    end() {
      status = (this as { statusCode: number }).statusCode;
    },
  } as unknown as ServerResponse;
  callerTokenMiddleware('identity', PUBLIC, createLogger('test', 'silent'))(req, res, () => {
    status = 0;
  });
  return { req, status };
}

describe('callerTokenMiddleware with anonymous requests', () => {
  it('accepts a caller token as a caller', () => {
    const { req, status } = run({ [CALLER_HEADER]: signCallerToken(USER, 'identity', KEY, NOW) });
    expect(status).toBe(0);
    expect(req.caller).toEqual(USER);
    expect(req.anonymous).toBeUndefined();
  });

  it('accepts an anonymous token as an origin only, never as a caller', () => {
    const token = anonymous(ANONYMOUS, 'identity', NOW);
    const { req, status } = run({ [ANONYMOUS_REQUEST_HEADER]: token });
    expect(status).toBe(0);
    expect(req.caller).toBeUndefined();
    expect(req.anonymous).toEqual({ requestId: 'r-2', context: ANONYMOUS.context });
    expect(requestOriginFrom({ anonymous: req.anonymous })).toEqual(req.anonymous);
  });

  it.each([
    { title: 'nothing', headers: {} },
    {
      title: 'an anonymous token in the caller header',
      headers: { [CALLER_HEADER]: anonymous(ANONYMOUS, 'identity', NOW) },
    },
    {
      title: 'a caller token in the anonymous header',
      headers: { [ANONYMOUS_REQUEST_HEADER]: signCallerToken(USER, 'identity', KEY, NOW) },
    },
    {
      title: 'a user context as an anonymous token',
      headers: { [ANONYMOUS_REQUEST_HEADER]: anonymous(USER, 'identity', NOW) },
    },
    {
      title: 'an anonymous token for another subgraph',
      headers: { [ANONYMOUS_REQUEST_HEADER]: anonymous(ANONYMOUS, 'policy', NOW) },
    },
    {
      title: 'a caller token for another subgraph',
      headers: { [CALLER_HEADER]: signCallerToken(USER, 'policy', KEY, NOW) },
    },
    {
      title: 'an expired anonymous token',
      headers: {
        [ANONYMOUS_REQUEST_HEADER]: anonymous(ANONYMOUS, 'identity', NOW - 120),
      },
    },
  ])('refuses $title with 401', ({ headers }) => {
    const { req, status } = run(headers);
    expect(status).toBe(401);
    expect(req.caller).toBeUndefined();
    expect(req.anonymous).toBeUndefined();
  });

  it('answers Unauthenticated for an origin without caller or anonymous token', () => {
    expect(() => requestOriginFrom({})).toThrow('authentication required');
  });
});
