import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
// eslint-disable-next-line @nx/enforce-module-boundaries -- the catalogue check is a plain tool file, not an Nx project
import {
  catalogueCodes,
  checkErrorCatalogue,
  codesInSource,
} from '../../../../tools/scripts/error-catalogue.mjs';

const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..');

function captureOutput() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, output: { out: (l: string) => out.push(l), err: (l: string) => err.push(l) } };
}

const CATALOGUE = `# Error codes

| code           | category       | when            |
| -------------- | -------------- | --------------- |
| \`NoSuchEntity\` | NOT_FOUND      | it is not there |
| \`InvalidInput\` | BAD_USER_INPUT | it is wrong     |

Some prose naming \`NotACode\` outside a table.
`;

describe('error catalogue check', () => {
  describe('catalogueCodes', () => {
    it('reads the backticked first cell of every table row, not prose or headers', () => {
      expect([...catalogueCodes(CATALOGUE)].sort()).toEqual(['InvalidInput', 'NoSuchEntity']);
    });
  });

  describe('codesInSource', () => {
    it('finds DomainError codes, extension codes and the gateway HTTP answers', () => {
      const source = `
        export class A extends DomainError { readonly code = 'LimitExceeded'; }
        const e = new GraphQLError('x', { extensions: { code: 'ValidationError', category: 'BAD_USER_INPUT' } });
        sendGraphQLError(res, 405, 'MethodNotAllowed', 'use POST');
        sendGraphQLError(
          res,
          503,
          'ServiceUnavailable',
          'retry later',
        );`;
      expect([...codesInSource(source)].sort()).toEqual([
        'LimitExceeded',
        'MethodNotAllowed',
        'ServiceUnavailable',
        'ValidationError',
      ]);
    });

    it("ignores the policy engine's UPPER_SNAKE issue codes", () => {
      expect([...codesInSource(`report({ code: 'POLICY_SIZE_EXCEEDED' })`)]).toEqual([]);
    });
  });

  describe('checkErrorCatalogue on a repository', () => {
    let root: string;
    beforeEach(() => {
      root = mkdtempSync(join(tmpdir(), 'iam-catalogue-'));
      mkdirSync(join(root, 'docs'));
      mkdirSync(join(root, 'libs', 'common', 'src'), { recursive: true });
      mkdirSync(join(root, 'apps', 'gateway', 'src'), { recursive: true });
      writeFileSync(join(root, 'docs', 'errors.md'), CATALOGUE);
      writeFileSync(
        join(root, 'libs', 'common', 'src', 'errors.ts'),
        `class A { readonly code = 'NoSuchEntity'; }\nclass B { readonly code = 'InvalidInput'; }\n`,
      );
      // Tests are not emitters.
      writeFileSync(
        join(root, 'apps', 'gateway', 'src', 'x.spec.ts'),
        `expect(e).toMatchObject({ code: 'SomethingElse' });\n`,
      );
    });
    afterEach(() => rmSync(root, { recursive: true, force: true }));

    it('passes when the catalogue and the code agree', () => {
      const { out, err, output } = captureOutput();
      expect(checkErrorCatalogue({ root, output })).toBe(0);
      expect(err).toEqual([]);
      expect(out.join('\n')).toMatch(/matches the 2 codes/);
    });

    it('fails and names the code and the file when a code is not catalogued', () => {
      writeFileSync(
        join(root, 'apps', 'gateway', 'src', 'gateway.ts'),
        `sendGraphQLError(res, 415, 'UnsupportedMediaType', 'no');\n`,
      );
      const { err, output } = captureOutput();
      expect(checkErrorCatalogue({ root, output })).toBe(1);
      expect(err).toEqual([
        'error catalogue: `UnsupportedMediaType` is emitted by apps/gateway/src/gateway.ts but not in docs/errors.md',
      ]);
    });

    it('fails and names the code when a catalogued code is no longer emitted', () => {
      writeFileSync(
        join(root, 'libs', 'common', 'src', 'errors.ts'),
        `class A { readonly code = 'NoSuchEntity'; }\n`,
      );
      const { err, output } = captureOutput();
      expect(checkErrorCatalogue({ root, output })).toBe(1);
      expect(err).toEqual([
        'error catalogue: `InvalidInput` is in docs/errors.md but no code emits it',
      ]);
    });
  });

  it('finds this repository in agreement with docs/errors.md', () => {
    const { err, output } = captureOutput();
    const status = checkErrorCatalogue({ root: REPO_ROOT, output });
    expect(err).toEqual([]);
    expect(status).toBe(0);
  });
});
