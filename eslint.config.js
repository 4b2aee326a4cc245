// The layer rule (docs/architecture.md, Layers) is enforced here: core never imports
// electron, main, preload or the renderer; shared imports nothing; the renderer imports only
// shared. The last matching block wins, so each list is complete.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import svelteConfig from './svelte.config.js';

const layer = (files, groups, extraPaths = []) => ({
  files,
  rules: {
    'no-restricted-imports': [
      'error',
      {
        paths: [{ name: 'electron', message: 'Only electron/main and electron/preload import electron.' }, ...extraPaths],
        patterns: [{ group: groups, message: 'Layer rule: see docs/architecture.md, Layers.' }],
      },
    ],
  },
});

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test/e2e/screenshots/**', 'test/fixtures/lint/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...svelte.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-empty': ['error', { allowEmptyCatch: true }],
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: {
      parserOptions: { projectService: true, extraFileExtensions: ['.svelte'], parser: tseslint.parser, svelteConfig },
    },
  },
  // Globals by runtime: Node's outside the renderer, the browser's in it (and not Node's).
  { files: ['electron/**', 'test/**', '*.config.{js,ts}', 'scripts/**'], languageOptions: { globals: { ...globals.node } } },
  { files: ['renderer/**'], languageOptions: { globals: { ...globals.browser } } },
  // A focused or skipped test hides the others; skip by platform with onlyOn (test/support/platform.ts).
  {
    files: ['test/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: 'MemberExpression[object.name=/^(describe|it|test|suite|bench)$/][property.name=/^(only|skip|todo)$/]',
          message: 'No focused, skipped or todo tests: they hide failures (use onlyOn from test/support/platform.ts for a platform).',
        },
      ],
    },
  },
  layer(['electron/core/**'], ['**/main/**', '**/preload/**', '**/renderer/**', '**/serve/**', '**/cli/**']),
  layer(['electron/shared/**'], ['**/core/**', '**/main/**', '**/preload/**', '**/renderer/**', 'node:*']),
  layer(
    ['renderer/**'],
    ['**/electron/core/**', '**/electron/main/**', '**/electron/preload/**', '**/electron/serve/**', '**/electron/cli/**', 'node:*'],
  ),
  layer(['electron/serve/**', 'electron/cli/**'], ['**/main/**', '**/preload/**', '**/renderer/**']),
  ...demoBoundary(),
);

// The demo cluster is its own area (docs/demo-cluster.md): the rest of core reaches it only through
// demo/demo-service.ts, the CLI and serve mode through that and demo/demo-names.ts, and the demo
// uses only a few core modules (log, lifecycle, errors, http/hop-by-hop, kube/). These blocks come
// last and so win: each repeats its layer's groups. Patterns match the import as written, so the
// demo's own blocks are per folder depth (demo/*.ts, demo/world/*.ts).
function demoBoundary() {
  const block = (files, ignores, groups, regex, message) => ({
    files,
    ignores,
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'Only electron/main and electron/preload import electron.' }],
          patterns: [
            { group: groups, message: 'Layer rule: see docs/architecture.md, Layers.' },
            { regex, message: `Demo boundary (docs/demo-cluster.md): ${message}` },
          ],
        },
      ],
    },
  });
  const core = ['**/main/**', '**/preload/**', '**/renderer/**', '**/serve/**', '**/cli/**'];
  const adapters = ['**/main/**', '**/preload/**', '**/renderer/**'];
  const allowed = '(log|lifecycle|errors)\\.ts$|http/hop-by-hop\\.ts$|kube/';
  const demoUses = 'the demo imports from the rest of core only log, lifecycle, errors, http/hop-by-hop and kube/.';
  return [
    block(['electron/core/**'], ['electron/core/demo/**'], core, '(^|/)demo/(?!demo-service\\.ts$)', 'core reaches the demo only through demo/demo-service.ts.'),
    block(['electron/core/demo/*.ts'], ['electron/core/demo/demo-service.ts'], core, `^\\.\\./(?!${allowed})`, demoUses),
    block(['electron/core/demo/*/*.ts'], [], core, `^\\.\\./\\.\\./(?!${allowed})`, demoUses),
    block(
      ['electron/serve/**', 'electron/cli/**'],
      [],
      adapters,
      '(^|/)core/demo/(?!(demo-service|demo-names)\\.ts$)',
      'the CLI and serve mode start the demo only through core/demo/demo-service.ts.',
    ),
  ];
}
