// The `connect` a ForwardManager is given today: kubeconfig files → ClusterConnection. The
// credentials provider (issue 5) will supply its own; the forward code only sees `Connect`.
import { connectFromKubeconfig } from '../cluster/connect-from-kubeconfig.ts';
import { loadKubeconfig } from '../kubeconfig/load-kubeconfig.ts';
import type { KubeconfigSources } from '../kubeconfig/kubeconfig-sources.ts';
import type { Connect } from './forward-manager.ts';

export function kubeconfigConnect(sources: KubeconfigSources): Connect {
  return async (context) => {
    const { merged } = await loadKubeconfig(sources);
    return connectFromKubeconfig(merged, context);
  };
}
