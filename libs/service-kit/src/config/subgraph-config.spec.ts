import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { generateCallerKeyPair } from '../caller/caller-token.js';
import { ConfigError, loadConfig } from './load-config.js';
import { subgraphConfigSchema } from './subgraph-config.js';

const PAIR = generateCallerKeyPair();
const BASE = { DATABASE_URL: 'postgresql://app@localhost/iam' };

describe('subgraph configuration', () => {
  it('verifies caller contexts with the gateway public key and reads no private or shared key', () => {
    const schema = subgraphConfigSchema(4001);
    expect(Object.keys(schema).filter((key) => /PRIVATE|SIGNING|HMAC/.test(key))).toEqual([]);
    const config = loadConfig(schema, { ...BASE, IAM_CALLER_VERIFY_PUBLIC_KEY: PAIR.publicKey });
    expect(config.IAM_CALLER_VERIFY_PUBLIC_KEY.type).toBe('public');
    expect(config.IAM_CALLER_VERIFY_PUBLIC_KEY.asymmetricKeyType).toBe('ed25519');
  });

  it('requires the public key and refuses the private key in its place', () => {
    const schema = subgraphConfigSchema(4001);
    expect(() => loadConfig(schema, BASE)).toThrow('IAM_CALLER_VERIFY_PUBLIC_KEY is required');
    const pem = generateKeyPairSync('ed25519')
      .privateKey.export({ format: 'pem', type: 'pkcs8' })
      .toString();
    for (const privateKey of [PAIR.privateKey, pem]) {
      let caught: unknown;
      try {
        loadConfig(schema, { ...BASE, IAM_CALLER_VERIFY_PUBLIC_KEY: privateKey });
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(ConfigError);
      expect((caught as ConfigError).problems.join('\n')).toContain(
        'IAM_CALLER_VERIFY_PUBLIC_KEY is invalid',
      );
      expect((caught as Error).message).not.toContain(privateKey.slice(20, 60));
    }
  });
});
