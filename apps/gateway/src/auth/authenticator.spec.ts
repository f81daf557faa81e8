import { describe, expect, it } from 'vitest';
import type { CallerContext } from '@iam/common';
import type {
  AuthenticationOutcome,
  AuthenticationRequest,
  AuthenticationStrategy,
} from './authenticator.js';
import { Authenticator, bearerToken } from './authenticator.js';
import { PLATFORM_ADMIN_ARN, PlatformAdminStrategy } from './platform-admin.strategy.js';

const ADMIN_TOKEN = 'a'.repeat(16) + 'b'.repeat(16) + 'c'.repeat(11);

function request(authorization?: string): AuthenticationRequest {
  return {
    headers: authorization === undefined ? {} : { authorization },
    requestId: 'req-1',
    sourceIp: '203.0.113.7',
    secureTransport: false,
    now: new Date('2026-01-02T03:04:05.000Z'),
  };
}

function fixedStrategy(
  name: string,
  outcome: AuthenticationOutcome,
  calls: string[],
): AuthenticationStrategy {
  return {
    name,
    authenticate: () => {
      calls.push(name);
      return Promise.resolve(outcome);
    },
  };
}

const CALLER: CallerContext = {
  requestId: 'req-1',
  principalType: 'user',
  principalArn: 'arn:aws:iam::111122223333:user/alice',
  accountId: null,
  context: {},
};

describe(PlatformAdminStrategy.name, () => {
  const strategy = new PlatformAdminStrategy(ADMIN_TOKEN);

  it('authenticates the admin token as the platform administrator with the request context', async () => {
    expect(await strategy.authenticate(request(`Bearer ${ADMIN_TOKEN}`))).toEqual({
      kind: 'authenticated',
      caller: {
        requestId: 'req-1',
        principalType: 'platform-admin',
        principalArn: PLATFORM_ADMIN_ARN,
        accountId: null,
        context: {
          'aws:SourceIp': '203.0.113.7',
          'aws:CurrentTime': '2026-01-02T03:04:05.000Z',
          'aws:SecureTransport': 'false',
        },
      },
    });
  });

  it.each([
    { title: 'no header', header: undefined },
    { title: 'another token', header: `Bearer ${'z'.repeat(43)}` },
    { title: 'a prefix of the token', header: `Bearer ${ADMIN_TOKEN.slice(0, -1)}` },
    { title: 'the token with a suffix', header: `Bearer ${ADMIN_TOKEN}z` },
    { title: 'the token under another scheme', header: `Token ${ADMIN_TOKEN}` },
  ])('leaves $title to other strategies', async ({ header }) => {
    expect(await strategy.authenticate(request(header))).toEqual({ kind: 'not-applicable' });
  });
});

describe(Authenticator.name, () => {
  it('returns the first authenticated caller and stops there', async () => {
    const calls: string[] = [];
    const authenticator = new Authenticator([
      fixedStrategy('first', { kind: 'not-applicable' }, calls),
      fixedStrategy('second', { kind: 'authenticated', caller: CALLER }, calls),
      fixedStrategy('third', { kind: 'authenticated', caller: CALLER }, calls),
    ]);
    expect(await authenticator.authenticate(request('Bearer x'))).toEqual({
      ok: true,
      caller: CALLER,
      strategy: 'second',
    });
    expect(calls).toEqual(['first', 'second']);
  });

  it('stops at a rejection even when a later strategy would accept', async () => {
    const calls: string[] = [];
    const authenticator = new Authenticator([
      fixedStrategy('jwt', { kind: 'rejected', reason: 'expired' }, calls),
      fixedStrategy('other', { kind: 'authenticated', caller: CALLER }, calls),
    ]);
    expect(await authenticator.authenticate(request('Bearer x'))).toEqual({
      ok: false,
      reason: 'jwt: expired',
    });
    expect(calls).toEqual(['jwt']);
  });

  it.each([
    { title: 'no credentials', header: undefined, reason: 'no credentials' },
    {
      title: 'credentials nobody recognises',
      header: 'Bearer nope',
      reason: 'unrecognised credentials',
    },
  ])('fails with $title', async ({ header, reason }) => {
    const authenticator = new Authenticator([new PlatformAdminStrategy(ADMIN_TOKEN)]);
    expect(await authenticator.authenticate(request(header))).toEqual({ ok: false, reason });
  });
});

describe('bearerToken', () => {
  it.each([
    { title: 'a bearer token', header: 'Bearer abc.def', token: 'abc.def' },
    { title: 'a lower-case scheme', header: 'bearer abc', token: 'abc' },
    { title: 'an empty token', header: 'Bearer ', token: null },
    { title: 'two tokens', header: 'Bearer a b', token: null },
    { title: 'another scheme', header: 'Basic abc', token: null },
  ])('reads $title', ({ header, token }) => {
    expect(bearerToken({ authorization: header })).toBe(token);
  });
});
