import { createHmac, createPrivateKey, createPublicKey, generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { CallerContext } from '@iam/common';
import {
  CALLER_TOKEN_CLOCK_SKEW_SECONDS,
  CALLER_TOKEN_TTL_SECONDS,
  InvalidCallerTokenError,
  generateCallerKeyPair,
  parseCallerSigningKey,
  parseCallerVerifyKey,
  signCallerToken,
  signGatewayToken,
  verifyCallerToken,
  verifyGatewayToken,
} from './caller-token.js';

const PAIR = generateCallerKeyPair();
const PRIVATE = parseCallerSigningKey(PAIR.privateKey);
const PUBLIC = parseCallerVerifyKey(PAIR.publicKey);
const NOW = 1_800_000_000;
const caller: CallerContext = {
  requestId: 'r1',
  principalType: 'platform-admin',
  principalArn: 'arn:aws:iam::platform:admin',
  accountId: null,
  context: {},
};

function body(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[0] ?? '', 'base64url').toString('utf8')) as Record<
    string,
    unknown
  >;
}

function payloadOf(fields: Record<string, unknown>): string {
  return Buffer.from(JSON.stringify(fields)).toString('base64url');
}

describe('caller token', () => {
  it('round-trips a caller for its audience', () => {
    const token = signCallerToken(caller, 'identity', PRIVATE, NOW);
    expect(verifyCallerToken(token, 'identity', PUBLIC, NOW + 10)).toEqual(caller);
    expect(body(token)).toMatchObject({ aud: 'identity', typ: 'caller', exp: NOW + 15 });
  });

  it('is refused by another subgraph: a token for `identity` does not open `policy`', () => {
    const token = signCallerToken(caller, 'identity', PRIVATE, NOW);
    expect(() => verifyCallerToken(token, 'policy', PUBLIC, NOW)).toThrow('wrong audience');
  });

  it('is refused once its lifetime (plus the clock skew) has passed', () => {
    const token = signCallerToken(caller, 'identity', PRIVATE, NOW);
    const lastValid = NOW + CALLER_TOKEN_TTL_SECONDS + CALLER_TOKEN_CLOCK_SKEW_SECONDS;
    expect(verifyCallerToken(token, 'identity', PUBLIC, lastValid)).toEqual(caller);
    expect(() => verifyCallerToken(token, 'identity', PUBLIC, lastValid + 1)).toThrow('expired');
    expect(() => verifyCallerToken(token, 'identity', PUBLIC, NOW + 60)).toThrow('expired');
  });

  it('is refused when issued further in the future than the clock skew', () => {
    const token = signCallerToken(caller, 'identity', PRIVATE, NOW + 60);
    expect(() => verifyCallerToken(token, 'identity', PUBLIC, NOW)).toThrow('issued in the future');
  });

  it('is refused when signed by any other Ed25519 key', () => {
    const other = generateKeyPairSync('ed25519').privateKey;
    const token = signCallerToken(caller, 'identity', other, NOW);
    expect(() => verifyCallerToken(token, 'identity', PUBLIC, NOW)).toThrow('bad signature');
  });

  it.each([
    { title: 'the base64 DER of the public key', key: Buffer.from(PAIR.publicKey, 'base64') },
    { title: 'the public key text as configured', key: PAIR.publicKey },
    {
      title: 'the public key PEM',
      key: PUBLIC.export({ format: 'pem', type: 'spki' }).toString(),
    },
  ])('is refused when it is an HMAC keyed by $title (algorithm confusion)', ({ key }) => {
    const payload = payloadOf({
      v: 2,
      typ: 'caller',
      aud: 'identity',
      iat: NOW,
      exp: NOW + 15,
      caller,
    });
    const mac = createHmac('sha256', key).update(payload).digest('base64url');
    expect(() => verifyCallerToken(`${payload}.${mac}`, 'identity', PUBLIC, NOW)).toThrow(
      'bad signature',
    );
    // Even a 64-byte MAC (the length of an Ed25519 signature) is no signature.
    const long = createHmac('sha512', key).update(payload).digest('base64url');
    expect(() => verifyCallerToken(`${payload}.${long}`, 'identity', PUBLIC, NOW)).toThrow(
      'bad signature',
    );
  });

  it.each([
    { title: 'a missing token', token: undefined },
    { title: 'a token without signature', token: 'abc' },
    { title: 'a forged payload', token: `${payloadOf({ v: 2 })}.AAAA` },
  ])('refuses $title', ({ token }) => {
    expect(() => verifyCallerToken(token, 'identity', PUBLIC, NOW)).toThrow(
      InvalidCallerTokenError,
    );
  });

  it('refuses a payload swapped under a valid signature', () => {
    const token = signCallerToken(caller, 'identity', PRIVATE, NOW);
    const other = signCallerToken(caller, 'policy', PRIVATE, NOW);
    const forged = `${other.split('.')[0]}.${token.split('.')[1]}`;
    expect(() => verifyCallerToken(forged, 'policy', PUBLIC, NOW)).toThrow('bad signature');
  });

  it('never accepts a token of another kind as a caller', () => {
    const anonymous = signGatewayToken('anonymous', caller, 'identity', PRIVATE, NOW);
    expect(() => verifyCallerToken(anonymous, 'identity', PUBLIC, NOW)).toThrow(
      'wrong kind (expected caller)',
    );
    const token = signCallerToken(caller, 'identity', PRIVATE, NOW);
    expect(() => verifyGatewayToken('anonymous', token, 'identity', PUBLIC, NOW)).toThrow(
      'wrong kind (expected anonymous)',
    );
  });
});

describe('caller keys', () => {
  it('read PEM (with \\n escapes) and base64 DER', () => {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const privatePem = privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
    const publicPem = publicKey.export({ format: 'pem', type: 'spki' }).toString();
    const signing = parseCallerSigningKey(privatePem.replace(/\n/g, '\\n'));
    const verifying = parseCallerVerifyKey(publicPem);
    const token = signCallerToken(caller, 'audit', signing, NOW);
    expect(verifyCallerToken(token, 'audit', verifying, NOW)).toEqual(caller);
  });

  it('refuse a private key where the public key is expected, and keys of other algorithms', () => {
    const privatePem = PRIVATE.export({ format: 'pem', type: 'pkcs8' }).toString();
    expect(() => parseCallerVerifyKey(privatePem)).toThrow();
    expect(() => parseCallerVerifyKey(PAIR.privateKey)).toThrow();
    expect(() => parseCallerSigningKey(PAIR.publicKey)).toThrow();
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 });
    expect(() =>
      parseCallerVerifyKey(rsa.publicKey.export({ format: 'pem', type: 'spki' }).toString()),
    ).toThrow('Ed25519');
    expect(() =>
      parseCallerSigningKey(rsa.privateKey.export({ format: 'pem', type: 'pkcs8' }).toString()),
    ).toThrow('Ed25519');
    expect(createPublicKey(createPrivateKey(privatePem)).asymmetricKeyType).toBe('ed25519');
  });
});
