// The CLI's composition root (docs/cli.md, "Where clusters come from"): every `kubedesk` command
// gets the kubeconfig files, the app store in KUBEDESK_HOME and the OS keychain from here, built
// on the same core parts as the app. Its one `new KeytarSecretStore()` (keytar itself loads on
// first use). Commands start none of the app's side effects (watchers, forward autostart);
// `serve`, which is the app in a browser, gets the app face through cliAppCore().
import type { ParseArgsOptionsConfig } from 'node:util';
import type { Core } from '../core/core.ts';
import { createCoreParts, type CoreParts, type CorePartsDeps } from '../core/core-parts.ts';
import { KeytarSecretStore } from '../core/credentials/keytar-secret-store.ts';
import type { Logger } from '../core/log.ts';
import { resolveKubedeskHome } from '../core/store/kubedesk-home.ts';
import { stringOption, type CommandRun } from './command.ts';
import { KUBECONFIG_OPTIONS, sourcesFor } from './kubeconfig-option.ts';

export const CONTEXT_OPTIONS: ParseArgsOptionsConfig = {
  ...KUBECONFIG_OPTIONS,
  context: { type: 'string' },
};

export function contextOption(run: CommandRun): string | undefined {
  return stringOption(run.values, 'context');
}

function kubedeskHomeFor(run: CommandRun): string {
  const home = run.io.env['HOME'] ?? run.io.env['USERPROFILE'];
  return resolveKubedeskHome({ env: run.io.env, cwd: run.io.cwd, ...(home ? { home } : {}) });
}

/** A command's view of the core: the same parts the app is built on (core-parts.ts). */
export type CliCore = CoreParts;

function partsDeps(run: CommandRun, log: Logger): Omit<CorePartsDeps, 'exec' | 'rule'> {
  return { sources: sourcesFor(run), log, home: kubedeskHomeFor(run), secrets: () => new KeytarSecretStore() };
}

/** What a command needs to reach clusters: kubectl's current-context rule, exec plugins on our terminal. */
export function createCliCore(run: CommandRun, log: Logger): CliCore {
  return createCoreParts({
    ...partsDeps(run, log),
    // Plugins run with our env and our terminal, their stderr straight to the user's.
    exec: { env: async () => run.io.env, stdinIsTTY: run.io.stdinIsTTY },
    rule: 'kubectl',
  });
}

/** The app face for `serve`: loaded on demand, so the other commands never load the app's modules. */
export async function cliAppCore(run: CommandRun, log: Logger): Promise<Core> {
  const { createCore } = await import('../core/core.ts');
  const { secrets, ...deps } = partsDeps(run, log);
  return createCore({ ...deps, secrets: secrets(), host: 'browser', execEnv: async () => run.io.env });
}
