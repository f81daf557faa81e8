/**
 * The subgraphs of the suite, in composition order, with the port each serves on by default (`<NAME>_PORT`
 * overrides it). The one list the service entry points, the gateway's configuration, the test suite and the schema
 * scripts (`tools/scripts/*.mjs`, which import the built `@iam/common`) all read.
 */
export const SUBGRAPHS = [
  { name: 'identity', defaultPort: 4001 },
  { name: 'policy', defaultPort: 4002 },
  { name: 'credential', defaultPort: 4003 },
  { name: 'audit', defaultPort: 4004 },
] as const;

/** The name of a subgraph: its service, database schema and name in the supergraph. */
export type SubgraphName = (typeof SUBGRAPHS)[number]['name'];

/** The subgraph names, in composition order. */
export const SUBGRAPH_NAMES: readonly SubgraphName[] = SUBGRAPHS.map((s) => s.name);

/** The port a subgraph serves on unless configured otherwise. */
export function subgraphDefaultPort(name: SubgraphName): number {
  const subgraph = SUBGRAPHS.find((s) => s.name === name);
  if (subgraph === undefined) throw new Error(`unknown subgraph ${String(name)}`);
  return subgraph.defaultPort;
}
