// Server-side printing of workloads, as kube-apiserver's printers fill the Table
// (pkg/printers/internalversion/printers.go: printPod, printDeployment, printReplicaSet):
// pods READY/STATUS/RESTARTS, deployments READY/UP-TO-DATE/AVAILABLE, replica sets
// DESIRED/CURRENT/READY, with CONTAINERS/IMAGES/SELECTOR under -o wide.
import { age, humanDuration } from './human-duration.ts';
import type { Deployment, Pod, ReplicaSet } from '../kube/kube-objects.ts';
import { formatSelector } from '../kube/label-selector.ts';
import { AGE, NAME, col, type Column, type Printer } from './table-printer.ts';

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

/** The -o wide columns deployments and replica sets share, and their cells. */
const WIDE_WORKLOAD_COLUMNS: Column[] = [col('Containers', 'string', 1), col('Images', 'string', 1), col('Selector', 'string', 1)];

function workloadExtras(o: Deployment | ReplicaSet): unknown[] {
  const cs = o.spec.template.spec.containers;
  return [cs.map((c) => c.name).join(','), cs.map((c) => c.image).join(','), formatSelector(o.spec.selector.matchLabels)];
}

export const WORKLOAD_PRINTERS: Record<string, Printer> = {
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
  'apps/deployments': {
    columns: [NAME, col('Ready'), col('Up-to-date', 'integer'), col('Available', 'integer'), AGE, ...WIDE_WORKLOAD_COLUMNS],
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
    columns: [NAME, col('Desired', 'integer'), col('Current', 'integer'), col('Ready', 'integer'), AGE, ...WIDE_WORKLOAD_COLUMNS],
    row: (o, now) => {
      const r = o as ReplicaSet;
      const st = (r.status ?? {}) as Record<string, number | undefined>;
      return [r.metadata.name, r.spec.replicas ?? 1, st['replicas'] ?? 0, st['readyReplicas'] ?? 0, age(r, now), ...workloadExtras(r)];
    },
  },
};
