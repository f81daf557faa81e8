import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  IDE_ASSET_PREFIX,
  IDE_DEFAULT_HEADERS,
  IDE_PAGE_HEADERS,
  renderIdePage,
  sendIdeAsset,
} from './graphql-ide.js';

/** The JSON options the page hands to the IDE. */
function pageOptions(html: string): Record<string, unknown> {
  const json = /<script type="application\/json" id="ide-options">(.*?)<\/script>/s.exec(html)?.[1];
  return JSON.parse(json ?? 'null') as Record<string, unknown>;
}

describe('the IDE page', () => {
  const html = renderIdePage({ title: 'IAM GraphQL' });

  it('names no URL outside the gateway: no CDN, no remote favicon', () => {
    expect(html).not.toMatch(/(https?:)?\/\/[a-z0-9.-]+\.[a-z]{2,}/i);
    const sources = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]);
    expect(sources).toEqual([
      'data:,',
      `${IDE_ASSET_PREFIX}graphiql.css`,
      `${IDE_ASSET_PREFIX}yoga-graphiql.umd.js`,
      `${IDE_ASSET_PREFIX}start.js`,
    ]);
    // No inline script: the content security policy allows scripts from the gateway only.
    expect(html.match(/<script(?![^>]*\bsrc=)(?![^>]*application\/json)/g)).toBeNull();
  });

  it('prefills the Authorization header and explains how to get a token', () => {
    const options = pageOptions(html);
    expect(options['headers']).toBe(IDE_DEFAULT_HEADERS);
    expect(JSON.parse(IDE_DEFAULT_HEADERS)).toEqual({
      Authorization: 'Bearer <paste a session token from signIn>',
    });
    expect(options['query']).toMatch(/signIn/);
    expect(options['query']).toMatch(/Authorization/);
    expect(options['shouldPersistHeaders']).toBe(false);
  });

  it('cannot be broken out of by its title', () => {
    const hostile = renderIdePage({ title: '</script><script>alert(1)</script>' });
    expect(hostile).not.toContain('<script>alert(1)');
    expect(pageOptions(hostile)['title']).toBe(
      '&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;',
    );
  });

  it('sends a content security policy that allows the gateway only and no framing', () => {
    const csp = IDE_PAGE_HEADERS['content-security-policy'];
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toMatch(/unsafe-eval|https?:/);
    expect(IDE_PAGE_HEADERS['x-content-type-options']).toBe('nosniff');
  });
});

describe('the IDE files', () => {
  let server: Server;
  let base: string;

  beforeAll(async () => {
    server = createServer((req, res) => {
      sendIdeAsset(new URL(req.url ?? '/', 'http://x').pathname, res).then(
        (status) => {
          if (status === null) {
            res.writeHead(404);
            res.end();
          }
        },
        () => {
          res.writeHead(500);
          res.end();
        },
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  it.each([
    ['graphiql.css', /^text\/css/],
    ['yoga-graphiql.umd.js', /^text\/javascript/],
    ['start.js', /^text\/javascript/],
    ['monacoeditorwork/editor.worker.bundle.js', /^text\/javascript/],
    ['monacoeditorwork/json.worker.bundle.js', /^text\/javascript/],
    ['monacoeditorwork/graphql.worker..bundle.js', /^text\/javascript/],
  ])('serves %s from the installed package', async (name, type) => {
    const response = await fetch(`${base}${IDE_ASSET_PREFIX}${name}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(type);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    const body = await response.text();
    expect(body.length).toBeGreaterThan(0);
    expect(body).not.toContain('unpkg.com');
  });

  it('serves nothing else: no other file of the package, no path of the caller’s', async () => {
    for (const path of [
      `${IDE_ASSET_PREFIX}package.json`,
      `${IDE_ASSET_PREFIX}yoga-graphiql.es.js`,
      `${IDE_ASSET_PREFIX}..%2Fpackage.json`,
      `${IDE_ASSET_PREFIX}monacoeditorwork/../../package.json`,
      `${IDE_ASSET_PREFIX}`,
      '/graphql/idex/graphiql.css',
    ]) {
      const response = await fetch(`${base}${path}`);
      await response.body?.cancel();
      expect(response.status, path).toBe(404);
    }
  });
});
