// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** Imports an orchestrator must never make: replay must be deterministic and free of I/O. */
const orchestratorBannedImports = {
  patterns: [
    { group: ['node:*'], message: 'Orchestrators must not use Node built-ins (no I/O during replay).' },
    { group: ['@azure/*', '@aws-sdk/*', 'azure-devops-node-api', 'axios', 'undici', 'crypto'], message: 'Orchestrators must not use I/O clients; call an activity.' },
    { group: ['**/adapters/**'], message: 'Orchestrators must not import adapters; call an activity.' },
  ],
  paths: [
    ...['fs', 'path', 'os', 'child_process', 'http', 'https', 'net', 'crypto', 'timers', 'worker_threads'].map((name) => ({
      name,
      message: 'Orchestrators must not use Node built-ins (no I/O during replay).',
    })),
    { name: 'zod', message: "Import { z } from 'shared/domain/zod.js' (it extends zod for the OpenAPI generator before any schema exists)." },
  ],
};

/** App code takes zod from shared/domain/zod.ts, which must run before any schema is created. */
const appBannedImports = {
  paths: [{ name: 'zod', message: "Import { z } from 'shared/domain/zod.js' (it extends zod for the OpenAPI generator before any schema exists)." }],
};

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.mlcycle/**', '**/*.js', '**/*.mjs', 'test/fixtures/**', 'test/fixtures-lint/**', 'examples/**', 'airflow/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/require-await': 'off',
    },
  },
  {
    files: ['shared/**/*.ts', 'functions/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', appBannedImports] },
  },
  {
    // The determinism fence (DESIGN §2, durable code constraints): orchestrators are pure generators.
    files: ['functions/orchestrators/**/*.ts', 'test/fixtures-lint/orchestrators/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', orchestratorBannedImports],
      'no-restricted-globals': [
        'error',
        { name: 'Date', message: 'Use context.df.currentUtcDateTime.' },
        { name: 'setTimeout', message: 'Use context.df.createTimer.' },
        { name: 'setInterval', message: 'Use context.df.createTimer.' },
        { name: 'fetch', message: 'Call an activity.' },
        { name: 'process', message: 'Orchestrators must not read the environment or process state.' },
      ],
      'no-restricted-properties': [
        'error',
        { object: 'Math', property: 'random', message: 'Use context.df.newGuid or an activity.' },
        { object: 'Date', property: 'now', message: 'Use context.df.currentUtcDateTime.' },
        { object: 'process', property: 'env', message: 'Orchestrators must not read the environment.' },
      ],
      'no-restricted-syntax': ['error', { selector: 'FunctionDeclaration[async=true], FunctionExpression[async=true], ArrowFunctionExpression[async=true]', message: 'Orchestrators are sync generators; no async code.' }],
    },
  },
  {
    files: ['test/**/*.ts', 'bench/**/*.ts'],
    rules: {
      // node:test's describe/it return promises the runner itself awaits.
      '@typescript-eslint/no-floating-promises': [
        'error',
        { allowForKnownSafeCalls: [{ from: 'package', package: 'node:test', name: ['describe', 'it', 'test', 'suite', 'before', 'after', 'beforeEach', 'afterEach'] }] },
      ],
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
);
