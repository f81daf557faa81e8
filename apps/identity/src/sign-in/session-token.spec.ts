import {
  createLocalJWKSet,
  decodeProtectedHeader,
  exportJWK,
  generateKeyPair,
  jwtVerify,
} from 'jose';
import { describe, expect, it } from 'vitest';
import type { SessionClaims } from './session-token.js';
import { SESSION_TOKEN_TYPE, issueSessionToken, sessionTokenPayload } from './session-token.js';

const SETTINGS = { issuer: 'urn:iam:identity', audience: 'urn:iam:gateway', lifetimeSeconds: 900 };
const NOW = new Date('2026-11-28T12:00:00.000Z');
const CLAIMS: SessionClaims = {
  principalArn: 'arn:aws:iam::123456789012:user/dev/alice',
  accountId: '123456789012',
  userId: 'AIDAEXAMPLEUSERID01',
  userName: 'alice',
  sessionId: '0d9b8c7a-6f5e-4d3c-8b2a-1f0e9d8c7b6a',
  authMethods: ['pwd', 'mfa'],
  authTime: new Date('2026-11-28T11:00:00.000Z'),
  passwordResetRequired: false,
  sessionExpiresAt: new Date('2026-11-28T23:00:00.000Z'),
};

describe('session token claims', () => {
  it('carries the registered and our claims, 15 minutes of life, and the original auth_time', () => {
    expect(sessionTokenPayload(CLAIMS, NOW, SETTINGS)).toEqual({
      iss: 'urn:iam:identity',
      sub: 'arn:aws:iam::123456789012:user/dev/alice',
      aud: 'urn:iam:gateway',
      iat: 1795867200,
      exp: 1795867200 + 900,
      auth_time: 1795863600,
      amr: ['pwd', 'mfa'],
      sid: CLAIMS.sessionId,
      account_id: '123456789012',
      user_id: 'AIDAEXAMPLEUSERID01',
      user_name: 'alice',
      mfa: true,
      pwd_reset: false,
    });
  });

  it('says mfa=false for a password-only session and marks a restricted one', () => {
    const payload = sessionTokenPayload(
      { ...CLAIMS, authMethods: ['pwd'], passwordResetRequired: true },
      NOW,
      SETTINGS,
    );
    expect(payload).toMatchObject({ amr: ['pwd'], mfa: false, pwd_reset: true });
  });

  it('never outlives its session', () => {
    const endsSoon = new Date(NOW.getTime() + 60_000);
    expect(sessionTokenPayload({ ...CLAIMS, sessionExpiresAt: endsSoon }, NOW, SETTINGS).exp).toBe(
      endsSoon.getTime() / 1000,
    );
  });

  it('signs ES256 with the key id and type, verifiable against the public JWK only', async () => {
    const pair = await generateKeyPair('ES256', { extractable: true });
    const publicJwk = { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'ES256' };
    const { token, expiresAt } = await issueSessionToken(
      { kid: 'k1', privateKey: pair.privateKey, signsUntil: new Date(NOW.getTime() + 1e6) },
      CLAIMS,
      NOW,
      SETTINGS,
    );
    expect(decodeProtectedHeader(token)).toEqual({
      alg: 'ES256',
      kid: 'k1',
      typ: SESSION_TOKEN_TYPE,
    });
    expect(expiresAt).toEqual(new Date(NOW.getTime() + 900_000));
    const { payload } = await jwtVerify(token, createLocalJWKSet({ keys: [publicJwk] }), {
      issuer: SETTINGS.issuer,
      audience: SETTINGS.audience,
      typ: SESSION_TOKEN_TYPE,
      currentDate: NOW,
    });
    expect(payload.sub).toBe(CLAIMS.principalArn);
    await expect(
      jwtVerify(token, createLocalJWKSet({ keys: [publicJwk] }), {
        currentDate: new Date(NOW.getTime() + 901_000),
      }),
    ).rejects.toThrow(/exp/);
  });
});
