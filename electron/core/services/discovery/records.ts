// What discovery keeps of each object (docs/services.md, Discovery): only the fields summaries,
// readiness and the ways to connect read, so 10,000 services and their EndpointSlices stay small
// (client-go's informer transform, client-go/tools/cache/controller.go TransformFunc).
import type { ServicePortInfo } from '../../../shared/contract/services.ts';
import type { EndpointSlice, Endpoints, KubeObject, Node, Pod, Service } from '../../kube/kube-objects.ts';

export interface ServiceRecord {
  namespace: string;
  name: string;
  type: string;
  clusterIP: string | null;
  ports: ServicePortInfo[];
  selector: Record<string, string> | null;
  externalIPs: string[];
  /** LoadBalancer ingress: each entry's ip, else hostname. */
  ingress: string[];
  externalName: string | null;
  created: string | null;
}

export interface EndpointAddressRecord {
  ip: string;
  ready: boolean;
  /** targetRef of kind Pod. */
  pod: string | null;
  node: string | null;
}

/** One EndpointSlice, or one core/v1 Endpoints object (the fallback). */
export interface EndpointRecord {
  namespace: string;
  name: string;
  /** The service it belongs to (label kubernetes.io/service-name, or the Endpoints' own name). */
  service: string;
  addresses: EndpointAddressRecord[];
  ports: Array<{ name: string; port: number; protocol: string }>;
}

export interface PodRecord {
  namespace: string;
  name: string;
  labels: Record<string, string>;
  ip: string | null;
  ready: boolean;
  node: string | null;
  /** Why it is not ready (`CrashLoopBackOff`, `Pending (Unschedulable)`); null when ready. */
  reason: string | null;
  containerPorts: Array<{ name: string; port: number; protocol: string }>;
}

export interface NodeRecord {
  name: string;
  addresses: Array<{ type: string; address: string }>;
}

export function keyOf(o: { namespace: string; name: string }): string {
  return `${o.namespace}/${o.name}`;
}

const PROTOCOLS = new Set(['TCP', 'UDP', 'SCTP']);

export function toServiceRecord(obj: KubeObject): ServiceRecord {
  const s = obj as Service;
  const spec = s.spec ?? {};
  const type = spec.type || 'ClusterIP';
  const selector = spec.selector && Object.keys(spec.selector).length > 0 ? spec.selector : null;
  return {
    namespace: s.metadata.namespace ?? '',
    name: s.metadata.name,
    type,
    clusterIP: spec.clusterIPs?.[0] ?? spec.clusterIP ?? null,
    ports: (spec.ports ?? []).map((p) => ({
      name: p.name ?? '',
      port: p.port,
      targetPort: p.targetPort === undefined || p.targetPort === 0 || p.targetPort === '' ? p.port : p.targetPort,
      protocol: (PROTOCOLS.has(p.protocol ?? '') ? p.protocol : 'TCP') as ServicePortInfo['protocol'],
      nodePort: p.nodePort ?? null,
      ...(p.appProtocol ? { appProtocol: p.appProtocol } : {}),
    })),
    selector: type === 'ExternalName' ? null : selector,
    externalIPs: spec.externalIPs ?? [],
    ingress: (s.status?.loadBalancer?.ingress ?? []).map((i) => i.ip || i.hostname || '').filter(Boolean),
    externalName: spec.externalName ?? null,
    created: s.metadata.creationTimestamp ?? null,
  };
}

export function toSliceRecord(obj: KubeObject): EndpointRecord {
  const s = obj as EndpointSlice;
  return {
    namespace: s.metadata.namespace ?? '',
    name: s.metadata.name,
    service: s.metadata.labels?.['kubernetes.io/service-name'] ?? '',
    // EndpointSliceConditions.ready: "nil should be interpreted as true" (discovery/v1 types.go).
    addresses: (s.endpoints ?? []).flatMap((e) =>
      e.addresses.map((ip) => ({
        ip,
        ready: e.conditions?.ready !== false,
        pod: e.targetRef?.kind === 'Pod' ? e.targetRef.name : null,
        node: e.nodeName ?? null,
      })),
    ),
    ports: (s.ports ?? []).map((p) => ({ name: p.name ?? '', port: p.port, protocol: p.protocol ?? 'TCP' })),
  };
}

export function toEndpointsRecord(obj: KubeObject): EndpointRecord {
  const e = obj as Endpoints;
  const addresses: EndpointAddressRecord[] = [];
  const ports: EndpointRecord['ports'] = [];
  for (const ss of e.subsets ?? []) {
    for (const [list, ready] of [
      [ss.addresses, true],
      [ss.notReadyAddresses, false],
    ] as const) {
      for (const a of list ?? [])
        addresses.push({ ip: a.ip, ready, pod: a.targetRef?.kind === 'Pod' ? a.targetRef.name : null, node: a.nodeName ?? null });
    }
    for (const p of ss.ports ?? []) ports.push({ name: p.name ?? '', port: p.port, protocol: p.protocol ?? 'TCP' });
  }
  return { namespace: e.metadata.namespace ?? '', name: e.metadata.name, service: e.metadata.name, addresses, ports };
}

type StateMap = Record<string, Record<string, unknown>> | undefined;

function waitingOrTerminated(state: StateMap): string | null {
  const w = state?.['waiting']?.['reason'];
  if (typeof w === 'string' && w) return w;
  const t = state?.['terminated']?.['reason'];
  return typeof t === 'string' && t ? t : null;
}

/** Why a pod is not ready, in the words `kubectl get pods` shows (kubectl/pkg/cmd/get, printPod). */
export function podReason(pod: Pod): string | null {
  const status = pod.status ?? { phase: 'Unknown' };
  const ready = (status.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');
  if (pod.metadata.deletionTimestamp) return 'Terminating';
  if (status.phase === 'Running' && ready) return null;
  if (status.phase === 'Succeeded' || status.phase === 'Failed') return status.reason || status.phase;
  for (const cs of status.containerStatuses ?? []) {
    if (cs.ready) continue;
    const r = waitingOrTerminated(cs.state);
    if (r) return r;
  }
  if (status.phase === 'Pending') {
    const sched = (status.conditions ?? []).find((c) => c.type === 'PodScheduled' && c.status === 'False');
    return sched?.reason ? `Pending (${sched.reason})` : 'Pending';
  }
  return status.phase === 'Running' ? 'NotReady' : status.phase || 'Unknown';
}

export function toPodRecord(obj: KubeObject): PodRecord {
  const p = obj as Pod;
  const reason = podReason(p);
  return {
    namespace: p.metadata.namespace ?? '',
    name: p.metadata.name,
    labels: p.metadata.labels ?? {},
    ip: p.status?.podIP || null,
    ready: reason === null,
    node: p.spec?.nodeName || null,
    reason,
    containerPorts: (p.spec?.containers ?? []).flatMap((c) =>
      (c.ports ?? []).map((cp) => ({ name: cp.name ?? '', port: cp.containerPort, protocol: cp.protocol ?? 'TCP' })),
    ),
  };
}

export function toNodeRecord(obj: KubeObject): NodeRecord {
  const n = obj as Node;
  return { name: n.metadata.name, addresses: (n.status?.addresses ?? []).map((a) => ({ type: a.type, address: a.address })) };
}
