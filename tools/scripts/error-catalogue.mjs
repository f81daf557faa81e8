#!/usr/bin/env node
// Checks that docs/errors.md (the error catalogue) and the code agree on the error codes a client may see: every
// code the code can emit is catalogued, and every catalogued code is still emitted. Run by
// `generate-schemas.mjs --check` (`npm run generate:check`); `node tools/scripts/error-catalogue.mjs` runs it alone.
//
// What counts as "a code the code can emit", in every non-test TypeScript source under apps/*/src, libs/*/src and
// tools/*/src:
//   - `readonly code = 'Code'` (the DomainError subclasses);
//   - `code: 'Code'` with an AWS-style PascalCase code (GraphQL error extensions, code tables); the policy
//     engine's UPPER_SNAKE issue codes are findings inside a MalformedPolicyDocument, not error codes;
//   - `sendGraphQLError(res, status, 'Code', …)`: the gateway's HTTP-level answers.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const SOURCE_ROOTS = ['apps', 'libs', 'tools'];
const ERROR_CODE = /^[A-Z][a-z0-9]+(?:[A-Z][a-z0-9]*)*$/;
const PATTERNS = [
  /readonly\s+code\s*=\s*'([A-Za-z0-9]+)'/g,
  /\bcode:\s*'([A-Za-z0-9]+)'/g,
  /\bsendGraphQLError\(\s*[A-Za-z_$][\w$]*\s*,\s*[^,]+,\s*'([A-Za-z0-9]+)'/g,
];

/**
 * The codes catalogued in the error tables of docs/errors.md: the first cell of each table row, in backticks.
 * @param {string} markdown
 * @returns {Set<string>}
 */
export function catalogueCodes(markdown) {
  const codes = new Set();
  for (const line of markdown.split('\n')) {
    const match = /^\|\s*`([A-Za-z0-9]+)`\s*\|/.exec(line);
    if (match) codes.add(match[1]);
  }
  return codes;
}

/**
 * The error codes one source file can emit, by the rules above.
 * @param {string} source
 * @returns {Set<string>}
 */
export function codesInSource(source) {
  const codes = new Set();
  for (const pattern of PATTERNS) {
    for (const match of source.matchAll(pattern)) {
      if (ERROR_CODE.test(match[1])) codes.add(match[1]);
    }
  }
  return codes;
}

function isSourceFile(path) {
  return (
    path.endsWith('.ts') &&
    !path.endsWith('.d.ts') &&
    !/\.(spec|integration-spec|e2e-spec)\.ts$/.test(path) &&
    !path.endsWith('.data.ts')
  );
}

function walk(dir, found) {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'dist' || name.startsWith('.')) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path, found);
    else if (isSourceFile(path)) found.push(path);
  }
}

/**
 * Every error code the code under `root` can emit, with the files that emit it.
 * @param {string} root
 * @returns {Map<string, string[]>}
 */
export function emittedCodes(root) {
  const files = [];
  for (const top of SOURCE_ROOTS) {
    let projects;
    try {
      projects = readdirSync(join(root, top));
    } catch {
      continue;
    }
    for (const project of projects) {
      const src = join(root, top, project, 'src');
      try {
        if (statSync(src).isDirectory()) walk(src, files);
      } catch {
        // no src folder
      }
    }
  }
  const codes = new Map();
  for (const file of files.sort()) {
    for (const code of codesInSource(readFileSync(file, 'utf8'))) {
      const where = codes.get(code) ?? [];
      where.push(relative(root, file));
      codes.set(code, where);
    }
  }
  return codes;
}

/**
 * Compares the catalogue with the code both ways.
 * @param {Set<string>} catalogued
 * @param {Map<string, string[]>} emitted
 * @returns {{ uncatalogued: { code: string, files: string[] }[], unused: string[] }}
 */
export function compareCatalogue(catalogued, emitted) {
  const uncatalogued = [...emitted.entries()]
    .filter(([code]) => !catalogued.has(code))
    .map(([code, files]) => ({ code, files }))
    .sort((a, b) => a.code.localeCompare(b.code));
  const unused = [...catalogued].filter((code) => !emitted.has(code)).sort();
  return { uncatalogued, unused };
}

/**
 * Runs the check on the repository at `root`; prints what differs; answers the exit code (0 when they agree).
 * @param {{ root?: string, output?: { out(line: string): void, err(line: string): void } }} [options]
 * @returns {number}
 */
export function checkErrorCatalogue(options = {}) {
  const root = options.root ?? join(dirname(fileURLToPath(import.meta.url)), '..', '..');
  const output = options.output ?? {
    out: (line) => console.log(line),
    err: (line) => console.error(line),
  };
  const catalogued = catalogueCodes(readFileSync(join(root, 'docs', 'errors.md'), 'utf8'));
  const { uncatalogued, unused } = compareCatalogue(catalogued, emittedCodes(root));
  for (const { code, files } of uncatalogued) {
    output.err(
      `error catalogue: \`${code}\` is emitted by ${files.join(', ')} but not in docs/errors.md`,
    );
  }
  for (const code of unused) {
    output.err(`error catalogue: \`${code}\` is in docs/errors.md but no code emits it`);
  }
  if (uncatalogued.length > 0 || unused.length > 0) return 1;
  output.out(`error catalogue: docs/errors.md matches the ${catalogued.size} codes the code emits`);
  return 0;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  process.exit(checkErrorCatalogue());
}
