// Server-side printing (`Accept: application/json;as=Table;v=v1;g=meta.k8s.io`), as
// kube-apiserver's printers (pkg/printers/internalversion/printers.go) fill it, so `kubectl get`
// shows the familiar columns: pods READY/STATUS/RESTARTS, services TYPE/CLUSTER-IP/EXTERNAL-IP/
// PORT(S), and so on. Other resources get the default NAME + CREATED AT table.
import type { ResourceDef } from './api-resources.ts';
import type { Deployment, EndpointSlice, Endpoints, KubeObject, Node, Pod, ReplicaSet, Service } from '../kube/kube-objects.ts';
import { formatSelector } from '../kube/label-selector.ts';

export interface Column {
  name: string;
  type: string;
  format: string;
  description: string;
  priority: number;
}

export type IncludeObject = 'None' | 'Metadata' | 'Object';

const col = (name: string, type = 'string', priority = 0, format = ''): Column => ({ name, type, format, description: name, priority });
const NAME = col('Name', 'string', 0, 'name');
const AGE = col('Age');

/** apimachinery/pkg/util/duration.HumanDuration. */
export function humanDuration(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 60 * 2) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 10) {
    const s = seconds % 60;
    return s === 0 ? `${minutes}m` : `${minutes}m${s}s`;
  }
  if (minutes < 60 * 3) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 8) {
    const m = minutes % 60;
    return m === 0 ? `${hours}h` : `${hours}h${m}m`;
  }
  if (hours < 48) return `${hours}h`;
  if (hours < 24 * 8) {
    const h = hours % 24;
    return h === 0 ? `${Math.floor(hours / 24)}d` : `${Math.floor(hours / 24)}d${h}h`;
  }
  if (hours < 24 * 365 * 2) return `${Math.floor(hours / 24)}d`;
  if (hours < 24 * 365 * 8) {
    const dy = Math.floor(hours / 24) % 365;
    return dy === 0 ? `${Math.floor(hours / 24 / 365)}y` : `${Math.floor(hours / 24 / 365)}y${dy}d`;
  }
  return `${Math.floor(hours / 24 / 365)}y`;
}

function age(o: KubeObject, now: number): string {
  const t = o.metadata.creationTimestamp;
  return t ? humanDuration(now - Date.parse(t)) : '<unknown>';
}

function podRow(p: Pod, now: number): unknown[] {
  const statuses = p.status.containerStatuses ?? [];
  const total = p.spec.containers.length;
  const ready = statuses.filter((s) => s.ready).length;
  let reason = p.status.reason ?? p.status.phase;
  let restarts = 0;
  let lastRestart: number | undefined;
  for (const s of statuses) {
    restarts += s.restartCount;
    const finished = s.lastState?.['terminated']?.['finishedAt'];
    if (typeof finished === 'string') lastRestart = Math.max(lastRestart ?? 0, Date.parse(finished));
    const waiting = s.state?.['waiting']?.['reason'];
    const terminated = s.state?.['terminated']?.['reason'];
    if (typeof waiting === 'string' && waiting) reason = waiting;
    else if (typeof terminated === 'string' && terminated) reason = terminated;
  }
  if (p.metadata.deletionTimestamp) reason = 'Terminating';
  const restartCell: unknown =
    lastRestart !== undefined && restarts > 0 ? `${restarts} (${humanDuration(now - lastRestart)} ago)` : restarts;
  const readiness = p.spec['readinessGates'] as unknown[] | undefined;
  return [
    p.metadata.name,
    `${ready}/${total}`,
    reason,
    restartCell,
    age(p, now),
    p.status.podIP ?? '<none>',
    p.spec.nodeName ?? '<none>',
    p.status.nominatedNodeName ?? '<none>',
    readiness?.length ? `0/${readiness.length}` : '<none>',
  ];
}

function portsCell(s: Service): string {
  const ports = s.spec.ports ?? [];
  if (ports.length === 0) return '<none>';
  return ports.map((p) => (p.nodePort ? `${p.port}:${p.nodePort}/${p.protocol ?? 'TCP'}` : `${p.port}/${p.protocol ?? 'TCP'}`)).join(',');
}

function externalIpCell(s: Service): string {
  const type = s.spec.type ?? 'ClusterIP';
  if (type === 'ExternalName') return s.spec.externalName ?? '<none>';
  const ext = [...(s.spec.externalIPs ?? [])];
  if (type === 'LoadBalancer') {
    const ingress = (s.status?.loadBalancer?.ingress ?? []).map((i) => i.ip ?? i.hostname ?? '').filter(Boolean);
    const all = [...ingress, ...ext];
    return all.length ? all.join(',') : '<pending>';
  }
  return ext.length ? ext.join(',') : '<none>';
}

function serviceRow(s: Service, now: number): unknown[] {
  return [
    s.metadata.name,
    s.spec.type ?? 'ClusterIP',
    s.spec.clusterIP ?? '<none>',
    externalIpCell(s),
    portsCell(s),
    age(s, now),
    s.spec.selector ? formatSelector(s.spec.selector) : '<none>',
  ];
}

function endpointsCell(e: Endpoints): string {
  const out: string[] = [];
  let total = 0;
  for (const ss of e.subsets ?? []) {
    for (const a of ss.addresses ?? []) {
      for (const p of ss.ports?.length ? ss.ports : [undefined]) {
        total++;
        if (out.length < 3) out.push(p ? `${a.ip}:${p.port}` : a.ip);
      }
    }
  }
  if (total === 0) return '<none>';
  return total > 3 ? `${out.join(',')} + ${total - 3} more...` : out.join(',');
}

function sliceEndpointsCell(s: EndpointSlice): string {
  const ips = s.endpoints.flatMap((e) => e.addresses);
  if (ips.length === 0) return '<unset>';
  return ips.length > 3 ? `${ips.slice(0, 3).join(',')} + ${ips.length - 3} more...` : ips.join(',');
}

function nodeRow(n: Node, now: number): unknown[] {
  const ready = n.status.conditions.find((c) => c.type === 'Ready');
  let status = ready?.status === 'True' ? 'Ready' : 'NotReady';
  if (n.spec.unschedulable) status += ',SchedulingDisabled';
  const roles = Object.keys(n.metadata.labels ?? {})
    .filter((k) => k.startsWith('node-role.kubernetes.io/'))
    .map((k) => k.slice('node-role.kubernetes.io/'.length))
    .sort();
  const addr = (t: string): string => n.status.addresses.find((a) => a.type === t)?.address ?? '<none>';
  const info = n.status.nodeInfo;
  return [
    n.metadata.name,
    status,
    roles.length ? roles.join(',') : '<none>',
    age(n, now),
    info['kubeletVersion'] ?? '',
    addr('InternalIP'),
    addr('ExternalIP'),
    info['osImage'] ?? '',
    info['kernelVersion'] ?? '',
    info['containerRuntimeVersion'] ?? '',
  ];
}

function workloadExtras(o: Deployment | ReplicaSet): unknown[] {
  const cs = o.spec.template.spec.containers;
  return [cs.map((c) => c.name).join(','), cs.map((c) => c.image).join(','), formatSelector(o.spec.selector.matchLabels)];
}

interface Printer {
  columns: Column[];
  row(o: KubeObject, now: number): unknown[];
}

const PRINTERS: Record<string, Printer> = {
  namespaces: {
    columns: [NAME, col('Status'), AGE],
    row: (o, now) => [o.metadata.name, (o['status'] as { phase?: string } | undefined)?.phase ?? '', age(o, now)],
  },
  nodes: {
    columns: [
      NAME,
      col('Status'),
      col('Roles'),
      AGE,
      col('Version'),
      col('Internal-IP', 'string', 1),
      col('External-IP', 'string', 1),
      col('OS-Image', 'string', 1),
      col('Kernel-Version', 'string', 1),
      col('Container-Runtime', 'string', 1),
    ],
    row: (o, now) => nodeRow(o as Node, now),
  },
  pods: {
    columns: [
      NAME,
      col('Ready'),
      col('Status'),
      col('Restarts', 'string'),
      AGE,
      col('IP', 'string', 1),
      col('Node', 'string', 1),
      col('Nominated Node', 'string', 1),
      col('Readiness Gates', 'string', 1),
    ],
    row: (o, now) => podRow(o as Pod, now),
  },
  services: {
    columns: [NAME, col('Type'), col('Cluster-IP'), col('External-IP'), col('Port(s)'), AGE, col('Selector', 'string', 1)],
    row: (o, now) => serviceRow(o as Service, now),
  },
  endpoints: { columns: [NAME, col('Endpoints'), AGE], row: (o, now) => [o.metadata.name, endpointsCell(o as Endpoints), age(o, now)] },
  'discovery.k8s.io/endpointslices': {
    columns: [NAME, col('AddressType'), col('Ports'), col('Endpoints'), AGE],
    row: (o, now) => {
      const s = o as EndpointSlice;
      const ports = s.ports.length ? s.ports.map((p) => String(p.port)).join(',') : '<unset>';
      return [s.metadata.name, s.addressType, ports, sliceEndpointsCell(s), age(s, now)];
    },
  },
  'apps/deployments': {
    columns: [
      NAME,
      col('Ready'),
      col('Up-to-date', 'integer'),
      col('Available', 'integer'),
      AGE,
      col('Containers', 'string', 1),
      col('Images', 'string', 1),
      col('Selector', 'string', 1),
    ],
    row: (o, now) => {
      const d = o as Deployment;
      const st = (d.status ?? {}) as Record<string, number | undefined>;
      return [
        d.metadata.name,
        `${st['readyReplicas'] ?? 0}/${d.spec.replicas ?? 1}`,
        st['updatedReplicas'] ?? 0,
        st['availableReplicas'] ?? 0,
        age(d, now),
        ...workloadExtras(d),
      ];
    },
  },
  'apps/replicasets': {
    columns: [
      NAME,
      col('Desired', 'integer'),
      col('Current', 'integer'),
      col('Ready', 'integer'),
      AGE,
      col('Containers', 'string', 1),
      col('Images', 'string', 1),
      col('Selector', 'string', 1),
    ],
    row: (o, now) => {
      const r = o as ReplicaSet;
      const st = (r.status ?? {}) as Record<string, number | undefined>;
      return [r.metadata.name, r.spec.replicas ?? 1, st['replicas'] ?? 0, st['readyReplicas'] ?? 0, age(r, now), ...workloadExtras(r)];
    },
  },
};

function eventRow(o: KubeObject, now: number): unknown[] {
  const e = o as KubeObject & {
    involvedObject?: { kind?: string; name?: string; fieldPath?: string };
    reason?: string;
    message?: string;
    type?: string;
    count?: number;
    lastTimestamp?: string;
    firstTimestamp?: string;
    source?: { component?: string; host?: string };
  };
  const seen = (t: string | undefined): string => (t ? humanDuration(now - Date.parse(t)) : '<unknown>');
  const obj = `${(e.involvedObject?.kind ?? '').toLowerCase()}/${e.involvedObject?.name ?? ''}`;
  const source = [e.source?.component, e.source?.host].filter(Boolean).join(', ');
  return [
    seen(e.lastTimestamp),
    e.type ?? '',
    e.reason ?? '',
    obj,
    e.involvedObject?.fieldPath ?? '',
    source,
    e.message ?? '',
    seen(e.firstTimestamp),
    e.count ?? 1,
    e.metadata.name,
  ];
}

PRINTERS['events'] = {
  columns: [
    col('Last Seen'),
    col('Type'),
    col('Reason'),
    col('Object'),
    col('Subobject', 'string', 1),
    col('Source', 'string', 1),
    col('Message'),
    col('First Seen', 'string', 1),
    col('Count', 'integer', 1),
    col('Name', 'string', 1, 'name'),
  ],
  row: eventRow,
};

const DEFAULT_PRINTER: Printer = {
  columns: [NAME, { name: 'Created At', type: 'date', format: '', description: 'CreationTimestamp', priority: 0 }],
  row: (o) => [o.metadata.name, o.metadata.creationTimestamp ?? ''],
};

function rowObject(o: KubeObject, r: ResourceDef, include: IncludeObject): unknown {
  if (include === 'None') return undefined;
  if (include === 'Object') return { apiVersion: r.group ? `${r.group}/${r.version}` : r.version, kind: r.kind, ...o };
  return { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: o.metadata };
}

export function toTable(
  r: ResourceDef,
  key: string,
  objects: readonly KubeObject[],
  opts: {
    apiVersion: string;
    resourceVersion?: string;
    continueToken?: string;
    remaining?: number;
    include: IncludeObject;
    noHeaders?: boolean;
    now: number;
  },
): Record<string, unknown> {
  const printer = PRINTERS[key] ?? DEFAULT_PRINTER;
  return {
    kind: 'Table',
    apiVersion: opts.apiVersion,
    metadata: {
      ...(opts.resourceVersion ? { resourceVersion: opts.resourceVersion } : {}),
      ...(opts.continueToken ? { continue: opts.continueToken } : {}),
      ...(opts.remaining ? { remainingItemCount: opts.remaining } : {}),
    },
    columnDefinitions: opts.noHeaders ? null : printer.columns,
    rows: objects.map((o) => {
      const obj = rowObject(o, r, opts.include);
      return { cells: printer.row(o, opts.now), ...(obj ? { object: obj } : {}) };
    }),
  };
}
