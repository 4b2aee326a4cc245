// Namespace `default`: the `kubernetes` service, without a selector, whose endpoints name both
// apiservers (as on a cluster with two control-plane nodes).
import { R } from '../api-resources.ts';
import { DEMO_APISERVER_ADDRESSES, DEMO_APISERVER_PORT } from '../demo-names.ts';
import { addService } from './service-builder.ts';
import { CLUSTER_AGE, type WorldContext } from './world-context.ts';

export function seedDefault(w: WorldContext): void {
  addService(w, {
    namespace: 'default',
    name: 'kubernetes',
    age: CLUSTER_AGE,
    clusterIP: '10.96.0.1',
    labels: { component: 'apiserver', provider: 'kubernetes' },
    ports: [{ name: 'https', port: 443, targetPort: DEMO_APISERVER_PORT }],
  });
  w.store.create(
    R.endpoints,
    {
      apiVersion: 'v1',
      kind: 'Endpoints',
      metadata: {
        name: 'kubernetes',
        namespace: 'default',
        creationTimestamp: w.ts(CLUSTER_AGE),
        labels: { 'endpointslice.kubernetes.io/skip-mirror': 'true' },
      },
      subsets: [
        {
          addresses: DEMO_APISERVER_ADDRESSES.map((ip) => ({ ip })),
          ports: [{ name: 'https', port: DEMO_APISERVER_PORT, protocol: 'TCP' }],
        },
      ],
    },
    w.quiet,
  );
  w.store.create(
    R.endpointslices,
    {
      apiVersion: 'discovery.k8s.io/v1',
      kind: 'EndpointSlice',
      metadata: {
        name: 'kubernetes',
        namespace: 'default',
        creationTimestamp: w.ts(CLUSTER_AGE),
        labels: { 'kubernetes.io/service-name': 'kubernetes' },
      },
      addressType: 'IPv4',
      endpoints: DEMO_APISERVER_ADDRESSES.map((ip) => ({
        addresses: [ip],
        conditions: { ready: true, serving: true, terminating: false },
      })),
      ports: [{ name: 'https', port: DEMO_APISERVER_PORT, protocol: 'TCP' }],
    },
    w.quiet,
  );
}
