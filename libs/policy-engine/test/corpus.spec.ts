import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { caseToEvaluationInput, compilePolicySet, evaluate } from '../src/index.js';
import { CORPUS_DIR, loadCorpus, type CorpusCase } from './support/corpus-loader.js';

// AWS: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html
// Every case cites the AWS IAM User Guide section its expectation is derived from (`doc`).

const LIB_DIR = join(dirname(fileURLToPath(import.meta.url)), '..');
const CLI_BIN = join(LIB_DIR, 'bin', 'iam-policy.js');
const CLI_DIST_MAIN = join(LIB_DIR, 'dist', 'src', 'cli', 'main.js');
const MIN_CASES = 300;
const CASES = loadCorpus();

function run(c: CorpusCase): { decision: string; determiningStatements: readonly string[] } {
  const { input, request } = caseToEvaluationInput(c);
  const result = evaluate(compilePolicySet(input), request);
  return { decision: result.decision, determiningStatements: [...result.determiningStatements] };
}

describe('policy-engine conformance corpus', () => {
  it(`holds at least ${MIN_CASES} cases with unique ids, each citing an AWS doc section`, () => {
    expect(CASES.length).toBeGreaterThanOrEqual(MIN_CASES);
    const ids = CASES.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    const undocumented = CASES.filter((c) => !/https:\/\/docs\.aws\.amazon\.com\//.test(c.doc));
    expect(undocumented.map((c) => c.id)).toEqual([]);
  });

  it('uses only the documented case fields', () => {
    const fields = [
      'id',
      'doc',
      'description',
      'request',
      'identityPolicies',
      'resourcePolicy',
      'permissionsBoundary',
      'sessionPolicy',
      'guardrails',
      'resourceAccount',
      'expect',
      'file',
      'topic',
    ];
    const odd = CASES.filter((c) => Object.keys(c).some((k) => !fields.includes(k)));
    expect(odd.map((c) => c.id)).toEqual([]);
  });

  it.each(CASES.map((c) => ({ ...c, title: `${c.topic} › ${c.id}` })))('$title', (c) => {
    expect(run(c), c.description).toEqual({
      decision: c.expect.decision,
      determiningStatements: c.expect.determiningStatements,
    });
  });
});

describe('iam-policy evaluate --cases (built CLI)', () => {
  const file = join(CORPUS_DIR, 'evaluation-logic', 'deny-allow-implicit.cases.json');

  it('prints one JSON line per case, identical to the in-process results', () => {
    if (!existsSync(CLI_DIST_MAIN)) {
      throw new Error(
        `${CLI_DIST_MAIN} does not exist: run \`npm run build\` at the repository root before the tests`,
      );
    }
    const stdout = execFileSync(process.execPath, [CLI_BIN, 'evaluate', '--cases', file], {
      encoding: 'utf8',
    });
    const lines = stdout
      .split('\n')
      .filter((l) => l.trim() !== '')
      .map((l) => JSON.parse(l) as unknown);
    const cases = (JSON.parse(readFileSync(file, 'utf8')) as { cases: CorpusCase[] }).cases;
    expect(lines).toEqual(cases.map((c) => ({ id: c.id, ...run(c) })));
  });
});
