// The one accepted way to skip a test: declare the platforms it runs on and why. `npm test`
// (test/run.ts, through test/support/tally.ts) fails on any other skip or todo, so a stray
// `it.skip` cannot quietly hide a test.
//
//   it('finds the owner of a port', onlyOn(['linux'], 'reads /proc/net/tcp'), async () => { … });
import type { TestOptions } from 'vitest';

declare module 'vitest' {
  interface TaskMeta {
    /** Why the test runs only on some platforms (set by `onlyOn`). */
    platformOnly?: string;
  }
}

/** Test options that skip the test off `platforms`, recording the reason for the runner. */
export function onlyOn(platforms: readonly NodeJS.Platform[], reason: string): TestOptions {
  return { skip: !platforms.includes(process.platform), meta: { platformOnly: `${platforms.join(', ')}: ${reason}` } };
}
