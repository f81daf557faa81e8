import { defineConfig } from 'vitest/config';

// One root run covers every project; each project keeps its own vitest.config.ts.
export default defineConfig({
  test: {
    projects: ['libs/*/vitest.config.ts', 'apps/*/vitest.config.ts', 'tools/*/vitest.config.ts'],
  },
});
