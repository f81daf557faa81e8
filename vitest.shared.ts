import { fileURLToPath } from 'node:url';
import swc from 'unplugin-swc';
import { defineProject } from 'vitest/config';

const LIBS = fileURLToPath(new URL('./libs', import.meta.url));

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
      alias: [{ find: /^@iam\/([a-z-]+)$/, replacement: `${LIBS}/$1/src/index.ts` }],
    },
    test: {
      name,
      include: [
        'src/**/*.spec.ts',
        'test/**/*.spec.ts',
        'test/**/*.integration-spec.ts',
        'test/**/*.e2e-spec.ts',
      ],
      testTimeout: options.timeoutMs ?? 60_000,
      hookTimeout: options.timeoutMs ?? 120_000,
    },
  });
}
