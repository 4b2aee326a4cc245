// The nodes' hops on the topology (docs/topology.md, The model): each node's kubelet, and the
// kube-proxy pod kube-system runs on it, or one `not-detected` kube-proxy when none is found.
import { ABOUT } from './topology-about.ts';
import type { GraphBuilder } from './graph-builder.ts';
import { podReady } from './pod-status.ts';
import type { TopologyInput } from './topology-input.ts';

/** Node name → the id of its kubelet, and of its kube-proxy where one runs. */
export interface NodeHops {
  kubelets: Map<string, string>;
  kubeProxies: Map<string, string>;
}

export function addNodeHops(g: GraphBuilder, input: TopologyInput): NodeHops {
  const nodeNames = new Set(input.nodes.map((n) => n.metadata.name!));
  const kubelets = new Map<string, string>();
  for (const n of input.nodes) {
    const name = n.metadata.name!;
    const ready = n.status.conditions.some((c) => c.type === 'Ready' && c.status === 'True');
    const ip = n.status.addresses.find((a) => a.type === 'InternalIP')?.address;
    kubelets.set(
      name,
      g.node({
        id: `kubelet/${name}`,
        kind: 'kubelet',
        label: name,
        status: ready ? 'ready' : 'not-ready',
        detail: ip ? `node ${ip}, kubelet :${n.status.daemonEndpoints?.kubeletEndpoint.Port ?? 10250}` : 'node',
        about: ABOUT.kubelet,
        address: ip,
        action: ip ? 'copy-address' : undefined,
      }),
    );
  }
  const kubeProxies = new Map<string, string>();
  for (const p of input.kubeProxyPods) {
    const node = p.spec.nodeName;
    if (!node || !nodeNames.has(node)) continue;
    const id = g.node({
      id: `kube-proxy/${node}`,
      kind: 'kube-proxy',
      label: `kube-proxy on ${node}`,
      status: podReady(p) ? 'ready' : 'not-ready',
      detail: `pod ${p.metadata.namespace}/${p.metadata.name}`,
      about: ABOUT['kube-proxy'],
    });
    kubeProxies.set(node, id);
    g.edge(kubelets.get(node)!, id, 'external');
  }
  if (kubeProxies.size === 0 && input.nodes.length > 0) {
    g.node({
      id: 'kube-proxy/not-detected',
      kind: 'kube-proxy',
      label: 'kube-proxy',
      status: 'not-detected',
      detail: 'no kube-proxy pods in kube-system (a replacement such as Cilium or IPVS may do its job)',
      about: ABOUT['kube-proxy'],
    });
  }
  return { kubelets, kubeProxies };
}
