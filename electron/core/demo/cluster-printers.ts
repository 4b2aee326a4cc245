// Server-side printing of cluster-level objects, as kube-apiserver's printers fill the Table
// (pkg/printers/internalversion/printers.go: printNamespace, printNode, printEvent): node
// STATUS/ROLES/VERSION with addresses and node info under -o wide, and events' LAST SEEN/TYPE/
// REASON/OBJECT/MESSAGE.
import { age, timestampSince } from './human-duration.ts';
import type { KubeObject, Node } from '../kube/kube-objects.ts';
import { AGE, NAME, col, type Printer } from './table-printer.ts';

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
  const obj = `${(e.involvedObject?.kind ?? '').toLowerCase()}/${e.involvedObject?.name ?? ''}`;
  const source = [e.source?.component, e.source?.host].filter(Boolean).join(', ');
  return [
    timestampSince(e.lastTimestamp, now),
    e.type ?? '',
    e.reason ?? '',
    obj,
    e.involvedObject?.fieldPath ?? '',
    source,
    e.message ?? '',
    timestampSince(e.firstTimestamp, now),
    e.count ?? 1,
    e.metadata.name,
  ];
}

export const CLUSTER_PRINTERS: Record<string, Printer> = {
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
  events: {
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
  },
};
