import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';

const DOMAIN_BANNED_NODE = [
  'node:*',
  'fs',
  'net',
  'http',
  'https',
  'crypto',
  'child_process',
  'os',
  'path',
];

const LIB_INDEX_ONLY = {
  group: ['@iam/*/src/*', '@iam/*/src/**'],
  message: 'import a lib through its index (@iam/<lib>)',
};

// The feature folders of apps/identity/src: another folder's files are reached only through its index.ts (or the
// index.ts of one of its subfolders). principals/graphql is exempt: the order in which its GraphQL classes load
// decides the order of the printed SDL, so its barrel exports only what loads early and features import the rest
// (tag.model.js) from their files.
const IDENTITY_FEATURES = [
  'accounts',
  'authorization',
  'groups',
  'mfa',
  'passwords',
  'principals',
  'quotas',
  'roles',
  'sign-in',
  'users',
];
const IDENTITY_FEATURE_INDEX_ONLY = {
  regex: `^(?:\\.\\./)+(?!principals/graphql/)(?:${IDENTITY_FEATURES.join('|')})/(?!(?:[\\w-]+/)*index\\.js$)`,
  message: "import another identity feature through its index.ts ('../<feature>/index.js')",
};

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      '**/coverage/**',
      '.nx/**',
      '.data/**',
      'tools/kafka/.jars/**',
      '**/vitest.config.ts',
      'vitest.shared.ts',
      'vitest.config.ts',
      'eslint.config.mjs',
      '**/*.mjs',
      '**/*.js',
    ],
  },
  ...tseslint.configs.recommendedTypeChecked,
  {
    plugins: { '@nx': nx },
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: true,
          allow: [],
          depConstraints: [
            {
              sourceTag: 'type:app',
              onlyDependOnLibsWithTags: [
                'type:feature',
                'type:data-access',
                'type:util',
                'type:domain',
                'type:testing',
              ],
            },
            {
              sourceTag: 'type:feature',
              // type:testing only from test files: a no-restricted-imports rule below bans it from sources.
              onlyDependOnLibsWithTags: [
                'type:data-access',
                'type:util',
                'type:domain',
                'type:testing',
              ],
            },
            {
              sourceTag: 'type:data-access',
              // type:testing only from test files: a no-restricted-imports rule below bans it from sources.
              onlyDependOnLibsWithTags: [
                'type:data-access',
                'type:util',
                'type:domain',
                'type:testing',
              ],
            },
            { sourceTag: 'type:util', onlyDependOnLibsWithTags: ['type:util', 'type:domain'] },
            {
              sourceTag: 'type:domain',
              onlyDependOnLibsWithTags: ['type:domain'],
              bannedExternalImports: [
                '@nestjs/*',
                'typeorm',
                'pg',
                'kafkajs',
                'graphql',
                '@apollo/*',
                'class-validator',
                'pino',
              ],
            },
            {
              sourceTag: 'type:testing',
              onlyDependOnLibsWithTags: [
                'type:data-access',
                'type:util',
                'type:domain',
                'type:testing',
              ],
            },
            {
              sourceTag: 'type:tool',
              onlyDependOnLibsWithTags: [
                'type:feature',
                'type:data-access',
                'type:util',
                'type:domain',
                'type:testing',
              ],
            },
            { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
            {
              sourceTag: 'scope:identity',
              onlyDependOnLibsWithTags: ['scope:identity', 'scope:shared'],
            },
            {
              sourceTag: 'scope:policy',
              onlyDependOnLibsWithTags: ['scope:policy', 'scope:shared'],
            },
            {
              sourceTag: 'scope:credential',
              onlyDependOnLibsWithTags: ['scope:credential', 'scope:shared'],
            },
            { sourceTag: 'scope:audit', onlyDependOnLibsWithTags: ['scope:audit', 'scope:shared'] },
            {
              sourceTag: 'scope:gateway',
              onlyDependOnLibsWithTags: ['scope:gateway', 'scope:shared'],
            },
            { sourceTag: 'scope:tools', onlyDependOnLibsWithTags: ['scope:shared'] },
          ],
        },
      ],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': [
        'error',
        { fixStyle: 'separate-type-imports' },
      ],
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/require-await': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/no-extraneous-class': 'off',
      eqeqeq: ['error', 'always'],
      curly: ['error', 'multi-line'],
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@iam/*/src/*', '@iam/*/src/**'],
              message: 'import a lib through its index (@iam/<lib>)',
            },
          ],
        },
      ],
    },
  },
  {
    // Pure libraries: no I/O, no clock, no framework (lint, not convention, keeps them pure).
    files: ['libs/{policy-engine,event-contracts,common,authorization}/src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: DOMAIN_BANNED_NODE.filter((n) => !n.includes('*')).map((name) => ({
            name,
            message: 'pure libraries do no I/O',
          })),
          patterns: [
            { group: ['node:*'], message: 'pure libraries do no I/O' },
            {
              group: ['@iam/*/src/*', '@iam/*/src/**'],
              message: 'import a lib through its index (@iam/<lib>)',
            },
          ],
        },
      ],
      'no-restricted-properties': [
        'error',
        { object: 'Date', property: 'now', message: 'time comes from the request context' },
        { object: 'Math', property: 'random', message: 'pure libraries are deterministic' },
      ],
    },
  },
  {
    files: ['libs/policy-engine/src/cli/**/*.ts', 'libs/policy-engine/bench/**/*.ts'],
    rules: { 'no-restricted-imports': 'off', 'no-restricted-properties': 'off' },
  },
  {
    // @iam/testing is for tests only.
    files: ['apps/**/src/**/*.ts', 'libs/**/src/**/*.ts'],
    ignores: ['**/*.spec.ts', 'libs/testing/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: '@iam/testing', message: '@iam/testing is for test files only' }],
          patterns: [
            {
              group: ['@iam/*/src/*', '@iam/*/src/**'],
              message: 'import a lib through its index (@iam/<lib>)',
            },
          ],
        },
      ],
    },
  },
  {
    // Identity's features, and the principal plumbing they share, import each other only through their index.ts.
    files: ['apps/identity/src/**/*.ts'],
    ignores: ['**/*.spec.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: '@iam/testing', message: '@iam/testing is for test files only' }],
          patterns: [LIB_INDEX_ONLY, IDENTITY_FEATURE_INDEX_ONLY],
        },
      ],
    },
  },
  {
    files: ['apps/identity/src/**/*.spec.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [LIB_INDEX_ONLY, IDENTITY_FEATURE_INDEX_ONLY] },
      ],
    },
  },
  {
    files: [
      '**/*.spec.ts',
      '**/*.integration-spec.ts',
      '**/*.e2e-spec.ts',
      '**/test/**/*.ts',
      '**/bench/**/*.ts',
      'libs/testing/src/**/*.ts',
    ],
    rules: {
      // Test handlers satisfy async interfaces without awaiting anything.
      '@typescript-eslint/require-await': 'off',
      // Tests cast query rows inline; the assertion documents the row shape where it is read.
      '@typescript-eslint/no-unnecessary-type-assertion': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  prettier,
);
