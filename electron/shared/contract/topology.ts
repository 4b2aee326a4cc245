// Contract fragment: the "So Many Proxies" model of a context (docs/topology.md): every proxy on
// the path from this laptop to a pod, drawn from the cluster's own data and KubeDesk's own proxies,
// forwards and service gateways.

export const TOPOLOGY_NODE_KINDS = [
  'browser',
  'local-proxy',
  'service-gateway',
  'port-forward',
  'apiserver-lb',
  'apiserver',
  'apiserver-proxy',
  'kubelet',
  'kube-proxy',
  'service',
  'pod',
  'cloud-lb',
] as const;
export type TopologyNodeKind = (typeof TOPOLOGY_NODE_KINDS)[number];

/**
 * `active`: a running KubeDesk proxy, forward or gateway; `ready`/`not-ready`: cluster objects;
 * `reconnecting`, `failed`, `stopped`: a forward's state; `not-detected`: a hop KubeDesk could not
 * see (no kube-proxy pods: IPVS or eBPF replacements, or no rights to list them).
 */
export const TOPOLOGY_STATUSES = ['active', 'ready', 'not-ready', 'reconnecting', 'failed', 'stopped', 'not-detected', 'unknown'] as const;
export type TopologyStatus = (typeof TOPOLOGY_STATUSES)[number];

export const TOPOLOGY_ACTIONS = ['open-service', 'forward-service', 'start-proxy', 'stop-forward', 'copy-address'] as const;
export type TopologyAction = (typeof TOPOLOGY_ACTIONS)[number];

export interface TopologyNode {
  /** Stable across updates: `pod/shop/web-1`, `apiserver/10.0.0.11:6443`. */
  id: string;
  kind: TopologyNodeKind;
  label: string;
  status: TopologyStatus;
  /** One line: the address, the state's reason, the ports. */
  detail: string;
  /** What the hop is, in the guide's words ("So Many Proxies"). */
  about: string;
  /** Host:port or URL where it listens, when it has one. */
  address?: string | undefined;
  /** The namespace it belongs to (services and pods), for grouping. */
  namespace?: string | undefined;
  /** A service's TCP ports, in spec order: what Forward offers (UDP cannot be forwarded). */
  tcpPorts?: number[] | undefined;
  /** The one-click action the detail panel offers. */
  action?: TopologyAction | undefined;
}

/** `api`: a request through the apiserver; `forward`: a port-forward stream; `external`: from outside, through a node. */
export const TOPOLOGY_EDGE_KINDS = ['api', 'forward', 'external'] as const;
export type TopologyEdgeKind = (typeof TOPOLOGY_EDGE_KINDS)[number];

export interface TopologyEdge {
  from: string;
  to: string;
  kind: TopologyEdgeKind;
}

export interface Topology {
  context: string;
  /** Null: every namespace. */
  namespace: string | null;
  nodes: TopologyNode[];
  edges: TopologyEdge[];
}

export interface TopologyContract {
  'topology:get': { req: { context: string; namespace?: string | null | undefined }; res: Topology };
}

export const TOPOLOGY_CHANNELS = ['topology:get'] as const;
