// A doctor run drawn on the topology (docs/doctor.md; docs/topology.md): the first failed hop of
// the report is mapped to the nodes of the "So Many Proxies" path it stands for, which are then
// drawn `failed` with the hop's reason.
import type { DoctorHop, DoctorReport, Topology, TopologyNode, TopologyNodeKind } from '../../../../../electron/shared/ipc-contract.ts';
import type { ViewGraph } from './topology-graph.ts';

const APISERVER: readonly TopologyNodeKind[] = ['apiserver-lb', 'apiserver'];
const SERVICE: readonly TopologyNodeKind[] = ['service', 'apiserver-proxy'];

/** Which node kinds a hop's failure is drawn on. */
export const HOP_NODE_KINDS: Record<DoctorHop, readonly TopologyNodeKind[]> = {
  kubeconfig: APISERVER,
  dns: APISERVER,
  tcp: APISERVER,
  proxy: APISERVER,
  tls: APISERVER,
  credentials: APISERVER,
  authentication: APISERVER,
  version: APISERVER,
  authorization: APISERVER,
  clock: APISERVER,
  service: SERVICE,
  selector: SERVICE,
  endpoints: SERVICE,
  'target-port': SERVICE,
  'service-proxy': SERVICE,
  'port-forward': ['kubelet', 'pod'],
  local: ['local-proxy', 'port-forward', 'service-gateway'],
};

/** `NS/NAME` of a doctor service argument (`NS/NAME[:PORT]`, `NS/https:NAME:PORT`). */
function serviceKey(service: string): string | null {
  const m = /^([^/]+)\/(?:https?:)?([^:]+)/.exec(service);
  return m ? `${m[1]}/${m[2]}` : null;
}

/**
 * Model node id → the reason it failed, for the report's first failed hop; empty when nothing
 * failed or the report is for another context. Services and pods are only the diagnosed service's
 * (its node, and the pods its edges reach); other kinds are marked wherever they appear.
 */
export function doctorMarks(t: Topology, report: DoctorReport): Map<string, string> {
  const marks = new Map<string, string>();
  const failed = report.checks.find((c) => c.status === 'failed');
  if (!failed || report.context !== t.context) return marks;
  const kinds = HOP_NODE_KINDS[failed.hop];
  const key = report.service ? serviceKey(report.service) : null;
  const serviceId = key ? `service/${key}` : null;
  const podsOfService = new Set(t.edges.filter((e) => e.from === serviceId).map((e) => e.to));
  const inScope = (n: TopologyNode): boolean => {
    if (n.kind === 'service') return n.id === serviceId;
    if (n.kind === 'pod') return podsOfService.has(n.id);
    return true;
  };
  const reason = `${failed.hop} failed: ${failed.detail}`;
  for (const n of t.nodes) if (kinds.includes(n.kind) && inScope(n)) marks.set(n.id, reason);
  return marks;
}

/** The node as the overlay draws it: `failed`, its detail the doctor's reason. */
export function markedNode(n: TopologyNode, marks: ReadonlyMap<string, string>): TopologyNode {
  const reason = marks.get(n.id);
  return reason === undefined ? n : { ...n, status: 'failed', detail: reason };
}

/** The view graph with the marked nodes drawn `failed` (same layout: only statuses and details change). */
export function applyDoctorMarks(view: ViewGraph, marks: ReadonlyMap<string, string>): ViewGraph {
  if (marks.size === 0) return view;
  return {
    ...view,
    hops: view.hops.map((n) => markedNode(n, marks)),
    groups: view.groups.map((g) => ({ ...g, members: g.members.map((m) => ({ ...m, node: markedNode(m.node, marks) })) })),
  };
}
