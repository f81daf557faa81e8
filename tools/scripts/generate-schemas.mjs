#!/usr/bin/env node
// Regenerates every committed GraphQL artifact: each subgraph's SDL (apps/<service>/schema.graphql, printed from
// the code-first schema without connecting anywhere) and the composed supergraph (apps/gateway/supergraph.graphql).
// `--check` regenerates in memory and fails when a committed file differs (the CI drift check), and when the error
// catalogue (docs/errors.md) and the error codes the code can emit disagree (tools/scripts/error-catalogue.mjs).
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync, mkdtempSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkErrorCatalogue } from './error-catalogue.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const check = process.argv.includes('--check');
const scratch = mkdtempSync(join(tmpdir(), 'iam-schemas-'));
// The catalogue check needs no build: it runs first, and its failure is reported with any schema drift.
let drift = check && checkErrorCatalogue({ root }) !== 0;
// The subgraph list of the built `@iam/common` (printing the schemas needs the build anyway).
const { SUBGRAPH_NAMES } = await import('@iam/common');

for (const service of SUBGRAPH_NAMES) {
  const committed = join(root, 'apps', service, 'schema.graphql');
  const target = check ? join(scratch, `${service}.graphql`) : committed;
  execFileSync(
    process.execPath,
    [join(root, 'apps', service, 'dist', 'src', 'main.js'), 'print-schema', target],
    {
      stdio: ['ignore', 'inherit', 'inherit'],
      env: { ...process.env, LOG_LEVEL: 'silent' },
    },
  );
  if (check) {
    const fresh = readFileSync(target, 'utf8');
    const old = existsSync(committed) ? readFileSync(committed, 'utf8') : '';
    if (fresh !== old) {
      drift = true;
      console.error(
        `drift: apps/${service}/schema.graphql differs from the code; run npm run generate`,
      );
    }
  }
}
if (drift) process.exit(1);
execFileSync(
  process.execPath,
  [join(root, 'tools', 'scripts', 'compose-supergraph.mjs'), ...(check ? ['--check'] : [])],
  {
    stdio: 'inherit',
  },
);
console.log(check ? 'generated artifacts are up to date' : 'generated schemas and supergraph');
