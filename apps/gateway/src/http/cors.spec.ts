import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, generateCallerKeyPair } from '@iam/service-kit';
import { loadGatewayConfig } from '../config/gateway.config.js';
import { CorsPolicy } from './cors.js';

const REQUIRED = {
  IAM_CALLER_SIGNING_PRIVATE_KEY: generateCallerKeyPair().privateKey,
  IAM_PLATFORM_ADMIN_TOKEN: 't'.repeat(32),
};

function problemsOf(env: Record<string, string>): readonly string[] {
  try {
    loadGatewayConfig({ ...REQUIRED, ...env });
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('GATEWAY_CORS_ORIGINS', () => {
  it('allows no origin by default', () => {
    expect(loadGatewayConfig(REQUIRED).GATEWAY_CORS_ORIGINS).toEqual([]);
  });

  it('reads a comma-separated list of exact origins', () => {
    const config = loadGatewayConfig({
      ...REQUIRED,
      GATEWAY_CORS_ORIGINS: 'https://a.example, https://b.example:8443,http://localhost:3000',
    });
    expect(config.GATEWAY_CORS_ORIGINS).toEqual([
      'https://a.example',
      'https://b.example:8443',
      'http://localhost:3000',
    ]);
  });

  it.each([
    ['*', /`\*` is not allowed/],
    ['null', /`null` is not allowed/],
    ['a.example', /not an origin/],
    ['ftp://a.example', /not an http/],
    ['https://a.example/', /write https:\/\/a\.example/],
    ['https://a.example/portal', /write https:\/\/a\.example/],
    ['https://A.example', /write https:\/\/a\.example/],
    ['https://a.example:443', /write https:\/\/a\.example/],
  ])('refuses %s at start-up, saying why', (value, reason) => {
    const problems = problemsOf({ GATEWAY_CORS_ORIGINS: `https://ok.example,${value}` });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^GATEWAY_CORS_ORIGINS is invalid: /);
    expect(problems[0]).toMatch(reason);
  });
});

describe('CorsPolicy', () => {
  const policy = new CorsPolicy(['https://portal.example'], 'POST');
  let server: Server;
  let url: string;

  beforeAll(async () => {
    server = createServer((req, res) => {
      if (req.method === 'OPTIONS') return policy.answerPreflight(req, res);
      policy.applyTo(req, res);
      res.end('{}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  const preflight = (origin: string) =>
    fetch(url, {
      method: 'OPTIONS',
      headers: {
        origin,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization, content-type',
      },
    });

  it('answers an allowed origin’s preflight 204 with its origin, methods and headers', async () => {
    const response = await preflight('https://portal.example');
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe('https://portal.example');
    expect(response.headers.get('access-control-allow-methods')).toBe('POST');
    const allowed = response.headers.get('access-control-allow-headers')?.split(/,\s*/);
    expect(allowed).toEqual(expect.arrayContaining(['authorization', 'content-type']));
    expect(response.headers.get('access-control-max-age')).toBe('600');
    expect(response.headers.get('access-control-allow-credentials')).toBeNull();
    expect(response.headers.get('vary')).toMatch(/Origin/);
  });

  it('answers an unknown origin’s preflight 204 without any CORS header', async () => {
    for (const origin of ['https://evil.example', 'https://portal.example.evil', 'null']) {
      const response = await preflight(origin);
      expect(response.status).toBe(204);
      const cors = [...response.headers.keys()].filter((name) =>
        name.startsWith('access-control-'),
      );
      expect(cors, origin).toEqual([]);
    }
  });

  it('lets an allowed origin read an answer (and the request id), and no other origin', async () => {
    const allowed = await fetch(url, {
      method: 'POST',
      headers: { origin: 'https://portal.example' },
    });
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://portal.example');
    expect(allowed.headers.get('access-control-expose-headers')).toMatch(/x-request-id/);
    expect(allowed.headers.get('vary')).toBe('Origin');
    const refused = await fetch(url, {
      method: 'POST',
      headers: { origin: 'https://evil.example' },
    });
    expect(refused.headers.get('access-control-allow-origin')).toBeNull();
    expect(refused.headers.get('vary')).toBe('Origin');
  });
});
