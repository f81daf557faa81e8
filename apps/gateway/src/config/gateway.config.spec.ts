import { describe, expect, it } from 'vitest';
import { ConfigError } from '@iam/service-kit';
import { loadGatewayConfig, subgraphUrlOverrides } from './gateway.config.js';

const SIGNING_KEY = 's'.repeat(32);
const ADMIN_TOKEN = 't'.repeat(32);

describe('loadGatewayConfig', () => {
  it('applies the defaults and leaves subgraph URLs to the supergraph', () => {
    const config = loadGatewayConfig({
      IAM_INTERNAL_SIGNING_KEY: SIGNING_KEY,
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
      IAM_INTERNAL_SIGNING_KEY: SIGNING_KEY,
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
    expect(problems.join('\n')).toContain('IAM_INTERNAL_SIGNING_KEY is required');
    expect(problems.join('\n')).toContain('IAM_PLATFORM_ADMIN_TOKEN is invalid (value hidden)');
    expect((error as Error).message).not.toContain(shortSecret);
  });
});
