// Types of compose-supergraph.mjs for the TypeScript tests that reuse the composition. Keep in step with the
// JSDoc there.

export interface SubgraphTarget {
  readonly name: string;
  readonly url: string;
}

export interface SubgraphSource extends SubgraphTarget {
  readonly sdl: string;
}

export type ComposeResult =
  | { readonly ok: true; readonly supergraphSdl: string }
  | { readonly ok: false; readonly errors: readonly string[] };

export interface Output {
  out(line: string): void;
  err(line: string): void;
}

export declare const SUBGRAPHS: readonly SubgraphTarget[];
export declare const MAX_FEDERATION_MINOR: number;
export declare function unsupportedFederationLinks(sources: readonly SubgraphSource[]): string[];
export declare function composeSupergraph(sources: readonly SubgraphSource[]): ComposeResult;
export declare function readSubgraphSources(
  root: string,
  subgraphs?: readonly SubgraphTarget[],
): { sources: SubgraphSource[]; missing: string[] };
export declare function diffSummary(committed: string, fresh: string, maxLines?: number): string[];
export declare function run(
  argv: readonly string[],
  options?: { root?: string; output?: Output; subgraphs?: readonly SubgraphTarget[] },
): number;
