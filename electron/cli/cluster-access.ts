// What a `kubedesk` command needs to reach clusters (CLI.md "Where clusters come from"): the
// kubeconfig files, the app store in KUBEDESK_HOME and the OS keychain. The CLI's composition
// root for them: its one `new KeytarSecretStore()`.
import type { ParseArgsOptionsConfig } from 'node:util';
import { ConnectionProvider } from '../core/cluster/connection-provider.ts';
import { KeytarSecretStore } from '../core/credentials/keytar-secret-store.ts';
import type { SecretStore } from '../core/credentials/secret-store.ts';
import type { Logger } from '../core/log.ts';
import { AppStore } from '../core/store/app-store.ts';
import { ImportedContexts } from '../core/store/imported-contexts.ts';
import { resolveKubedeskHome } from '../core/store/kubedesk-home.ts';
import { stringOption, type CommandRun } from './command.ts';
import { KUBECONFIG_OPTIONS, sourcesFor } from './kubeconfig-option.ts';

export const CONTEXT_OPTIONS: ParseArgsOptionsConfig = {
  ...KUBECONFIG_OPTIONS,
  context: { type: 'string' },
};

export function kubedeskHomeFor(run: CommandRun): string {
  const home = run.io.env['HOME'] ?? run.io.env['USERPROFILE'];
  return resolveKubedeskHome({ env: run.io.env, cwd: run.io.cwd, ...(home ? { home } : {}) });
}

export interface ClusterAccess {
  home: string;
  secrets: SecretStore;
  imported: ImportedContexts;
  connections: ConnectionProvider;
  dispose(): void;
}

export function clusterAccess(run: CommandRun, log: Logger): ClusterAccess {
  const home = kubedeskHomeFor(run);
  const secrets = new KeytarSecretStore();
  const imported = new ImportedContexts({ store: new AppStore({ home }), secrets, log });
  const connections = new ConnectionProvider({
    sources: sourcesFor(run),
    imported,
    // Plugins run with our env and our terminal, their stderr straight to the user's.
    exec: { env: async () => run.io.env, stdinIsTTY: run.io.stdinIsTTY },
    log,
    rule: 'kubectl',
  });
  return { home, secrets, imported, connections, dispose: () => connections.dispose() };
}

export function contextOption(run: CommandRun): string | undefined {
  return stringOption(run.values, 'context');
}
