import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningGateway } from '../../src/gateway.js';
import {
  composeTestSupergraph,
  postGraphQL,
  startTestGateway,
  testSecrets,
} from '../support/gateway-harness.js';
import { startTestSubgraphs } from '../support/test-subgraphs.js';
import type { TestSubgraph } from '../support/test-subgraphs.js';

// The gateway's HTTP surface for browsers: CORS from the allow-list, no caching of GraphQL answers, and the IDE
// (outside production) served from the gateway itself.

const PORTAL = 'https://portal.example';

describe('gateway HTTP for browsers', () => {
  const { signingKey, verifyKey, adminToken } = testSecrets();
  let subgraphs: { identity: TestSubgraph; audit: TestSubgraph } | undefined;
  let gateway: RunningGateway;
  let production: RunningGateway;

  beforeAll(async () => {
    subgraphs = await startTestSubgraphs(verifyKey);
    const { identity, audit } = subgraphs;
    const supergraphSdl = composeTestSupergraph([identity, audit]);
    const start = (nodeEnv: string) =>
      startTestGateway({
        supergraphSdl,
        signingKey,
        adminToken,
        env: {
          SUBGRAPH_IDENTITY_URL: identity.url,
          SUBGRAPH_AUDIT_URL: audit.url,
          GATEWAY_CORS_ORIGINS: `${PORTAL},https://other.example`,
          NODE_ENV: nodeEnv,
        },
      });
    [gateway, production] = await Promise.all([start('test'), start('production')]);
  });

  afterAll(async () => {
    await Promise.all([gateway?.close(), production?.close()]);
    await Promise.all([subgraphs?.identity.close(), subgraphs?.audit.close()]);
  });

  const preflight = (target: RunningGateway, origin: string) =>
    fetch(`${target.url}/graphql`, {
      method: 'OPTIONS',
      headers: {
        origin,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization, content-type',
      },
    });

  describe('CORS', () => {
    it('answers an allowed origin’s preflight 204, allowing Authorization and Content-Type', async () => {
      const response = await preflight(production, PORTAL);
      expect(response.status).toBe(204);
      expect(response.headers.get('access-control-allow-origin')).toBe(PORTAL);
      expect(response.headers.get('access-control-allow-methods')).toBe('POST');
      const headers = response.headers.get('access-control-allow-headers')?.split(/,\s*/);
      expect(headers).toEqual(expect.arrayContaining(['authorization', 'content-type']));
      expect(response.headers.get('access-control-allow-credentials')).toBeNull();
      // GET too outside production (the IDE's method).
      const dev = await preflight(gateway, PORTAL);
      expect(dev.headers.get('access-control-allow-methods')).toBe('GET, POST');
    });

    it('answers an unknown origin’s preflight 204 without any CORS header, and authenticates nothing', async () => {
      const response = await preflight(production, 'https://evil.example');
      expect(response.status).toBe(204);
      const cors = [...response.headers.keys()].filter((name) =>
        name.startsWith('access-control-'),
      );
      expect(cors).toEqual([]);
    });

    it('lets an allowed origin read the answer, and no other origin', async () => {
      const allowed = await postGraphQL(gateway, '{ whoAmI { requestId } }', {
        token: adminToken,
        headers: { origin: PORTAL },
      });
      expect(allowed.status).toBe(200);
      expect(allowed.headers.get('access-control-allow-origin')).toBe(PORTAL);
      expect(allowed.headers.get('vary')).toMatch(/Origin/);
      // A refusal too, so that a portal can show why.
      const refused = await postGraphQL(gateway, '{ whoAmI { requestId } }', {
        token: null,
        headers: { origin: PORTAL },
      });
      expect(refused.status).toBe(401);
      expect(refused.headers.get('access-control-allow-origin')).toBe(PORTAL);
      const unknown = await postGraphQL(gateway, '{ whoAmI { requestId } }', {
        token: adminToken,
        headers: { origin: 'https://evil.example' },
      });
      expect(unknown.headers.get('access-control-allow-origin')).toBeNull();
    });
  });

  describe('caching', () => {
    it('marks every /graphql answer no-store (answers, refusals, errors)', async () => {
      const answers = [
        await postGraphQL(gateway, '{ whoAmI { requestId } }', { token: adminToken }),
        await postGraphQL(gateway, '{ whoAmI { requestId } }', { token: null }),
        await postGraphQL(gateway, '{ nope }', { token: adminToken }),
        await postGraphQL(production, '{ whoAmI { requestId } }', { token: adminToken }),
      ];
      for (const answer of answers) {
        expect(answer.headers.get('cache-control'), String(answer.status)).toBe('no-store');
        expect(answer.headers.get('pragma'), String(answer.status)).toBe('no-cache');
      }
    });
  });

  describe('the IDE', () => {
    it('serves the page with its security headers and files from the gateway, without credentials', async () => {
      const page = await fetch(`${gateway.url}/graphql`, { headers: { accept: 'text/html' } });
      expect(page.status).toBe(200);
      expect(page.headers.get('content-security-policy')).toMatch(/default-src 'none'/);
      expect(page.headers.get('x-frame-options')).toBe('DENY');
      expect(page.headers.get('cache-control')).toBe('no-store');
      const html = await page.text();
      expect(html).not.toMatch(/https?:\/\//);
      for (const src of [...html.matchAll(/(?:src|href)="(\/[^"]+)"/g)].map((m) => m[1]!)) {
        const asset = await fetch(`${gateway.url}${src}`);
        await asset.body?.cancel();
        expect(asset.status, src).toBe(200);
      }
    });

    it('serves the page for a browser reload with the IDE’s query in the URL, running nothing', async () => {
      const received = subgraphs!.identity.received.length;
      const query = encodeURIComponent('{ whoAmI { requestId } }');
      const page = await fetch(`${gateway.url}/graphql?query=${query}`, {
        headers: { accept: 'text/html' },
      });
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toMatch(/text\/html/);
      expect(await page.text()).not.toContain('requestId');
      expect(subgraphs!.identity.received.length).toBe(received);
    });

    it('serves neither the page nor its files in production', async () => {
      const page = await fetch(`${production.url}/graphql`, { headers: { accept: 'text/html' } });
      await page.body?.cancel();
      expect(page.status).toBe(405);
      const asset = await fetch(`${production.url}/graphql/ide/yoga-graphiql.umd.js`);
      expect(asset.status).toBe(404);
      expect(await asset.json()).toMatchObject({ errors: [{ extensions: { code: 'NotFound' } }] });
    });
  });
});
