import { describe, expect, it } from 'vitest';
import { ConfigError, generateCallerKeyPair } from '@iam/service-kit';
import {
  loadGatewayConfig,
  sessionRevocationsUrl,
  subgraphUrlOverrides,
} from './gateway.config.js';

const SIGNING_KEY = generateCallerKeyPair().privateKey;
const ADMIN_TOKEN = 't'.repeat(32);

describe('loadGatewayConfig', () => {
  it('applies the defaults and leaves subgraph URLs to the supergraph', () => {
    const config = loadGatewayConfig({
      IAM_CALLER_SIGNING_PRIVATE_KEY: SIGNING_KEY,
      IAM_PLATFORM_ADMIN_TOKEN: ADMIN_TOKEN,
    });
    expect(config).toMatchObject({
      GATEWAY_PORT: 4000,
      GATEWAY_HOST: '127.0.0.1',
      GATEWAY_MAX_BODY_BYTES: 102_400,
      NODE_ENV: 'development',
    });
    expect(subgraphUrlOverrides(config)).toEqual({});
  });

  it('reads subgraph URL overrides by subgraph name', () => {
    const config = loadGatewayConfig({
      IAM_CALLER_SIGNING_PRIVATE_KEY: SIGNING_KEY,
      IAM_PLATFORM_ADMIN_TOKEN: ADMIN_TOKEN,
      SUBGRAPH_POLICY_URL: 'http://policy.internal:8080/graphql',
    });
    expect(subgraphUrlOverrides(config)).toEqual({ policy: 'http://policy.internal:8080/graphql' });
  });

  it('lists every problem at once and never echoes a secret', () => {
    const shortSecret = 'too-short-secret-value';
    let error: unknown;
    try {
      loadGatewayConfig({
        IAM_PLATFORM_ADMIN_TOKEN: shortSecret,
        GATEWAY_PORT: 'eighty',
        SUBGRAPH_AUDIT_URL: 'ftp://audit',
        GATEWAY_MAX_BODY_BYTES: '-1',
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems;
    expect(problems).toHaveLength(5);
    expect(problems.join('\n')).toContain('IAM_CALLER_SIGNING_PRIVATE_KEY is required');
    expect(problems.join('\n')).toContain('IAM_PLATFORM_ADMIN_TOKEN is invalid (value hidden)');
    expect((error as Error).message).not.toContain(shortSecret);
  });

  it('reads the revocation list beside identity by default, polled every second, and bounds its settings', () => {
    const base = {
      IAM_CALLER_SIGNING_PRIVATE_KEY: SIGNING_KEY,
      IAM_PLATFORM_ADMIN_TOKEN: ADMIN_TOKEN,
    };
    const config = loadGatewayConfig(base);
    expect(config).toMatchObject({
      GATEWAY_SESSION_REVOCATION_POLL_MS: 1_000,
      GATEWAY_SESSION_REVOCATION_MAX_STALENESS_MS: 15_000,
    });
    expect(sessionRevocationsUrl(config, 'http://127.0.0.1:4001/graphql')).toBe(
      'http://127.0.0.1:4001/internal/session-revocations',
    );
    expect(sessionRevocationsUrl(config, null)).toBeNull();
    const explicit = loadGatewayConfig({
      ...base,
      GATEWAY_SESSION_REVOCATIONS_URL: 'https://identity.internal/internal/session-revocations',
    });
    expect(sessionRevocationsUrl(explicit, 'http://127.0.0.1:4001/graphql')).toBe(
      'https://identity.internal/internal/session-revocations',
    );
    let error: unknown;
    try {
      loadGatewayConfig({
        ...base,
        GATEWAY_SESSION_REVOCATION_POLL_MS: '50',
        GATEWAY_SESSION_REVOCATION_MAX_STALENESS_MS: '600000',
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems.join('\n')).toMatch(
      /GATEWAY_SESSION_REVOCATION_POLL_MS[^\n]*between 100 and 60000[\s\S]*MAX_STALENESS_MS[^\n]*between 1000 and 300000/,
    );
  });

  it('takes the caller signing key as an Ed25519 private key only, never echoing it', () => {
    const pair = generateCallerKeyPair();
    const config = loadGatewayConfig({
      IAM_CALLER_SIGNING_PRIVATE_KEY: pair.privateKey,
      IAM_PLATFORM_ADMIN_TOKEN: ADMIN_TOKEN,
    });
    expect(config.IAM_CALLER_SIGNING_PRIVATE_KEY.type).toBe('private');
    expect(config.IAM_CALLER_SIGNING_PRIVATE_KEY.asymmetricKeyType).toBe('ed25519');
    for (const wrong of [pair.publicKey, 's'.repeat(32)]) {
      let error: unknown;
      try {
        loadGatewayConfig({
          IAM_CALLER_SIGNING_PRIVATE_KEY: wrong,
          IAM_PLATFORM_ADMIN_TOKEN: ADMIN_TOKEN,
        });
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).problems).toEqual([
        'IAM_CALLER_SIGNING_PRIVATE_KEY is invalid (value hidden)',
      ]);
    }
  });
});
