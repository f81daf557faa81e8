import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { caseToEvaluationInput, compilePolicySet, explain } from '../src/index.js';
import { loadCorpus } from './support/corpus-loader.js';

// Reviewed explanation snapshots of representative corpus cases. `REGEN=1` rewrites them; review every diff by
// eye before committing (the explanation is user-facing: it must state the AWS rule that decided).

const GOLDEN_DIR = join(dirname(fileURLToPath(import.meta.url)), 'golden');
const REGEN = process.env['REGEN'] === '1';

/** Corpus case ids with a golden explanation: one per decision path of the evaluation logic. */
const GOLDEN_CASES = [
  'eval-deny-overrides-allow-same-policy',
  'eval-allow-order-all-policy-types',
  'rp-role-arn-limited-by-boundary',
  'rp-session-arn-not-limited-by-boundary',
  'xa-both-allow',
  'xa-only-identity',
  'sp-federated-no-session-policy',
  'gr-no-allow-blocks',
  'gr-service-linked-role-exempt',
  'forall-missing-key',
  'var-username-resource',
  'root-no-policies-allowed',
  'pb-notprincipal-deny-always-denies',
] as const;

const CASES = new Map(loadCorpus().map((c) => [c.id, c]));

function explainCase(id: string): unknown {
  const c = CASES.get(id);
  if (c === undefined) throw new Error(`golden case \`${id}\` is not in the corpus`);
  const { input, request } = caseToEvaluationInput(c);
  const { result, explanation } = explain(compilePolicySet(input), request);
  // Round-trip through JSON: the explanation must be JSON-serialisable and is compared as stored.
  return JSON.parse(JSON.stringify({ id, doc: c.doc, result, explanation })) as unknown;
}

describe('golden explanations', () => {
  it.each(GOLDEN_CASES.map((id) => ({ id })))('$id', async ({ id }) => {
    const path = join(GOLDEN_DIR, `${id}.explain.json`);
    const actual = explainCase(id);
    if (REGEN) {
      // Written in the repository's Prettier style so a regenerated file passes `format:check` as is.
      const prettier = await import('prettier');
      const options = (await prettier.resolveConfig(path)) ?? {};
      mkdirSync(GOLDEN_DIR, { recursive: true });
      writeFileSync(
        path,
        await prettier.format(JSON.stringify(actual), { ...options, parser: 'json' }),
      );
    }
    if (!existsSync(path)) {
      throw new Error(`${path} is missing: run the golden tests with REGEN=1 and review the file`);
    }
    expect(actual).toEqual(JSON.parse(readFileSync(path, 'utf8')) as unknown);
  });

  it('agrees with the corpus expectation for every golden case', () => {
    for (const id of GOLDEN_CASES) {
      const c = CASES.get(id)!;
      const stored = JSON.parse(readFileSync(join(GOLDEN_DIR, `${id}.explain.json`), 'utf8')) as {
        result: unknown;
      };
      expect(stored.result, id).toEqual(c.expect);
    }
  });
});
