// A `connect` over kubeconfig files alone (no app store, no keychain, static credentials): for
// tools and tests that start a proxy or a forward from a kubeconfig they wrote. The app and the
// CLI pass the ConnectionProvider's `connect` (connection-provider.ts); the proxy and forward
// cores only ever see the function.
import { loadKubeconfig } from '../kubeconfig/load-kubeconfig.ts';
import type { KubeconfigSources } from '../kubeconfig/kubeconfig-sources.ts';
import type { ClusterConnection } from './cluster-connection.ts';
import { connectFromKubeconfig } from './connect-from-kubeconfig.ts';

export function kubeconfigConnect(sources: KubeconfigSources): (context?: string) => Promise<ClusterConnection> {
  return async (context) => connectFromKubeconfig((await loadKubeconfig(sources)).merged, context);
}
