// The "So Many Proxies" model (docs/topology.md): a pure function from what KubeDesk knows about a
// context (the cluster's objects, its own proxies, forwards and gateways) to nodes and edges.
// Paths drawn:
//   browser → local proxy | service gateway → [apiserver LB] → apiserver → apiserver proxy → service → pod
//   browser → port-forward → [apiserver LB] → apiserver → kubelet → pod
//   client → cloud LB → kubelet (node) → kube-proxy → pod
// Hops are drawn in a fixed order (the nodes' and edges' order in the result), one module each.
import type { Topology } from '../../shared/contract/topology.ts';
import { addApiserverHops } from './apiserver-hops.ts';
import { BROWSER, GraphBuilder } from './graph-builder.ts';
import { addForwards, addGateways, addLocalProxies } from './laptop-hops.ts';
import { addNodeHops } from './node-hops.ts';
import { ABOUT } from './topology-about.ts';
import type { TopologyInput } from './topology-input.ts';
import { addWorkloadHops } from './workload-hops.ts';

export function buildTopology(input: TopologyInput): Topology {
  const g = new GraphBuilder();
  g.node({ id: BROWSER, kind: 'browser', label: 'This laptop', status: 'active', detail: 'your browser and tools', about: ABOUT.browser });
  const path = addApiserverHops(g, input);
  addLocalProxies(g, input, path);
  const nodeHops = addNodeHops(g, input);
  const podIds = addWorkloadHops(g, input, nodeHops);
  addForwards(g, input, path, nodeHops.kubelets, podIds);
  addGateways(g, input, path);
  return { context: input.context, namespace: input.namespace, nodes: [...g.nodes.values()], edges: g.edges };
}
