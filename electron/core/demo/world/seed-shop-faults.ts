// What is broken in namespace `shop`: a crash-looping app, a selector-less service with manual
// endpoints, a Pending pod, and the warning events those two would show.
import { R } from '../api-resources.ts';
import { DEMO_NO_SELECTOR, DEMO_ORDERS, DEMO_PENDING_POD } from '../demo-names.ts';
import { recordEvent } from '../demo-events.ts';
import type { Pod } from '../../kube/kube-objects.ts';
import { addApp } from './app-builder.ts';
import { addService } from './service-builder.ts';
import { addPod, DAY, HOUR, type WorldContext } from './world-context.ts';

/** `workers`: the worker nodes' names (node-builder.ts workerNames). */
export function seedShopFaults(w: WorldContext, workers: readonly string[]): void {
  addApp(w, {
    namespace: 'shop',
    name: DEMO_ORDERS.name,
    rsHash: DEMO_ORDERS.podPrefix.slice(DEMO_ORDERS.name.length + 1, -1),
    replicas: 1,
    age: 5 * HOUR,
    labels: { app: 'orders' },
    selector: { app: 'orders' },
    containers: [
      { name: 'orders', image: 'ghcr.io/kubedesk/orders:0.9.0-rc1', ports: [{ name: 'http', containerPort: 8080, protocol: 'TCP' }] },
    ],
    backends: [],
    nodes: [workers[0]!],
    suffixes: ['p8w2s'],
    state: 'crashloop',
  });
  addService(w, {
    namespace: 'shop',
    name: DEMO_ORDERS.service,
    age: 5 * HOUR,
    labels: { app: 'orders' },
    selector: { app: 'orders' },
    ports: [{ name: 'http', port: DEMO_ORDERS.servicePort, targetPort: 'http' }],
  });
  addService(w, {
    namespace: 'shop',
    name: DEMO_NO_SELECTOR.service,
    age: 2 * DAY,
    ports: [{ name: 'postgres', port: DEMO_NO_SELECTOR.port, targetPort: DEMO_NO_SELECTOR.port }],
  });
  w.store.create(
    R.endpoints,
    {
      apiVersion: 'v1',
      kind: 'Endpoints',
      metadata: { name: DEMO_NO_SELECTOR.service, namespace: 'shop', creationTimestamp: w.ts(2 * DAY) },
      subsets: [
        { addresses: [{ ip: DEMO_NO_SELECTOR.address }], ports: [{ name: 'postgres', port: DEMO_NO_SELECTOR.port, protocol: 'TCP' }] },
      ],
    },
    w.quiet,
  );
  addPod(
    w,
    w.factory.makePod({
      namespace: DEMO_PENDING_POD.namespace,
      name: DEMO_PENDING_POD.name,
      labels: { app: 'report' },
      containers: [{ name: 'report', image: 'ghcr.io/kubedesk/report:1.2.0', resources: { requests: { memory: '64Gi', cpu: '500m' } } }],
      state: 'pending',
      createdAt: w.ago(45 * 60_000),
      unschedulableMessage:
        '0/4 nodes are available: 2 Insufficient memory, 2 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }. preemption: 0/4 nodes are available: 2 No preemption victims found for incoming pod, 2 Preemption is not helpful for scheduling.',
    }),
  );

  // The warnings a real cluster would be showing right now.
  const pending = w.store.get(R.pods, DEMO_PENDING_POD.namespace, DEMO_PENDING_POD.name)!;
  recordEvent(
    w.store,
    {
      involved: pending,
      kind: 'Pod',
      type: 'Warning',
      reason: 'FailedScheduling',
      message: ((pending as Pod).status.conditions?.[0]?.message ?? '').toString(),
      component: 'default-scheduler',
      count: 9,
      first: w.ago(45 * 60_000),
      last: w.ago(4 * 60_000),
    },
    w.quiet,
  );
  for (const p of w.store.list(R.pods, 'shop') as Pod[]) {
    if (!p.metadata.name.startsWith(DEMO_ORDERS.podPrefix)) continue;
    recordEvent(
      w.store,
      {
        involved: p,
        kind: 'Pod',
        type: 'Warning',
        reason: 'BackOff',
        message: `Back-off restarting failed container orders in pod ${p.metadata.name}_shop(${p.metadata.uid})`,
        component: 'kubelet',
        host: p.spec.nodeName!,
        fieldPath: 'spec.containers{orders}',
        count: 1312,
        first: w.ago(5 * HOUR - 60_000),
        last: w.ago(20_000),
      },
      w.quiet,
    );
  }
}
