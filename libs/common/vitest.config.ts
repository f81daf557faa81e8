import { defineProject } from 'vitest/config';
import { REQUIRE_TEST_SERVICES } from '../../vitest.shared.js';

export default defineProject({
  test: {
    name: 'common',
    include: ['src/**/*.spec.ts', 'test/**/*.spec.ts', 'test/**/*.integration-spec.ts'],
    setupFiles: [REQUIRE_TEST_SERVICES],
  },
});
