import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import swc from 'unplugin-swc';
import { defineProject } from 'vitest/config';

const LIBS = fileURLToPath(new URL('./libs', import.meta.url));
/** Fails an integration or end-to-end test file whose services are missing (instead of skipping its tests). */
export const REQUIRE_TEST_SERVICES = fileURLToPath(
  new URL('./libs/testing/src/require-test-services.ts', import.meta.url),
);
// graphql 16 ships CommonJS (`main`) and ESM (`module`) builds without an exports map: Vite would give our sources
// the ESM copy while Apollo and Nest (externalized, loaded by Node) `require` the CommonJS one, and `instanceof
// GraphQLError` would fail across the two. Point every import at the copy Node loads, as in production.
const GRAPHQL_CJS = createRequire(import.meta.url).resolve('graphql');

/**
 * Vitest project for code with NestJS/TypeORM decorators: SWC keeps `emitDecoratorMetadata`, which esbuild drops.
 * Unit specs sit next to the source; integration specs under test/ talk to real PostgreSQL and Kafka.
 */
export function nestProject(name: string, options: { timeoutMs?: number } = {}) {
  return defineProject({
    plugins: [
      swc.vite({
        jsc: {
          parser: { syntax: 'typescript', decorators: true },
          transform: {
            legacyDecorator: true,
            decoratorMetadata: true,
            useDefineForClassFields: false,
          },
          target: 'es2023',
          keepClassNames: true,
        },
      }),
    ],
    resolve: {
      // Tests run against the libraries' sources, not their last build (package exports point at dist/).
      alias: [
        { find: /^@iam\/([a-z-]+)$/, replacement: `${LIBS}/$1/src/index.ts` },
        { find: /^graphql$/, replacement: GRAPHQL_CJS },
      ],
    },
    test: {
      name,
      include: [
        'src/**/*.spec.ts',
        'test/**/*.spec.ts',
        'test/**/*.integration-spec.ts',
        'test/**/*.e2e-spec.ts',
      ],
      setupFiles: [REQUIRE_TEST_SERVICES],
      testTimeout: options.timeoutMs ?? 60_000,
      hookTimeout: options.timeoutMs ?? 120_000,
    },
  });
}
