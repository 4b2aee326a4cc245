// Server-side printing (`Accept: application/json;as=Table;v=v1;g=meta.k8s.io`), as
// kube-apiserver's printers (pkg/printers/internalversion/printers.go) fill it, so `kubectl get`
// shows the familiar columns: pods READY/STATUS/RESTARTS, services TYPE/CLUSTER-IP/EXTERNAL-IP/
// PORT(S), and so on. Other resources get the default NAME + CREATED AT table.
import type { ResourceDef } from './api-resource-table.ts';
import { CLUSTER_PRINTERS } from './cluster-printers.ts';
import type { KubeObject } from '../kube/kube-objects.ts';
import { NETWORK_PRINTERS } from './network-printers.ts';
import { NAME, type Printer } from './table-printer.ts';
import { WORKLOAD_PRINTERS } from './workload-printers.ts';

export type IncludeObject = 'None' | 'Metadata' | 'Object';

const PRINTERS: Record<string, Printer> = { ...CLUSTER_PRINTERS, ...WORKLOAD_PRINTERS, ...NETWORK_PRINTERS };

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
