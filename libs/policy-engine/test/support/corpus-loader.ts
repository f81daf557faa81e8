import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Decision } from '../../src/index.js';

/** Root of the data-driven corpus (`test/corpus/<topic>/<name>.cases.json`). */
export const CORPUS_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'corpus');

/** One corpus case in the CLI case format, plus the documentation reference and the expectation. */
export interface CorpusCase {
  readonly id: string;
  /** AWS IAM User Guide section title and URL the expectation is derived from. */
  readonly doc: string;
  readonly description: string;
  readonly request: {
    readonly principal: string;
    readonly action: string;
    readonly resource: string;
    readonly context: Readonly<Record<string, string | readonly string[]>>;
  };
  readonly identityPolicies: readonly unknown[];
  readonly resourcePolicy: unknown;
  readonly permissionsBoundary: unknown;
  readonly sessionPolicy: unknown;
  readonly guardrails: readonly unknown[];
  readonly resourceAccount: string;
  readonly expect: {
    readonly decision: Decision;
    readonly determiningStatements: readonly string[];
  };
}

/** A case together with the file it came from (relative to the corpus root). */
export interface LoadedCase extends CorpusCase {
  readonly file: string;
  readonly topic: string;
}

/** Every `*.cases.json` file under the corpus root, sorted for a stable test order. */
export function corpusFiles(dir: string = CORPUS_DIR): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...corpusFiles(path));
    else if (entry.name.endsWith('.cases.json')) out.push(path);
  }
  return out.sort();
}

/** Loads every case of the corpus. Throws on a file that is not `{"cases": [...]}`. */
export function loadCorpus(): LoadedCase[] {
  const cases: LoadedCase[] = [];
  for (const path of corpusFiles()) {
    const json = JSON.parse(readFileSync(path, 'utf8')) as { cases?: unknown };
    if (!Array.isArray(json.cases)) throw new Error(`${path} must be {"cases": [...]}`);
    const file = relative(CORPUS_DIR, path);
    const topic = file.split(/[\\/]/)[0] ?? file;
    for (const c of json.cases as CorpusCase[]) cases.push({ ...c, file, topic });
  }
  return cases;
}
