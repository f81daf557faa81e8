import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'policy-engine',
    include: ['src/**/*.spec.ts', 'test/**/*.spec.ts'],
    environment: 'node',
  },
});
