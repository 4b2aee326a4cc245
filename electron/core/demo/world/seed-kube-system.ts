// Namespace `kube-system`: kube-proxy on every node, the control-plane static pods, CoreDNS
// behind `kube-dns`, and the dashboard and Grafana as cluster services.
import { DEMO_APISERVER_PORT, DEMO_DASHBOARD, DEMO_GRAFANA, DEMO_KUBE_DNS, DEMO_NODES, DEMO_SERVER_VERSION } from '../demo-names.ts';
import { R } from '../api-resources.ts';
import { randomSuffix } from '../pod-factory.ts';
import { addApp } from './app-builder.ts';
import { controlPlaneNames, workerNames } from './node-builder.ts';
import { addService } from './service-builder.ts';
import { addPod, CLUSTER_AGE, DAY, type WorldContext } from './world-context.ts';

export function seedKubeSystem(w: WorldContext): void {
  const controlPlanes = controlPlaneNames();
  const workers = workerNames();
  for (const n of DEMO_NODES) {
    addPod(
      w,
      w.factory.makePod({
        namespace: 'kube-system',
        name: `kube-proxy-${randomSuffix()}`,
        generateName: 'kube-proxy-',
        labels: { 'controller-revision-hash': '7d9b8f6c4d', 'k8s-app': 'kube-proxy', 'pod-template-generation': '1' },
        containers: [{ name: 'kube-proxy', image: `registry.k8s.io/kube-proxy:${DEMO_SERVER_VERSION.gitVersion}` }],
        nodeName: n.name,
        hostNetwork: true,
        state: 'running',
        createdAt: w.ago(CLUSTER_AGE - 120_000),
        owner: { apiVersion: 'apps/v1', kind: 'DaemonSet', name: 'kube-proxy', uid: '5b0c7c43-1d4c-4a55-9c38-0d6d8e7c4a11' },
        priorityClassName: 'system-node-critical',
      }),
    );
  }
  for (const node of controlPlanes) {
    for (const [component, image, port] of [
      ['etcd', 'registry.k8s.io/etcd:3.5.16-0', undefined],
      ['kube-apiserver', `registry.k8s.io/kube-apiserver:${DEMO_SERVER_VERSION.gitVersion}`, DEMO_APISERVER_PORT],
      ['kube-controller-manager', `registry.k8s.io/kube-controller-manager:${DEMO_SERVER_VERSION.gitVersion}`, undefined],
      ['kube-scheduler', `registry.k8s.io/kube-scheduler:${DEMO_SERVER_VERSION.gitVersion}`, undefined],
    ] as const) {
      addPod(
        w,
        w.factory.makePod({
          namespace: 'kube-system',
          name: `${component}-${node}`,
          labels: { component, tier: 'control-plane' },
          annotations: { 'kubernetes.io/config.source': 'file' },
          containers: [{ name: component, image, ...(port ? { ports: [{ name: 'https', containerPort: port, protocol: 'TCP' }] } : {}) }],
          nodeName: node,
          hostNetwork: true,
          state: 'running',
          createdAt: w.ago(CLUSTER_AGE - 30_000),
          owner: { apiVersion: 'v1', kind: 'Node', name: node, uid: w.store.get(R.nodes, undefined, node)!.metadata.uid! },
          priorityClassName: 'system-node-critical',
        }),
      );
    }
  }
  addApp(w, {
    namespace: 'kube-system',
    name: 'coredns',
    rsHash: '7c65d6cfc9',
    replicas: 2,
    age: CLUSTER_AGE - 60_000,
    labels: { 'k8s-app': 'kube-dns' },
    selector: { 'k8s-app': 'kube-dns' },
    containers: [
      {
        name: 'coredns',
        image: 'registry.k8s.io/coredns/coredns:v1.11.3',
        args: ['-conf', '/etc/coredns/Corefile'],
        ports: [
          { name: 'dns', containerPort: 53, protocol: 'UDP' },
          { name: 'dns-tcp', containerPort: 53, protocol: 'TCP' },
          { name: 'metrics', containerPort: DEMO_KUBE_DNS.metricsPort, protocol: 'TCP' },
        ],
      },
    ],
    backends: [{ containerPort: DEMO_KUBE_DNS.metricsPort, kind: 'metrics' }],
    nodes: controlPlanes,
    suffixes: ['8r4xw', 'tq7zm'],
  });
  addService(w, {
    namespace: 'kube-system',
    name: DEMO_KUBE_DNS.service,
    age: CLUSTER_AGE - 60_000,
    clusterIP: DEMO_KUBE_DNS.clusterIP,
    labels: { 'k8s-app': 'kube-dns', 'kubernetes.io/cluster-service': 'true', 'kubernetes.io/name': DEMO_KUBE_DNS.displayName },
    selector: { 'k8s-app': 'kube-dns' },
    ports: [
      { name: 'dns', port: 53, protocol: 'UDP', targetPort: 53 },
      { name: 'dns-tcp', port: 53, protocol: 'TCP', targetPort: 53 },
      { name: 'metrics', port: DEMO_KUBE_DNS.metricsPort, protocol: 'TCP', targetPort: DEMO_KUBE_DNS.metricsPort },
    ],
  });
  addApp(w, {
    namespace: 'kube-system',
    name: 'kubernetes-dashboard',
    rsHash: '695b96c756',
    replicas: 1,
    age: 10 * DAY,
    labels: { 'k8s-app': 'kubernetes-dashboard' },
    selector: { 'k8s-app': 'kubernetes-dashboard' },
    containers: [
      {
        name: 'kubernetes-dashboard',
        image: 'kubernetesui/dashboard:v2.7.0',
        args: ['--auto-generate-certificates'],
        ports: [{ containerPort: DEMO_DASHBOARD.containerPort, protocol: 'TCP' }],
      },
    ],
    backends: [{ containerPort: DEMO_DASHBOARD.containerPort, kind: 'dashboard' }],
    nodes: [workers[0]!],
    suffixes: ['wz5bn'],
  });
  addService(w, {
    namespace: 'kube-system',
    name: DEMO_DASHBOARD.service,
    age: 10 * DAY,
    labels: { 'k8s-app': 'kubernetes-dashboard', 'kubernetes.io/cluster-service': 'true' },
    selector: { 'k8s-app': 'kubernetes-dashboard' },
    ports: [{ port: DEMO_DASHBOARD.servicePort, targetPort: DEMO_DASHBOARD.containerPort }],
  });
  addApp(w, {
    namespace: 'kube-system',
    name: 'monitoring-grafana',
    rsHash: '5c9f8b7d64',
    replicas: 1,
    age: 10 * DAY,
    labels: { 'k8s-app': 'grafana', task: 'monitoring' },
    selector: { 'k8s-app': 'grafana' },
    containers: [
      { name: 'grafana', image: 'grafana/grafana:10.4.2', ports: [{ containerPort: DEMO_GRAFANA.containerPort, protocol: 'TCP' }] },
    ],
    backends: [{ containerPort: DEMO_GRAFANA.containerPort, kind: 'grafana' }],
    nodes: [workers[1]!],
    suffixes: ['k6v2d'],
  });
  addService(w, {
    namespace: 'kube-system',
    name: DEMO_GRAFANA.service,
    age: 10 * DAY,
    labels: { 'kubernetes.io/cluster-service': 'true', 'kubernetes.io/name': 'monitoring-grafana', task: 'monitoring' },
    selector: { 'k8s-app': 'grafana' },
    ports: [{ port: DEMO_GRAFANA.servicePort, targetPort: DEMO_GRAFANA.containerPort }],
  });
}
