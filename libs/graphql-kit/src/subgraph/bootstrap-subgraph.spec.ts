import { Module } from '@nestjs/common';
import type { DynamicModule } from '@nestjs/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger, generateCallerKeyPair, parseCallerVerifyKey } from '@iam/service-kit';
import { HealthController, READINESS_CHECKS } from '../health/health.controller.js';
import { bootstrapSubgraph } from './bootstrap-subgraph.js';
import type { RunningSubgraph } from './bootstrap-subgraph.js';

@Module({})
class BareSubgraphModule {}

/** A subgraph with its health endpoints only: what the host adds around every subgraph, without GraphQL. */
const MODULE: DynamicModule = {
  module: BareSubgraphModule,
  controllers: [HealthController],
  providers: [{ provide: READINESS_CHECKS, useValue: [] }],
};

describe('bootstrapSubgraph HTTP hygiene', () => {
  let subgraph: RunningSubgraph;

  beforeAll(async () => {
    subgraph = await bootstrapSubgraph({
      module: MODULE,
      host: '127.0.0.1',
      port: 0,
      name: 'identity',
      callerVerifyKey: parseCallerVerifyKey(generateCallerKeyPair().publicKey),
      logger: createLogger('bootstrap-subgraph-spec', 'silent'),
    });
  });

  afterAll(async () => {
    await subgraph?.close();
  });

  it('answers an unknown path 404 in the suite error shape, without echoing the path', async () => {
    const response = await fetch(`${subgraph.url}/no/such/path?x=<script>`);
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    const text = await response.text();
    expect(JSON.parse(text)).toEqual({
      errors: [
        {
          message: 'not found',
          extensions: { code: 'NotFound', category: 'NOT_FOUND', status: 404 },
        },
      ],
    });
    expect(text).not.toContain('no/such/path');
  });

  it('sends no X-Powered-By header, on a route or a 404', async () => {
    for (const path of ['/health/live', '/health/ready', '/nowhere']) {
      const response = await fetch(`${subgraph.url}${path}`);
      await response.body?.cancel();
      expect(response.headers.get('x-powered-by'), path).toBeNull();
      expect(response.headers.get('x-request-id'), path).toMatch(/\S/);
    }
  });

  it('keeps its routes: /health/live and /health/ready answer 200', async () => {
    expect(await (await fetch(`${subgraph.url}/health/live`)).json()).toEqual({ status: 'ok' });
    const ready = await fetch(`${subgraph.url}/health/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ok', checks: [] });
  });
});
