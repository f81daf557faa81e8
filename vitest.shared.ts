import swc from 'unplugin-swc';
import { defineProject } from 'vitest/config';

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
