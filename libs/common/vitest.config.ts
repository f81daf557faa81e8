import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'common',
    include: ['src/**/*.spec.ts', 'test/**/*.spec.ts', 'test/**/*.integration-spec.ts'],
  },
});
