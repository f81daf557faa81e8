import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'authorization',
    include: ['src/**/*.spec.ts', 'test/**/*.spec.ts', 'test/**/*.integration-spec.ts'],
  },
});
