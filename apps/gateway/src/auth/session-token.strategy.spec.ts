import { generateKeyPairSync } from 'node:crypto';
import { SignJWT, exportJWK, generateKeyPair } from 'jose';
import type { CryptoKey, JWK } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AuthenticationRequest } from './authenticator.js';
import { JwksCache } from './jwks-cache.js';
import { SessionRevocationList } from './session-revocation-list.js';
import { SESSION_TOKEN_TYPE, SessionTokenStrategy } from './session-token.strategy.js';

const NOW = new Date('2026-11-28T12:00:00.000Z');
const NOW_S = NOW.getTime() / 1000;
const ISSUER = 'urn:iam:identity';
const AUDIENCE = 'urn:iam:gateway';
const ARN = 'arn:aws:iam::123456789012:user/staff/alice';

function request(token: string | null): AuthenticationRequest {
  return {
    headers: token === null ? {} : { authorization: `Bearer ${token}` },
    requestId: 'req-7',
    sourceIp: '203.0.113.7',
    secureTransport: true,
    now: NOW,
  };
}

const CLAIMS = {
  sub: ARN,
  iss: ISSUER,
  aud: AUDIENCE,
  iat: NOW_S - 60,
  exp: NOW_S + 840,
  auth_time: NOW_S - 3_600,
  amr: ['pwd', 'mfa'],
  sid: 'sid-1',
  account_id: '123456789012',
  user_id: 'AIDAEXAMPLE',
  user_name: 'alice',
  mfa: true,
  pwd_reset: false,
};

describe(SessionTokenStrategy.name, () => {
  let privateKey: CryptoKey;
  let publicJwk: JWK;
  let fetches = 0;
  let jwksKeys: JWK[];
  let clock = 0;
  let strategy: SessionTokenStrategy;

  const sign = (claims: Record<string, unknown> = CLAIMS, header: Record<string, unknown> = {}) =>
    new SignJWT(claims)
      .setProtectedHeader({ alg: 'ES256', kid: 'k1', typ: SESSION_TOKEN_TYPE, ...header })
      .sign(privateKey);

  beforeAll(async () => {
    const pair = await generateKeyPair('ES256', { extractable: true });
    privateKey = pair.privateKey;
    publicJwk = { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'ES256', use: 'sig' };
    jwksKeys = [publicJwk];
    const cache = new JwksCache('http://identity.test/.well-known/jwks.json', {
      now: () => clock,
      fetch: () => {
        fetches++;
        return Promise.resolve(Response.json({ keys: jwksKeys }));
      },
    });
    strategy = new SessionTokenStrategy(cache, { issuer: ISSUER, audience: AUDIENCE });
  });

  it('authenticates a session token as the IAM user with the AWS request-context keys', async () => {
    expect(await strategy.authenticate(request(await sign()))).toEqual({
      kind: 'authenticated',
      caller: {
        requestId: 'req-7',
        principalType: 'user',
        principalArn: ARN,
        accountId: '123456789012',
        context: {
          'aws:SourceIp': '203.0.113.7',
          'aws:CurrentTime': NOW.toISOString(),
          'aws:SecureTransport': 'true',
          'aws:PrincipalArn': ARN,
          'aws:username': 'alice',
          'aws:userid': 'AIDAEXAMPLE',
          'aws:TokenIssueTime': new Date((NOW_S - 60) * 1000).toISOString(),
          'aws:MultiFactorAuthPresent': 'true',
          'aws:MultiFactorAuthAge': '3600',
          'iam:SessionId': 'sid-1',
        },
      },
    });
  });

  it('says no MFA without an age, and marks a restricted session', async () => {
    const outcome = await strategy.authenticate(
      request(await sign({ ...CLAIMS, amr: ['pwd'], mfa: false, pwd_reset: true })),
    );
    expect(outcome.kind).toBe('authenticated');
    const context = outcome.kind === 'authenticated' ? outcome.caller.context : {};
    expect(context['aws:MultiFactorAuthPresent']).toBe('false');
    expect(context).not.toHaveProperty('aws:MultiFactorAuthAge');
    expect(context['iam:PasswordResetRequired']).toBe('true');
  });

  it.each([
    { title: 'no header', token: null },
    { title: 'an opaque token (platform admin)', token: 'x'.repeat(43) },
    { title: 'a JWT of another type', typ: 'JWT' },
  ])('leaves $title to other strategies', async ({ token, typ }) => {
    const value = typ === undefined ? token! : await sign(CLAIMS, { typ });
    expect(await strategy.authenticate(request(value ?? null))).toEqual({ kind: 'not-applicable' });
  });

  it.each([
    { title: 'expired', claims: { ...CLAIMS, exp: NOW_S - 31 }, reason: 'expired' },
    {
      title: 'for another audience',
      claims: { ...CLAIMS, aud: 'other' },
      reason: 'claim aud invalid',
    },
    {
      title: 'from another issuer',
      claims: { ...CLAIMS, iss: 'evil' },
      reason: 'claim iss invalid',
    },
    {
      title: 'naming a user of another account',
      claims: { ...CLAIMS, account_id: '999999999999' },
      reason: 'subject is not a user of the account',
    },
    {
      title: 'without session claims',
      claims: { ...CLAIMS, mfa: 'yes' },
      reason: 'missing session claims',
    },
  ])('rejects a token $title', async ({ claims, reason }) => {
    expect(await strategy.authenticate(request(await sign(claims)))).toEqual({
      kind: 'rejected',
      reason,
    });
  });

  it('rejects a tampered token and an unsupported algorithm', async () => {
    const token = await sign();
    const [header, payload, signature] = token.split('.') as [string, string, string];
    const forged = Buffer.from(
      JSON.stringify({ ...CLAIMS, sub: 'arn:aws:iam::123456789012:user/root-ish' }),
    ).toString('base64url');
    expect(await strategy.authenticate(request(`${header}.${forged}.${signature}`))).toEqual({
      kind: 'rejected',
      reason: 'bad signature or malformed token',
    });
    expect(payload).not.toBe(forged);
    const none = `${Buffer.from(JSON.stringify({ alg: 'none', typ: SESSION_TOKEN_TYPE, kid: 'k1' })).toString('base64url')}.${payload}.AA`;
    expect(await strategy.authenticate(request(none))).toMatchObject({ kind: 'rejected' });
  });

  it('refetches the key set for an unknown kid, at most once per interval', async () => {
    clock = 10 * 60_000; // the cached set is stale anyway after 5 minutes
    await strategy.authenticate(request(await sign()));
    const before = fetches;
    const unknown = await sign(CLAIMS, { kid: 'k-new' });
    expect(await strategy.authenticate(request(unknown))).toEqual({
      kind: 'rejected',
      reason: 'unknown signing key',
    });
    expect(await strategy.authenticate(request(unknown))).toMatchObject({ kind: 'rejected' });
    expect(fetches - before).toBe(0); // refreshed < 30 s ago: no more fetches
    // A rotation published later is picked up once the interval has passed.
    jwksKeys = [publicJwk, { ...publicJwk, kid: 'k-new' }];
    clock += 31_000;
    expect((await strategy.authenticate(request(unknown))).kind).toBe('authenticated');
    expect(fetches - before).toBe(1);
  });

  it('rejects a token of a revoked session, and every session token while the list cannot be read', async () => {
    let revoked: string[] = [];
    let available = true;
    const revocations = new SessionRevocationList({
      url: 'http://identity.test/internal/session-revocations',
      signingKey: generateKeyPairSync('ed25519').privateKey,
      maxStalenessMs: 1_000,
      now: () => clock,
      fetch: () =>
        available
          ? Promise.resolve(
              Response.json({
                asOf: NOW.toISOString(),
                truncated: false,
                revocations: revoked.map((sessionId) => ({
                  sessionId,
                  recordedAt: NOW.toISOString(),
                  tokensValidUntil: new Date(NOW.getTime() + 900_000).toISOString(),
                })),
              }),
            )
          : Promise.reject(new Error('down')),
    });
    const withList = new SessionTokenStrategy(
      new JwksCache('http://identity.test/.well-known/jwks.json', {
        fetch: () => Promise.resolve(Response.json({ keys: jwksKeys })),
      }),
      { issuer: ISSUER, audience: AUDIENCE, revocations },
    );
    try {
      clock = 0;
      const token = await sign();
      expect((await withList.authenticate(request(token))).kind).toBe('authenticated');
      revoked = ['sid-1'];
      clock += 2_000;
      expect(await withList.authenticate(request(token))).toEqual({
        kind: 'rejected',
        reason: 'session revoked',
      });
      // Another session of the same user is unaffected.
      const other = await sign({ ...CLAIMS, sid: 'sid-2' });
      expect((await withList.authenticate(request(other))).kind).toBe('authenticated');
      available = false;
      clock += 2_000;
      expect(await withList.authenticate(request(other))).toEqual({
        kind: 'rejected',
        reason: 'session revocation list unavailable',
      });
    } finally {
      revocations.stop();
    }
  });
});
