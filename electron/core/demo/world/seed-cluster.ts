// The cluster-scoped objects: the namespaces (with `bulk` only when it has services) and the
// nodes, with InternalIP/ExternalIP addresses.
import { R } from '../api-resources.ts';
import { DEMO_BULK_NAMESPACE, DEMO_NODES } from '../demo-names.ts';
import { buildNode } from './node-builder.ts';
import { CLUSTER_AGE, DAY, HOUR, type WorldContext } from './world-context.ts';

export function seedCluster(w: WorldContext): void {
  const namespaces: Array<[string, number]> = [
    ['default', CLUSTER_AGE],
    ['kube-system', CLUSTER_AGE],
    ['kube-public', CLUSTER_AGE],
    ['kube-node-lease', CLUSTER_AGE],
    ['shop', 2 * DAY],
  ];
  if (w.services > 0) namespaces.push([DEMO_BULK_NAMESPACE, HOUR]);
  for (const [name, age] of namespaces) {
    w.store.create(
      R.namespaces,
      {
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: { name, creationTimestamp: w.ts(age), labels: { 'kubernetes.io/metadata.name': name } },
        spec: { finalizers: ['kubernetes'] },
        status: { phase: 'Active' },
      },
      w.quiet,
    );
  }
  for (const n of DEMO_NODES) w.store.create(R.nodes, buildNode(w, n), w.quiet);
}
