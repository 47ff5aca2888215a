// @ts-check
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import importX from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';

/*
 * Layering (docs/architecture.md): which folder may import which, enforced with `no-restricted-imports`.
 * Flat config does not merge two `no-restricted-imports` settings for one file (the last matching block wins), so
 * each block below lists every restriction for its folder, composed from the small named lists that follow.
 * The patterns match the import specifier as written, gitignore style, so `../../devhost/x.js` is caught by a
 * pattern for any folder named devhost.
 */

/** @typedef {{ paths?: { name: string, message: string }[], patterns?: ({ group: string[], message: string })[] }} Restrictions */

/** A miniature of the repo's top-level layout that breaks each rule on purpose (test/unit/lint-layers.test.ts). */
const fixtureRoot = 'test/fixtures-lint/layers';

/** The TypeScript files under each folder, plus its miniature in the lint fixtures, so the fixtures get the same rules. */
const filesUnder = (/** @type {string[]} */ ...folders) => folders.flatMap((f) => [`${f}/**/*.ts`, `${fixtureRoot}/${f}/**/*.ts`]);

/** Merges restriction lists into one `no-restricted-imports` option. */
const restrict = (/** @type {Restrictions[]} */ ...lists) => ({
  paths: lists.flatMap((l) => l.paths ?? []),
  patterns: lists.flatMap((l) => l.patterns ?? []),
});

/** Built-in modules listed only under their `node:` name (node:test, node:sqlite, ... on newer Node) and the rest. */
const prefixOnlyBuiltins = builtinModules.filter((m) => m.startsWith('node:'));
const bareBuiltins = builtinModules.filter((m) => !m.startsWith('node:'));

/**
 * Bans each named built-in in both its bare and `node:` form, and every `node:`-only one. The `node:*` pattern
 * catches the built-ins this Node does not list; it skips the listed ones, which `paths` bans or allows by name.
 */
const banBuiltins = (/** @type {string[]} */ names, /** @type {string} */ message) => ({
  paths: [...names.flatMap((name) => [name, `node:${name}`]), ...prefixOnlyBuiltins].map((name) => ({ name, message })),
  patterns: [{ group: ['node:*', ...bareBuiltins.map((name) => `!node:${name}`), ...prefixOnlyBuiltins.map((name) => `!${name}`)], message }],
});

const zodMessage = "Import { z } from 'shared/domain/zod.js' (it extends zod for the OpenAPI generator before any schema exists).";

/** App code takes zod from shared/domain/zod.ts, which must run before any schema is created. */
const zodOnlyViaDomain = { paths: [{ name: 'zod', message: zodMessage }] };

/** Product code (functions/, shared/) ships to Azure; the dev host, the local ML stack and the tooling do not. */
const noDevTooling = {
  patterns: [
    { group: ['**/devhost', '**/devhost/**'], message: 'Product code must not import the dev host (devhost/ runs only locally).' },
    { group: ['**/stack', '**/stack/**'], message: 'Product code must not import the local ML stack (stack/ runs only locally).' },
    { group: ['**/scripts/**', '**/test/**', '**/bench/**'], message: 'Product code must not import scripts, tests or benchmarks.' },
  ],
};

/** functions/ gets its adapters from the Services object (shared/app/services.ts), never by importing them. */
const adaptersOnlyViaServices = {
  patterns: [{ group: ['**/shared/adapters', '**/shared/adapters/**'], message: 'functions/ reaches adapters only through Services (shared/app/services.ts).' }],
};

/** SDKs and network clients: adapters own them. */
const ioClients = ['@azure/*', '@aws-sdk/*', 'azure-devops-node-api', 'durable-functions', 'axios', 'undici'];

/** Built-ins that compute without touching the outside world, so domain code may use them. */
const pureBuiltins = ['assert', 'assert/strict', 'buffer', 'crypto', 'path', 'path/posix', 'path/win32', 'querystring', 'string_decoder', 'url', 'util', 'util/types'];

/** shared/domain and shared/ports are the core: plain types, rules and interfaces, with no I/O and no outward arrows. */
const pureCore = [
  {
    patterns: [
      { group: ['**/adapters', '**/adapters/**'], message: 'Domain and ports must not import adapters; adapters implement ports.' },
      { group: ['**/app', '**/app/**', '**/functions', '**/functions/**'], message: 'Domain and ports must not import the composition root (shared/app) or functions/.' },
      { group: ioClients, message: 'Domain and ports must not import SDKs or I/O clients; an adapter does.' },
    ],
  },
  banBuiltins(
    bareBuiltins.filter((m) => !pureBuiltins.includes(m)),
    'Domain and ports must not use Node I/O built-ins; an adapter does.',
  ),
];

/** Imports an orchestrator must never make: replay must be deterministic and free of I/O. */
const orchestratorFence = [
  {
    patterns: [
      { group: ioClients.filter((c) => c !== 'durable-functions'), message: 'Orchestrators must not use I/O clients; call an activity.' },
      { group: ['**/adapters/**'], message: 'Orchestrators must not import adapters; call an activity.' },
    ],
  },
  banBuiltins(bareBuiltins, 'Orchestrators must not use Node built-ins (no I/O during replay).'),
];

/** devhost/ runs the product; the local ML stack, the tooling and the tests all build on it, never the reverse. */
const devhostBans = {
  patterns: [
    { group: ['**/stack', '**/stack/**'], message: 'devhost/ must not import the local ML stack (stack/ builds on devhost/, not the reverse).' },
    { group: ['**/scripts/**', '**/test/**', '**/bench/**'], message: 'devhost/ must not import scripts, tests or benchmarks.' },
  ],
};

export default tseslint.config(
  { ignores: ['web/src/api/openapi.d.ts', 'dist/**', 'node_modules/**', '.mlcycle/**', '**/*.js', '**/*.mjs', 'test/fixtures/**', 'test/fixtures-lint/**', 'examples/**', 'airflow/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-deprecated': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/require-await': 'off',
    },
  },
  {
    // A module cycle makes load order decide which binding is still undefined; type-only imports are erased, so they may loop.
    files: ['**/*.ts'],
    plugins: { 'import-x': importX },
    settings: {
      // Resolves NodeNext `./x.js` specifiers to the `./x.ts` sources, as tsc does.
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: './tsconfig.json' })],
      'import-x/extensions': ['.ts', '.js'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] },
    },
    rules: { 'import-x/no-cycle': ['error', { ignoreExternal: true }] },
  },
  {
    files: filesUnder('shared', 'functions'),
    rules: { 'no-restricted-imports': ['error', restrict(zodOnlyViaDomain, noDevTooling)] },
  },
  {
    files: filesUnder('functions'),
    rules: { 'no-restricted-imports': ['error', restrict(zodOnlyViaDomain, noDevTooling, adaptersOnlyViaServices)] },
  },
  {
    files: filesUnder('shared/domain', 'shared/ports'),
    rules: { 'no-restricted-imports': ['error', restrict(zodOnlyViaDomain, noDevTooling, ...pureCore)] },
  },
  {
    files: filesUnder('devhost'),
    rules: { 'no-restricted-imports': ['error', restrict(devhostBans)] },
  },
  {
    // The determinism fence (durable code constraints): orchestrators are pure generators.
    files: [...filesUnder('functions/orchestrators'), 'test/fixtures-lint/orchestrators/**/*.ts'],
    rules: {
      // The fence's own `**/adapters/**` covers adaptersOnlyViaServices, so that list is left out (one report per import).
      'no-restricted-imports': ['error', restrict(zodOnlyViaDomain, noDevTooling, ...orchestratorFence)],
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
    // The dashboard runs in the browser: no Node built-ins, and nothing of the app's server side but the generated API types.
    files: ['web/src/**/*.ts', 'web/src/**/*.tsx'],
    rules: {
      'no-restricted-imports': [
        'error',
        restrict(banBuiltins(bareBuiltins, 'The dashboard runs in the browser.'), {
          patterns: [{ group: ['**/shared/**', '**/functions/**', '**/devhost/**', '**/stack/**'], message: 'The dashboard reads the API through web/src/api/ (types from the OpenAPI document).' }],
        }),
      ],
      // Text from users and external systems is rendered by React as text; raw HTML would bypass that.
      'no-restricted-syntax': ['error', { selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']", message: 'Render text as text: no raw HTML in the dashboard.' }, { selector: "MemberExpression[property.name=/^(innerHTML|outerHTML)$/]", message: 'Render text as text: no raw HTML in the dashboard.' }],
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
