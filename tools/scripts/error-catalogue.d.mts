// Types of error-catalogue.mjs for the TypeScript tests. Keep in step with the JSDoc there.

export interface Output {
  out(line: string): void;
  err(line: string): void;
}

export declare function catalogueCodes(markdown: string): Set<string>;
export declare function codesInSource(source: string): Set<string>;
export declare function emittedCodes(root: string): Map<string, string[]>;
export declare function compareCatalogue(
  catalogued: Set<string>,
  emitted: Map<string, string[]>,
): { uncatalogued: { code: string; files: string[] }[]; unused: string[] };
export declare function checkErrorCatalogue(options?: { root?: string; output?: Output }): number;
