// Namespace `bulk`, only with `services: N`: N services over two web pods, for lists that page.
import { R } from '../api-resources.ts';
import { DEMO_BULK_NAMESPACE, bulkServiceName } from '../demo-names.ts';
import type { KubeObject } from '../../kube/kube-objects.ts';
import { addApp } from './app-builder.ts';
import { workerNames } from './node-builder.ts';
import { HOUR, type WorldContext } from './world-context.ts';

export function seedBulk(w: WorldContext): void {
  if (w.services === 0) return;
  const workers = workerNames();
  addApp(w, {
    namespace: DEMO_BULK_NAMESPACE,
    name: 'bulk',
    rsHash: '59d7c6b8f4',
    replicas: 2,
    age: HOUR,
    labels: { app: 'bulk' },
    selector: { app: 'bulk' },
    containers: [
      { name: 'web', image: 'ghcr.io/kubedesk/demo-web:1.4.2', ports: [{ name: 'http', containerPort: 8080, protocol: 'TCP' }] },
    ],
    backends: [{ containerPort: 8080, kind: 'web' }],
    nodes: workers,
    suffixes: ['b4kx2', 'b9tz7'],
  });
  const created = w.ts(HOUR);
  for (let i = 1; i <= w.services; i++) {
    const ip = w.clusterIps.allocate();
    const s: KubeObject = {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: {
        name: bulkServiceName(i),
        namespace: DEMO_BULK_NAMESPACE,
        creationTimestamp: created,
        labels: { app: 'bulk', shard: String(i % 16) },
      },
      spec: {
        clusterIP: ip,
        clusterIPs: [ip],
        ports: [{ name: 'http', protocol: 'TCP', port: 80, targetPort: 'http' }],
        selector: { app: 'bulk' },
        type: 'ClusterIP',
        sessionAffinity: 'None',
        ipFamilies: ['IPv4'],
        ipFamilyPolicy: 'SingleStack',
        internalTrafficPolicy: 'Cluster',
      },
      status: { loadBalancer: {} },
    };
    w.store.create(R.services, s, w.quiet);
  }
}
