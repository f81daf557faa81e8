import { describe, expect, it } from 'vitest';
import { serviceBaseUrl, subgraphEndpoints } from './supergraph-subgraphs.js';

const SUPERGRAPH = `
enum join__Graph {
  AUDIT @join__graph(name: "audit", url: "http://127.0.0.1:4004/graphql")
  IDENTITY @join__graph(name: "identity", url: "http://127.0.0.1:4001/graphql")
}
type Query { a: Int }
`;

describe('subgraphEndpoints', () => {
  it('lists the subgraphs of the supergraph with overrides applied', () => {
    expect(subgraphEndpoints(SUPERGRAPH, { identity: 'http://identity:80/graphql' })).toEqual([
      { name: 'audit', url: 'http://127.0.0.1:4004/graphql' },
      { name: 'identity', url: 'http://identity:80/graphql' },
    ]);
  });

  it('refuses an SDL that is not a supergraph', () => {
    expect(() => subgraphEndpoints('type Query { a: Int }')).toThrow(/no subgraphs/);
  });
});

describe('serviceBaseUrl', () => {
  it.each([
    { url: 'http://127.0.0.1:4001/graphql', base: 'http://127.0.0.1:4001' },
    { url: 'http://svc/api/graphql/', base: 'http://svc/api' },
    { url: 'http://svc:8080/', base: 'http://svc:8080' },
  ])('maps $url to $base', ({ url, base }) => {
    expect(serviceBaseUrl(url)).toBe(base);
  });
});
