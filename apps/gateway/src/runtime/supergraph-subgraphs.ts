import { Kind, parse } from 'graphql';
import type { ConstDirectiveNode } from 'graphql';

/** A subgraph as the gateway reaches it: the supergraph's name and the effective URL of its /graphql endpoint. */
export interface SubgraphEndpoint {
  readonly name: string;
  readonly url: string;
}

function stringArgument(directive: ConstDirectiveNode, name: string): string | undefined {
  const argument = directive.arguments?.find((a) => a.name.value === name);
  return argument?.value.kind === Kind.STRING ? argument.value.value : undefined;
}

/**
 * Lists the subgraphs of a supergraph (`enum join__Graph { X @join__graph(name:, url:) }`) with the URL overrides
 * applied. Throws when the SDL is not a supergraph, so a wrong file fails at boot.
 */
export function subgraphEndpoints(
  supergraphSdl: string,
  overrides: Readonly<Record<string, string | undefined>> = {},
): SubgraphEndpoint[] {
  const document = parse(supergraphSdl);
  const endpoints: SubgraphEndpoint[] = [];
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.ENUM_TYPE_DEFINITION || definition.name.value !== 'join__Graph')
      continue;
    for (const value of definition.values ?? []) {
      const directive = value.directives?.find((d) => d.name.value === 'join__graph');
      const name = directive ? stringArgument(directive, 'name') : undefined;
      const url = directive ? stringArgument(directive, 'url') : undefined;
      if (name === undefined || url === undefined) continue;
      endpoints.push({ name, url: overrides[name] ?? url });
    }
  }
  if (endpoints.length === 0) {
    throw new Error(
      'the supergraph declares no subgraphs (enum join__Graph with @join__graph): is it a supergraph?',
    );
  }
  return endpoints;
}

/** The base URL of a subgraph's service (its `/graphql` URL without the path), where `/health/*` lives. */
export function serviceBaseUrl(graphqlUrl: string): string {
  const url = new URL(graphqlUrl);
  url.pathname = url.pathname.replace(/\/graphql\/?$/, '') || '/';
  url.search = '';
  return url.toString().replace(/\/$/, '');
}
