// Connections for tests that start a proxy or a forward from a kubeconfig they wrote (the demo
// cluster's): a real ConnectionProvider over that one file, with an empty app home and an
// in-memory keychain, as the app and the CLI build theirs (core.ts, cli/cli-core.ts).
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ClusterConnection } from '../../electron/core/cluster/cluster-connection.ts';
import { ConnectionProvider } from '../../electron/core/cluster/connection-provider.ts';
import { resolveKubeconfigSources } from '../../electron/core/kubeconfig/kubeconfig-sources.ts';
import { silentLogger } from '../../electron/core/log.ts';
import { AppStore } from '../../electron/core/store/app-store.ts';
import { ImportedContexts } from '../../electron/core/store/imported-contexts.ts';
import { MemorySecretStore } from '../fakes/memory-secret-store.ts';

/** A ConnectionProvider over `kubeconfig` alone; dispose it when done. */
export function kubeconfigConnections(kubeconfig: string): ConnectionProvider {
  // Never written: no context is imported, so the app store is only ever read (and missing).
  const home = join(tmpdir(), `kd-no-home-${randomBytes(6).toString('hex')}`);
  const imported = new ImportedContexts({ store: new AppStore({ home }), secrets: new MemorySecretStore(), log: silentLogger });
  return new ConnectionProvider({
    sources: resolveKubeconfigSources({ flag: kubeconfig }),
    imported,
    exec: { env: async () => process.env, stdinIsTTY: false },
    log: silentLogger,
  });
}

/** One connection to `context` of `kubeconfig` (static credentials, as the demo cluster's). */
export async function connectKubeconfig(kubeconfig: string, context?: string): Promise<ClusterConnection> {
  const connections = kubeconfigConnections(kubeconfig);
  try {
    return await connections.connect(context);
  } finally {
    connections.dispose();
  }
}
