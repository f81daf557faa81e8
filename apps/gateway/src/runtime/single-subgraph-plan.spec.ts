import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { QUERY_LIMITS } from './gateway-runtime.js';
import { SingleSubgraphPlanner } from './single-subgraph-plan.js';

const SUPERGRAPH = readFileSync(
  fileURLToPath(new URL('../../supergraph.graphql', import.meta.url)),
  'utf8',
);

const AUTHORIZE = `query Decide($input: AuthorizeRequestInput!) { authorize(input: $input) { decision revision determiningStatements { effect } } }`;

// A supergraph where `User` lives in `users` and `policies` extends it with a field of its own.
const ENTITY_SUPERGRAPH = `
schema @link(url: "https://specs.apollo.dev/link/v1.0") @link(url: "https://specs.apollo.dev/join/v0.5", for: EXECUTION) { query: Query }
directive @join__field(graph: join__Graph, requires: join__FieldSet, provides: join__FieldSet, type: String, external: Boolean, override: String, usedOverridden: Boolean) repeatable on FIELD_DEFINITION | INPUT_FIELD_DEFINITION
directive @join__graph(name: String!, url: String!) on ENUM_VALUE
directive @join__type(graph: join__Graph!, key: join__FieldSet, extension: Boolean! = false, resolvable: Boolean! = true, isInterfaceObject: Boolean! = false) repeatable on OBJECT | INTERFACE | UNION | ENUM | INPUT_OBJECT | SCALAR
directive @link(url: String, as: String, for: link__Purpose, import: [link__Import]) repeatable on SCHEMA
scalar join__FieldSet
scalar link__Import
enum link__Purpose { SECURITY EXECUTION }
enum join__Graph {
  POLICIES @join__graph(name: "policies", url: "http://127.0.0.1:1/graphql")
  USERS @join__graph(name: "users", url: "http://127.0.0.1:2/graphql")
}
type Query @join__type(graph: POLICIES) @join__type(graph: USERS) {
  user(id: ID!): User @join__field(graph: USERS)
  everyone: [User!]! @join__field(graph: USERS) @join__field(graph: POLICIES)
}
type User @join__type(graph: POLICIES, key: "id") @join__type(graph: USERS, key: "id") {
  id: ID!
  name: String! @join__field(graph: USERS)
  policyCount: Int! @join__field(graph: POLICIES)
  email: String @join__field(graph: USERS) @join__field(graph: POLICIES, external: true)
}
`;

describe('SingleSubgraphPlanner', () => {
  const planner = new SingleSubgraphPlanner(SUPERGRAPH);

  it('sends authorize, which the policy service resolves alone, to the policy subgraph', () => {
    expect(planner.plan(AUTHORIZE, null)).toEqual({ subgraph: 'policy', operationName: 'Decide' });
    expect(planner.plan(`{ getUser(input: { userName: "a" }) { user { arn } } }`, null)).toEqual({
      subgraph: 'identity',
      operationName: null,
    });
  });

  it('keeps fragments, __typename and @skip/@include on the single-subgraph path', () => {
    const query = `query ($input: AuthorizeRequestInput!, $x: Boolean!) { authorize(input: $input) { ...D __typename revision @include(if: $x) } } fragment D on AuthorizePayload { decision }`;
    expect(planner.plan(query, null)?.subgraph).toBe('policy');
  });

  it('leaves a query over two subgraphs to the federated planner', () => {
    const query = `query ($input: AuthorizeRequestInput!) { authorize(input: $input) { decision } getUser(input: { userName: "a" }) { user { arn } } }`;
    expect(planner.plan(query, null)).toBeNull();
  });

  it('leaves mutations, introspection and root __typename to the runtime', () => {
    expect(
      planner.plan(`mutation { createUser(input: { userName: "a" }) { user { arn } } }`, null),
    ).toBeNull();
    expect(planner.plan(`{ __schema { queryType { name } } }`, null)).toBeNull();
    expect(planner.plan(`{ __type(name: "User") { name } }`, null)).toBeNull();
    expect(planner.plan(`{ __typename }`, null)).toBeNull();
  });

  it('leaves every invalid document to the runtime, which answers its error', () => {
    expect(planner.plan(`{ authorize(input: {}) { decision } }`, null)).toBeNull();
    expect(planner.plan(`{ authorize { nope } }`, null)).toBeNull();
    expect(planner.plan(`{ authorize(`, null)).toBeNull();
    expect(
      planner.plan(
        `query A { getCallerIdentity { arn } } query B { getCallerIdentity { arn } }`,
        'A',
      ),
    ).toBeNull();
    expect(planner.plan(`query A { getCallerIdentity { arn } }`, 'B')).toBeNull();
    expect(planner.plan(`{ getCallerIdentity { arn @deprecated } }`, null)).toBeNull();
  });

  it(`applies the runtime's alias limit (${QUERY_LIMITS.maxAliases}) and token limit (${QUERY_LIMITS.maxTokens})`, () => {
    const aliased = (n: number) =>
      `query ($input: AuthorizeRequestInput!) { ${Array.from({ length: n }, (_, i) => `a${i}: authorize(input: $input) { decision }`).join(' ')} }`;
    expect(planner.plan(aliased(QUERY_LIMITS.maxAliases), null)?.subgraph).toBe('policy');
    expect(planner.plan(aliased(QUERY_LIMITS.maxAliases + 1), null)).toBeNull();
    const tokens = `{ getCallerIdentity { ${'arn '.repeat(QUERY_LIMITS.maxTokens)} } }`;
    expect(planner.plan(tokens, null)).toBeNull();
  });

  it('remembers each document once and stays bounded', () => {
    const bounded = new SingleSubgraphPlanner(SUPERGRAPH);
    for (let i = 0; i < SingleSubgraphPlanner.CACHE_ENTRIES + 10; i++) {
      expect(bounded.plan(`query Q${i} { getCallerIdentity { arn } }`, null)?.subgraph).toBe(
        'credential',
      );
    }
    expect(bounded.cachedPlans()).toBeLessThanOrEqual(SingleSubgraphPlanner.CACHE_ENTRIES);
  });

  describe('entities', () => {
    const entities = new SingleSubgraphPlanner(ENTITY_SUPERGRAPH);

    it('sends a selection of the owning subgraph to it', () => {
      expect(entities.plan(`{ user(id: "1") { id name email } }`, null)?.subgraph).toBe('users');
    });

    it('leaves a field another subgraph adds to an entity (and an external copy) to the federated planner', () => {
      expect(entities.plan(`{ user(id: "1") { name policyCount } }`, null)).toBeNull();
    });

    it('leaves a root field several subgraphs resolve to the federated planner', () => {
      expect(entities.plan(`{ everyone { id } }`, null)).toBeNull();
    });
  });
});
