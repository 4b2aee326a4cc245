// What the topology is drawn from (docs/topology.md, The model): the cluster's side, read by
// read-topology.ts, and what this face runs (its proxies, forwards and gateways).
import type { ForwardInfo } from '../../shared/contract/forward.ts';
import type { ProxyInfo } from '../../shared/contract/proxy.ts';
import type { GatewayInfo } from '../../shared/contract/services.ts';
import type { Node, Pod, Service } from '../kube/kube-objects.ts';

export interface TopologyInput {
  context: string;
  /** Null: every namespace. */
  namespace: string | null;
  /** The kubeconfig's `server`. */
  server: URL;
  /** `default/kubernetes` endpoint addresses, `IP:PORT`; empty when they could not be read. */
  apiservers: readonly string[];
  nodes: readonly Node[];
  /** Pods in scope (the namespace, or all). */
  pods: readonly Pod[];
  /** kube-system pods labelled `k8s-app=kube-proxy`. */
  kubeProxyPods: readonly Pod[];
  /** Services in scope. */
  services: readonly Service[];
  proxies: readonly ProxyInfo[];
  forwards: readonly ForwardInfo[];
  gateways: readonly GatewayInfo[];
}
