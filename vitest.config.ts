import { defineConfig } from 'vitest/config';
import { resolve } from 'node:path';
import { svelte } from '@sveltejs/vite-plugin-svelte';

// Three suites (STYLE.md "Tests"): unit in-process with fakes, integration over real sockets
// against the demo cluster, e2e through serve mode and the system Chromium.
export default defineConfig({
  test: {
    // A stray `.only` fails the run instead of hiding every other test (CI or not).
    allowOnly: false,
    projects: [
      {
        plugins: [svelte({ configFile: resolve(import.meta.dirname, 'svelte.config.js') })],
        resolve: { conditions: ['browser'] },
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          environment: 'node',
          testTimeout: 15_000,
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 90_000,
          hookTimeout: 90_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
