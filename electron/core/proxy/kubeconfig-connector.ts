// A `connect` over kubeconfig files alone (no app store, no keychain): for tools and tests that
// start a proxy from a kubeconfig they wrote. The app and the CLI pass the ConnectionProvider's
// `connect` (cluster/connection-provider.ts); the proxy core only ever sees the function.
import { connectFromKubeconfig } from '../cluster/connect-from-kubeconfig.ts';
import { loadKubeconfig } from '../kubeconfig/load-kubeconfig.ts';
import type { KubeconfigSources } from '../kubeconfig/kubeconfig-sources.ts';
import type { ConnectFn } from './proxy-manager.ts';

export function kubeconfigConnector(sources: KubeconfigSources): ConnectFn {
  return async (context) => connectFromKubeconfig((await loadKubeconfig(sources)).merged, context);
}
