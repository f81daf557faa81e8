#!/usr/bin/env node
// Compiles every project's TypeScript (src/, bench/, and tools/*/src) to <project>/dist with SWC, keeping the
// folder structure (src/x.ts → dist/src/x.js). SWC keeps decorator metadata, which NestJS and TypeORM need,
// and is an order of magnitude faster than tsc on 2 cores; type-checking is a separate step (`npm run typecheck`).
// Incremental: a file is recompiled only when its source is newer than its output.
import { transformFile } from '@swc/core';
import { mkdir, readdir, stat, writeFile, rm } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const PROJECT_PARENTS = ['libs', 'apps', 'tools'];
const SOURCE_FOLDERS = ['src', 'bench'];
const clean = process.argv.includes('--clean');

const swcOptions = {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
    target: 'es2023',
    keepClassNames: true,
  },
  module: { type: 'es6', strict: true },
  sourceMaps: true,
  swcrc: false,
  configFile: false,
};

async function exists(path) {
  return stat(path).then(
    () => true,
    () => false,
  );
}

async function* walk(dir) {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules' && entry.name !== 'dist') yield* walk(path);
    } else if (
      entry.name.endsWith('.ts') &&
      !entry.name.endsWith('.d.ts') &&
      !/\.(spec|integration-spec|e2e-spec)\.ts$/.test(entry.name)
    ) {
      yield path;
    }
  }
}

async function projects() {
  const found = [];
  for (const parent of PROJECT_PARENTS) {
    const parentDir = join(root, parent);
    if (!(await exists(parentDir))) continue;
    for (const entry of await readdir(parentDir, { withFileTypes: true })) {
      if (!entry.isDirectory()) continue;
      const dir = join(parentDir, entry.name);
      if (await exists(join(dir, 'package.json'))) found.push(dir);
    }
  }
  return found;
}

async function compile(projectDir, file) {
  const out = join(projectDir, 'dist', relative(projectDir, file)).replace(/\.ts$/, '.js');
  const [src, dst] = await Promise.all([stat(file), stat(out).catch(() => null)]);
  if (dst && dst.mtimeMs >= src.mtimeMs) return 0;
  const result = await transformFile(file, { ...swcOptions, filename: file, outputPath: out });
  await mkdir(dirname(out), { recursive: true });
  const mapName = `${out.split('/').pop()}.map`;
  await writeFile(out, `${result.code}\n//# sourceMappingURL=${mapName}\n`);
  if (result.map) await writeFile(`${out}.map`, result.map);
  return 1;
}

const started = performance.now();
let compiled = 0;
for (const projectDir of await projects()) {
  if (clean) await rm(join(projectDir, 'dist'), { recursive: true, force: true });
  const files = [];
  for (const folder of SOURCE_FOLDERS) {
    const dir = join(projectDir, folder);
    if (await exists(dir)) for await (const file of walk(dir)) files.push(file);
  }
  const counts = await Promise.all(files.map((file) => compile(projectDir, file)));
  compiled += counts.reduce((a, b) => a + b, 0);
}
console.log(`build: compiled ${compiled} file(s) in ${Math.round(performance.now() - started)} ms`);
