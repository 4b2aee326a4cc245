// Namespace `shop`: the web Deployment (with a headless and a LoadBalancer service beside its
// own), a two-port API, a TCP echo NodePort, a slow stream, a crash-looping app, a selector-less
// service with manual endpoints, a Pending pod, and the warning events those two would show.
import { R } from '../api-resources.ts';
import {
  DEMO_API,
  DEMO_ECHO,
  DEMO_HEADLESS,
  DEMO_NO_SELECTOR,
  DEMO_ORDERS,
  DEMO_PENDING_POD,
  DEMO_STOREFRONT,
  DEMO_TICKER,
  DEMO_WEB,
} from '../demo-names.ts';
import { recordEvent } from '../demo-events.ts';
import type { Pod } from '../../kube/kube-objects.ts';
import { addApp } from './app-builder.ts';
import { workerNames } from './node-builder.ts';
import { addService } from './service-builder.ts';
import { addPod, DAY, HOUR, type WorldContext } from './world-context.ts';

export function seedShop(w: WorldContext): void {
  const workers = workerNames();
  addApp(w, {
    namespace: 'shop',
    name: DEMO_WEB.name,
    rsHash: DEMO_WEB.podPrefix.slice(DEMO_WEB.name.length + 1, -1),
    replicas: DEMO_WEB.replicas,
    age: 2 * DAY,
    labels: { app: 'web', tier: 'frontend' },
    selector: { ...DEMO_WEB.selector },
    containers: [
      {
        name: 'web',
        image: 'ghcr.io/kubedesk/demo-web:1.4.2',
        ports: [{ name: DEMO_WEB.portName, containerPort: DEMO_WEB.containerPort, protocol: 'TCP' }],
      },
    ],
    backends: [{ containerPort: DEMO_WEB.containerPort, kind: 'web' }],
    nodes: workers,
    suffixes: ['x7k2p', 'q9m4z'],
  });
  addService(w, {
    namespace: 'shop',
    name: DEMO_WEB.service,
    age: 2 * DAY,
    labels: { app: 'web' },
    selector: { ...DEMO_WEB.selector },
    ports: [{ name: DEMO_WEB.portName, port: DEMO_WEB.servicePort, targetPort: DEMO_WEB.portName }],
  });
  addService(w, {
    namespace: DEMO_HEADLESS.namespace,
    name: DEMO_HEADLESS.service,
    age: 2 * DAY,
    labels: { app: 'web' },
    clusterIP: 'None',
    selector: { ...DEMO_WEB.selector },
    ports: [{ name: 'http', port: DEMO_WEB.servicePort, targetPort: DEMO_WEB.containerPort }],
  });
  addService(w, {
    namespace: 'shop',
    name: DEMO_STOREFRONT.service,
    age: 2 * DAY,
    labels: { app: 'web' },
    type: 'LoadBalancer',
    selector: { ...DEMO_WEB.selector },
    ports: [{ name: 'http', port: DEMO_STOREFRONT.servicePort, targetPort: DEMO_WEB.portName, nodePort: DEMO_STOREFRONT.nodePort }],
    ingressIP: DEMO_STOREFRONT.ingressIP,
  });
  addApp(w, {
    namespace: 'shop',
    name: DEMO_API.name,
    rsHash: DEMO_API.podPrefix.slice(DEMO_API.name.length + 1, -1),
    replicas: 1,
    age: 2 * DAY - HOUR,
    labels: { app: 'api', tier: 'backend' },
    selector: { ...DEMO_API.selector },
    containers: [
      {
        name: 'api',
        image: 'ghcr.io/kubedesk/demo-api:2.1.0',
        ports: [
          { name: 'http', containerPort: DEMO_API.ports.http.containerPort, protocol: 'TCP' },
          { name: 'metrics', containerPort: DEMO_API.ports.metrics.containerPort, protocol: 'TCP' },
        ],
      },
    ],
    backends: [
      { containerPort: DEMO_API.ports.http.containerPort, kind: 'api' },
      { containerPort: DEMO_API.ports.metrics.containerPort, kind: 'metrics' },
    ],
    nodes: [workers[1]!],
    suffixes: ['m3n8r'],
  });
  addService(w, {
    namespace: 'shop',
    name: DEMO_API.service,
    age: 2 * DAY - HOUR,
    labels: { app: 'api' },
    selector: { ...DEMO_API.selector },
    ports: [
      { name: 'http', port: DEMO_API.ports.http.port, targetPort: 'http' },
      { name: 'metrics', port: DEMO_API.ports.metrics.port, targetPort: 'metrics' },
    ],
  });
  addApp(w, {
    namespace: 'shop',
    name: DEMO_ECHO.name,
    rsHash: DEMO_ECHO.podPrefix.slice(DEMO_ECHO.name.length + 1, -1),
    replicas: 1,
    age: 30 * HOUR,
    labels: { app: 'echo' },
    selector: { ...DEMO_ECHO.selector },
    containers: [
      {
        name: 'echo',
        image: 'ghcr.io/kubedesk/tcp-echo:1.0.0',
        ports: [{ name: DEMO_ECHO.portName, containerPort: DEMO_ECHO.containerPort, protocol: 'TCP' }],
      },
    ],
    backends: [{ containerPort: DEMO_ECHO.containerPort, kind: 'echo' }],
    nodes: [workers[0]!],
    suffixes: ['h2k4n'],
  });
  addService(w, {
    namespace: 'shop',
    name: DEMO_ECHO.service,
    age: 30 * HOUR,
    labels: { app: 'echo' },
    type: 'NodePort',
    selector: { ...DEMO_ECHO.selector },
    ports: [{ name: DEMO_ECHO.portName, port: DEMO_ECHO.servicePort, targetPort: DEMO_ECHO.portName, nodePort: DEMO_ECHO.nodePort }],
  });
  addApp(w, {
    namespace: 'shop',
    name: DEMO_TICKER.name,
    rsHash: DEMO_TICKER.podPrefix.slice(DEMO_TICKER.name.length + 1, -1),
    replicas: 1,
    age: 20 * HOUR,
    labels: { app: 'ticker' },
    selector: { ...DEMO_TICKER.selector },
    containers: [
      {
        name: 'ticker',
        image: 'ghcr.io/kubedesk/ticker:0.3.1',
        ports: [{ name: DEMO_TICKER.portName, containerPort: DEMO_TICKER.containerPort, protocol: 'TCP' }],
      },
    ],
    backends: [{ containerPort: DEMO_TICKER.containerPort, kind: 'ticker' }],
    nodes: [workers[1]!],
    suffixes: ['c5j9t'],
  });
  addService(w, {
    namespace: 'shop',
    name: DEMO_TICKER.service,
    age: 20 * HOUR,
    labels: { app: 'ticker' },
    selector: { ...DEMO_TICKER.selector },
    ports: [{ name: 'http', port: 80, targetPort: 'http' }],
  });
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
