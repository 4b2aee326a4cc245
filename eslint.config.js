// The layer rule (STYLE.md "Dependency direction") is enforced here: core never imports
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
        patterns: [{ group: groups, message: 'Layer rule: see STYLE.md, Dependency direction.' }],
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
    languageOptions: { globals: { ...globals.node } },
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
      globals: { ...globals.browser },
      parserOptions: { projectService: true, extraFileExtensions: ['.svelte'], parser: tseslint.parser, svelteConfig },
    },
  },
  { files: ['renderer/**'], languageOptions: { globals: { ...globals.browser } } },
  layer(['electron/core/**'], ['**/main/**', '**/preload/**', '**/renderer/**', '**/serve/**', '**/cli/**']),
  layer(['electron/shared/**'], ['**/core/**', '**/main/**', '**/preload/**', '**/renderer/**', 'node:*']),
  layer(
    ['renderer/**'],
    ['**/electron/core/**', '**/electron/main/**', '**/electron/preload/**', '**/electron/serve/**', '**/electron/cli/**', 'node:*'],
  ),
  layer(['electron/serve/**', 'electron/cli/**'], ['**/main/**', '**/preload/**', '**/renderer/**']),
);
