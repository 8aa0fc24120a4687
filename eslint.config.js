import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** Packages only workers may load: they would weigh down the main-thread bundle. */
const WORKER_ONLY = [{ name: 'chrono-node', message: 'Date parsing runs in workers (workers/text/dueDate.ts): chrono-node stays out of the main-thread bundle.' }];

/** Import direction: UI → app → engine → pool and store → shared; workers → shared only. Main-thread code also keeps out WORKER_ONLY. */
const restrict = (patterns, paths = WORKER_ONLY) => ({
  'no-restricted-imports': ['error', { paths, patterns: patterns.map((group) => ({ group, message: 'Imports point one way: UI → app → engine → pool and store → shared; workers → shared only.' })) }],
});

export default tseslint.config(
  { ignores: ['dist', 'dist-*', 'node_modules', 'test-results', 'playwright-report', 'bench/results.json'] },
  js.configs.recommended,
  { files: ['**/*.mjs', 'scripts/**'], languageOptions: { globals: { URL: 'readonly', process: 'readonly', Buffer: 'readonly', console: 'readonly' } } },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  { files: ['src/*.ts', 'src/*.tsx'], rules: restrict([]) },
  { files: ['src/shared/**'], rules: restrict([['**/engine/**', '**/pool/**', '**/store/**', '**/ui/**', '**/import/**', '**/workers/**']]) },
  { files: ['src/store/**', 'src/pool/**'], rules: restrict([['**/engine/**', '**/ui/**', '**/import/**', '**/workers/**']]) },
  // The engine schedules jobs and knows nothing of sessions, imports, search or the provider: the app facade (src/app) joins them.
  { files: ['src/engine/**'], rules: restrict([['**/app/**', '**/ui/**', '**/workers/**', '**/import/**', '**/search/**', '**/provider/**', '**/export/**', '**/shared/session.ts']]) },
  { files: ['src/app/**', 'src/import/**'], rules: restrict([['**/ui/**', '**/workers/**']]) },
  { files: ['src/export/**'], rules: restrict([['**/ui/**', '**/workers/**']]) },
  { files: ['src/search/**'], rules: restrict([['**/ui/**', '**/workers/**']]) },
  { files: ['src/pwa/**'], rules: restrict([['**/ui/**', '**/workers/**']]) },
  { files: ['src/ui/**'], rules: restrict([['**/workers/**']]) },
  { files: ['workers/**'], rules: restrict([['**/src/app/**', '**/src/engine/**', '**/src/pool/**', '**/src/store/**', '**/src/ui/**', '**/src/import/**', '../engine/**', '../pool/**', '../store/**', '../ui/**']], []) },
);
