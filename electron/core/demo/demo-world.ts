// The demo cluster's contents (the seeds' examples): kube-system with CoreDNS behind
// `kube-dns`, the dashboard and Grafana as cluster services, kube-proxy on every node and the
// control-plane static pods; namespace `shop` with the web Deployment, a two-port API, a TCP
// echo NodePort, a slow stream, a LoadBalancer with a cloud IP, a crash-looping app, a headless
// and a selector-less service and a Pending pod; `default/kubernetes` whose endpoints name two
// apiservers; nodes with InternalIP/ExternalIP; and, with `services: N`, namespace `bulk`.
import { randomUUID } from 'node:crypto';
import { R } from './api-resources.ts';
import type { PodBackendSpec } from './backends.ts';
import {
  DEMO_API,
  DEMO_APISERVER_ADDRESSES,
  DEMO_APISERVER_PORT,
  DEMO_BULK_NAMESPACE,
  DEMO_DASHBOARD,
  DEMO_ECHO,
  DEMO_GRAFANA,
  DEMO_KUBE_DNS,
  DEMO_NO_SELECTOR,
  DEMO_NODES,
  DEMO_ORDERS,
  DEMO_PENDING_POD,
  DEMO_SERVER_VERSION,
  DEMO_STOREFRONT,
  DEMO_TICKER,
  DEMO_WEB,
  bulkServiceName,
} from './demo-names.ts';
import type { Container, Deployment, KubeObject, Node, Pod, ReplicaSet, Service, ServicePort } from './kube-objects.ts';
import { recordEvent } from './demo-events.ts';
import type { ClusterIpAllocator, NodePortAllocator } from './ip-allocator.ts';
import type { ObjectStore } from './object-store.ts';
import { isoSeconds, randomSuffix, type AppSpec, type PodFactory } from './pod-factory.ts';

export interface PodBackends {
  namespace: string;
  pod: string;
  ip: string;
  specs: PodBackendSpec[];
}

export interface DemoWorld {
  /** Deployment-managed apps by `namespace/name`, to create replacement pods. */
  apps: Map<string, AppSpec>;
  /** Which servers each initial pod needs. */
  podBackends: PodBackends[];
}

const HOUR = 3600_000;
const DAY = 24 * HOUR;

interface BuildOptions {
  store: ObjectStore;
  factory: PodFactory;
  now: Date;
  services: number;
  clusterIps: ClusterIpAllocator;
  nodePorts: NodePortAllocator;
}

export function buildDemoWorld(opts: BuildOptions): DemoWorld {
  const { store, factory, now } = opts;
  const ago = (ms: number): Date => new Date(now.getTime() - ms);
  const ts = (ms: number): string => isoSeconds(ago(ms));
  const clusterBorn = 14 * DAY;
  const q = { quiet: true };
  const ips = opts.clusterIps;
  ips.reserve('10.96.0.1');
  ips.reserve(DEMO_KUBE_DNS.clusterIP);
  const apps = new Map<string, AppSpec>();
  const podBackends: PodBackends[] = [];

  // Namespaces
  const namespaces: Array<[string, number]> = [
    ['default', clusterBorn],
    ['kube-system', clusterBorn],
    ['kube-public', clusterBorn],
    ['kube-node-lease', clusterBorn],
    ['shop', 2 * DAY],
  ];
  if (opts.services > 0) namespaces.push([DEMO_BULK_NAMESPACE, HOUR]);
  for (const [name, age] of namespaces) {
    store.create(
      R.namespaces,
      {
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: { name, creationTimestamp: ts(age), labels: { 'kubernetes.io/metadata.name': name } },
        spec: { finalizers: ['kubernetes'] },
        status: { phase: 'Active' },
      },
      q,
    );
  }

  // Nodes
  for (const n of DEMO_NODES) {
    const node: Node = {
      apiVersion: 'v1',
      kind: 'Node',
      metadata: {
        name: n.name,
        creationTimestamp: ts(clusterBorn),
        labels: {
          'beta.kubernetes.io/arch': 'amd64',
          'beta.kubernetes.io/os': 'linux',
          'kubernetes.io/arch': 'amd64',
          'kubernetes.io/hostname': n.name,
          'kubernetes.io/os': 'linux',
          'topology.kubernetes.io/zone': n.zone,
          'topology.kubernetes.io/region': 'demo',
          'node.kubernetes.io/instance-type': n.controlPlane ? 'demo.medium' : 'demo.large',
          ...(n.controlPlane ? { 'node-role.kubernetes.io/control-plane': '' } : {}),
        },
        annotations: { 'node.alpha.kubernetes.io/ttl': '0', 'volumes.kubernetes.io/controller-managed-attach-detach': 'true' },
      },
      spec: {
        podCIDR: `10.244.${n.podNet}.0/24`,
        podCIDRs: [`10.244.${n.podNet}.0/24`],
        providerID: `demo://${n.zone}/${n.name}`,
        ...(n.controlPlane ? { taints: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }] } : {}),
      },
      status: {
        addresses: [
          { type: 'InternalIP', address: n.internalIP },
          { type: 'ExternalIP', address: n.externalIP },
          { type: 'Hostname', address: n.name },
        ],
        conditions: [
          {
            type: 'MemoryPressure',
            status: 'False',
            lastTransitionTime: ts(clusterBorn),
            reason: 'KubeletHasSufficientMemory',
            message: 'kubelet has sufficient memory available',
          },
          {
            type: 'DiskPressure',
            status: 'False',
            lastTransitionTime: ts(clusterBorn),
            reason: 'KubeletHasNoDiskPressure',
            message: 'kubelet has no disk pressure',
          },
          {
            type: 'PIDPressure',
            status: 'False',
            lastTransitionTime: ts(clusterBorn),
            reason: 'KubeletHasSufficientPID',
            message: 'kubelet has sufficient PID available',
          },
          {
            type: 'Ready',
            status: 'True',
            lastTransitionTime: ts(clusterBorn - 60_000),
            reason: 'KubeletReady',
            message: 'kubelet is posting ready status',
          },
        ],
        nodeInfo: {
          architecture: 'amd64',
          bootID: randomUUID(),
          containerRuntimeVersion: 'containerd://1.7.24',
          kernelVersion: '6.8.0-51-generic',
          kubeProxyVersion: DEMO_SERVER_VERSION.gitVersion,
          kubeletVersion: DEMO_SERVER_VERSION.gitVersion,
          machineID: randomUUID().replace(/-/g, ''),
          operatingSystem: 'linux',
          osImage: 'Ubuntu 24.04.1 LTS',
          systemUUID: randomUUID(),
        },
        capacity: {
          cpu: n.controlPlane ? '2' : '4',
          memory: n.controlPlane ? '4015868Ki' : '16373324Ki',
          pods: '110',
          'ephemeral-storage': '61202244Ki',
        },
        allocatable: {
          cpu: n.controlPlane ? '2' : '4',
          memory: n.controlPlane ? '3913468Ki' : '16270924Ki',
          pods: '110',
          'ephemeral-storage': '56403987978',
        },
        daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
      },
    };
    store.create(R.nodes, node, q);
  }

  const svc = (o: {
    namespace: string;
    name: string;
    age: number;
    ports: ServicePort[];
    selector?: Record<string, string>;
    labels?: Record<string, string>;
    type?: string;
    clusterIP?: string;
    ingressIP?: string;
  }): void => {
    const clusterIP = o.clusterIP ?? (o.type === 'ExternalName' ? undefined : ips.allocate());
    for (const p of o.ports) if (p.nodePort) opts.nodePorts.reserve(p.nodePort);
    const s: Service = {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: o.name, namespace: o.namespace, creationTimestamp: ts(o.age), ...(o.labels ? { labels: o.labels } : {}) },
      spec: {
        ...(clusterIP ? { clusterIP, clusterIPs: [clusterIP] } : {}),
        ports: o.ports.map((p) => ({ protocol: 'TCP', ...p })),
        ...(o.selector ? { selector: o.selector } : {}),
        type: o.type ?? 'ClusterIP',
        sessionAffinity: 'None',
        ipFamilies: ['IPv4'],
        ipFamilyPolicy: 'SingleStack',
        internalTrafficPolicy: 'Cluster',
        ...(o.type === 'NodePort' || o.type === 'LoadBalancer' ? { externalTrafficPolicy: 'Cluster' } : {}),
        ...(o.type === 'LoadBalancer' ? { allocateLoadBalancerNodePorts: true } : {}),
      },
      status: { loadBalancer: o.ingressIP ? { ingress: [{ ip: o.ingressIP, ipMode: 'VIP' }] } : {} },
    };
    store.create(R.services, s, q);
  };

  /** A Deployment + its ReplicaSet + pods, with backends per container port. */
  const app = (o: {
    namespace: string;
    name: string;
    rsHash: string;
    replicas: number;
    age: number;
    labels: Record<string, string>;
    selector: Record<string, string>;
    containers: Container[];
    backends: PodBackendSpec[];
    nodes: string[];
    suffixes: string[];
    state?: AppSpec['state'];
    deploymentLabels?: Record<string, string>;
  }): void => {
    const rsName = `${o.name}-${o.rsHash}`;
    const deployUid = randomUUID();
    const rsUid = randomUUID();
    const template = {
      metadata: { labels: o.labels },
      spec: { containers: o.containers, restartPolicy: 'Always', dnsPolicy: 'ClusterFirst', schedulerName: 'default-scheduler' },
    };
    const ready = o.state === 'crashloop' ? 0 : o.replicas;
    const created = ts(o.age);
    const deploy: Deployment = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: {
        name: o.name,
        namespace: o.namespace,
        uid: deployUid,
        generation: 1,
        creationTimestamp: created,
        labels: o.deploymentLabels ?? o.selector,
        annotations: { 'deployment.kubernetes.io/revision': '1' },
      },
      spec: {
        replicas: o.replicas,
        selector: { matchLabels: o.selector },
        template,
        strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' } },
        revisionHistoryLimit: 10,
        progressDeadlineSeconds: 600,
      },
      status: {
        observedGeneration: 1,
        replicas: o.replicas,
        updatedReplicas: o.replicas,
        readyReplicas: ready,
        availableReplicas: ready,
        ...(ready < o.replicas ? { unavailableReplicas: o.replicas - ready } : {}),
        conditions: [
          ready === o.replicas
            ? {
                type: 'Available',
                status: 'True',
                reason: 'MinimumReplicasAvailable',
                message: 'Deployment has minimum availability.',
                lastUpdateTime: created,
                lastTransitionTime: created,
              }
            : {
                type: 'Available',
                status: 'False',
                reason: 'MinimumReplicasUnavailable',
                message: 'Deployment does not have minimum availability.',
                lastUpdateTime: created,
                lastTransitionTime: created,
              },
          {
            type: 'Progressing',
            status: 'True',
            reason: 'NewReplicaSetAvailable',
            message: `ReplicaSet "${rsName}" has successfully progressed.`,
            lastUpdateTime: created,
            lastTransitionTime: created,
          },
        ],
      },
    };
    store.create(R.deployments, deploy, q);
    const rs: ReplicaSet = {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: {
        name: rsName,
        namespace: o.namespace,
        uid: rsUid,
        generation: 1,
        creationTimestamp: created,
        labels: { ...o.labels, 'pod-template-hash': o.rsHash },
        annotations: {
          'deployment.kubernetes.io/desired-replicas': String(o.replicas),
          'deployment.kubernetes.io/max-replicas': String(o.replicas + 1),
          'deployment.kubernetes.io/revision': '1',
        },
        ownerReferences: [
          { apiVersion: 'apps/v1', kind: 'Deployment', name: o.name, uid: deployUid, controller: true, blockOwnerDeletion: true },
        ],
      },
      spec: {
        replicas: o.replicas,
        selector: { matchLabels: { ...o.selector, 'pod-template-hash': o.rsHash } },
        template: { ...template, metadata: { labels: { ...o.labels, 'pod-template-hash': o.rsHash } } },
      },
      status: {
        replicas: o.replicas,
        fullyLabeledReplicas: o.replicas,
        readyReplicas: ready,
        availableReplicas: ready,
        observedGeneration: 1,
      },
    };
    store.create(R.replicasets, rs, q);
    const spec: AppSpec = {
      namespace: o.namespace,
      name: o.name,
      replicas: o.replicas,
      labels: o.labels,
      selector: o.selector,
      rsHash: o.rsHash,
      rsUid,
      containers: o.containers,
      backends: o.backends,
      nodes: o.nodes,
      ...(o.state ? { state: o.state } : {}),
    };
    apps.set(`${o.namespace}/${o.name}`, spec);
    for (let i = 0; i < o.replicas; i++) {
      const node = o.nodes[i % o.nodes.length]!;
      const pod = factory.makeAppPod(spec, { suffix: o.suffixes[i], node, createdAt: ago(o.age - 5_000 - i * 1_000) });
      store.create(R.pods, pod, q);
      if (o.backends.length && pod.status.podIP && o.state !== 'crashloop') {
        podBackends.push({ namespace: o.namespace, pod: pod.metadata.name, ip: pod.status.podIP, specs: o.backends });
      }
    }
  };

  const bare = (pod: Pod): void => {
    store.create(R.pods, pod, q);
  };

  // default/kubernetes: no selector, endpoints name both apiservers.
  svc({
    namespace: 'default',
    name: 'kubernetes',
    age: clusterBorn,
    clusterIP: '10.96.0.1',
    labels: { component: 'apiserver', provider: 'kubernetes' },
    ports: [{ name: 'https', port: 443, targetPort: DEMO_APISERVER_PORT }],
  });
  store.create(
    R.endpoints,
    {
      apiVersion: 'v1',
      kind: 'Endpoints',
      metadata: {
        name: 'kubernetes',
        namespace: 'default',
        creationTimestamp: ts(clusterBorn),
        labels: { 'endpointslice.kubernetes.io/skip-mirror': 'true' },
      },
      subsets: [
        {
          addresses: DEMO_APISERVER_ADDRESSES.map((ip) => ({ ip })),
          ports: [{ name: 'https', port: DEMO_APISERVER_PORT, protocol: 'TCP' }],
        },
      ],
    },
    q,
  );
  store.create(
    R.endpointslices,
    {
      apiVersion: 'discovery.k8s.io/v1',
      kind: 'EndpointSlice',
      metadata: {
        name: 'kubernetes',
        namespace: 'default',
        creationTimestamp: ts(clusterBorn),
        labels: { 'kubernetes.io/service-name': 'kubernetes' },
      },
      addressType: 'IPv4',
      endpoints: DEMO_APISERVER_ADDRESSES.map((ip) => ({
        addresses: [ip],
        conditions: { ready: true, serving: true, terminating: false },
      })),
      ports: [{ name: 'https', port: DEMO_APISERVER_PORT, protocol: 'TCP' }],
    },
    q,
  );

  // kube-system
  const controlPlanes = DEMO_NODES.filter((n) => n.controlPlane).map((n) => n.name);
  const workers = DEMO_NODES.filter((n) => !n.controlPlane).map((n) => n.name);
  for (const n of DEMO_NODES) {
    bare(
      factory.makePod({
        namespace: 'kube-system',
        name: `kube-proxy-${randomSuffix()}`,
        generateName: 'kube-proxy-',
        labels: { 'controller-revision-hash': '7d9b8f6c4d', 'k8s-app': 'kube-proxy', 'pod-template-generation': '1' },
        containers: [{ name: 'kube-proxy', image: `registry.k8s.io/kube-proxy:${DEMO_SERVER_VERSION.gitVersion}` }],
        nodeName: n.name,
        hostNetwork: true,
        state: 'running',
        createdAt: ago(clusterBorn - 120_000),
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
      bare(
        factory.makePod({
          namespace: 'kube-system',
          name: `${component}-${node}`,
          labels: { component, tier: 'control-plane' },
          annotations: { 'kubernetes.io/config.source': 'file' },
          containers: [{ name: component, image, ...(port ? { ports: [{ name: 'https', containerPort: port, protocol: 'TCP' }] } : {}) }],
          nodeName: node,
          hostNetwork: true,
          state: 'running',
          createdAt: ago(clusterBorn - 30_000),
          owner: { apiVersion: 'v1', kind: 'Node', name: node, uid: store.get(R.nodes, undefined, node)!.metadata.uid! },
          priorityClassName: 'system-node-critical',
        }),
      );
    }
  }
  app({
    namespace: 'kube-system',
    name: 'coredns',
    rsHash: '7c65d6cfc9',
    replicas: 2,
    age: clusterBorn - 60_000,
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
  svc({
    namespace: 'kube-system',
    name: DEMO_KUBE_DNS.service,
    age: clusterBorn - 60_000,
    clusterIP: DEMO_KUBE_DNS.clusterIP,
    labels: { 'k8s-app': 'kube-dns', 'kubernetes.io/cluster-service': 'true', 'kubernetes.io/name': DEMO_KUBE_DNS.displayName },
    selector: { 'k8s-app': 'kube-dns' },
    ports: [
      { name: 'dns', port: 53, protocol: 'UDP', targetPort: 53 },
      { name: 'dns-tcp', port: 53, protocol: 'TCP', targetPort: 53 },
      { name: 'metrics', port: DEMO_KUBE_DNS.metricsPort, protocol: 'TCP', targetPort: DEMO_KUBE_DNS.metricsPort },
    ],
  });
  app({
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
  svc({
    namespace: 'kube-system',
    name: DEMO_DASHBOARD.service,
    age: 10 * DAY,
    labels: { 'k8s-app': 'kubernetes-dashboard', 'kubernetes.io/cluster-service': 'true' },
    selector: { 'k8s-app': 'kubernetes-dashboard' },
    ports: [{ port: DEMO_DASHBOARD.servicePort, targetPort: DEMO_DASHBOARD.containerPort }],
  });
  app({
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
  svc({
    namespace: 'kube-system',
    name: DEMO_GRAFANA.service,
    age: 10 * DAY,
    labels: { 'kubernetes.io/cluster-service': 'true', 'kubernetes.io/name': 'monitoring-grafana', task: 'monitoring' },
    selector: { 'k8s-app': 'grafana' },
    ports: [{ port: DEMO_GRAFANA.servicePort, targetPort: DEMO_GRAFANA.containerPort }],
  });

  // shop
  app({
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
  svc({
    namespace: 'shop',
    name: DEMO_WEB.service,
    age: 2 * DAY,
    labels: { app: 'web' },
    selector: { ...DEMO_WEB.selector },
    ports: [{ name: DEMO_WEB.portName, port: DEMO_WEB.servicePort, targetPort: DEMO_WEB.portName }],
  });
  svc({
    namespace: 'shop',
    name: 'web-headless',
    age: 2 * DAY,
    labels: { app: 'web' },
    clusterIP: 'None',
    selector: { ...DEMO_WEB.selector },
    ports: [{ name: 'http', port: DEMO_WEB.servicePort, targetPort: DEMO_WEB.containerPort }],
  });
  svc({
    namespace: 'shop',
    name: DEMO_STOREFRONT.service,
    age: 2 * DAY,
    labels: { app: 'web' },
    type: 'LoadBalancer',
    selector: { ...DEMO_WEB.selector },
    ports: [{ name: 'http', port: DEMO_STOREFRONT.servicePort, targetPort: DEMO_WEB.portName, nodePort: DEMO_STOREFRONT.nodePort }],
    ingressIP: DEMO_STOREFRONT.ingressIP,
  });
  app({
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
  svc({
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
  app({
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
  svc({
    namespace: 'shop',
    name: DEMO_ECHO.service,
    age: 30 * HOUR,
    labels: { app: 'echo' },
    type: 'NodePort',
    selector: { ...DEMO_ECHO.selector },
    ports: [{ name: DEMO_ECHO.portName, port: DEMO_ECHO.servicePort, targetPort: DEMO_ECHO.portName, nodePort: DEMO_ECHO.nodePort }],
  });
  app({
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
  svc({
    namespace: 'shop',
    name: DEMO_TICKER.service,
    age: 20 * HOUR,
    labels: { app: 'ticker' },
    selector: { ...DEMO_TICKER.selector },
    ports: [{ name: 'http', port: 80, targetPort: 'http' }],
  });
  app({
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
  svc({
    namespace: 'shop',
    name: DEMO_ORDERS.service,
    age: 5 * HOUR,
    labels: { app: 'orders' },
    selector: { app: 'orders' },
    ports: [{ name: 'http', port: DEMO_ORDERS.servicePort, targetPort: 'http' }],
  });
  svc({
    namespace: 'shop',
    name: DEMO_NO_SELECTOR.service,
    age: 2 * DAY,
    ports: [{ name: 'postgres', port: DEMO_NO_SELECTOR.port, targetPort: DEMO_NO_SELECTOR.port }],
  });
  store.create(
    R.endpoints,
    {
      apiVersion: 'v1',
      kind: 'Endpoints',
      metadata: { name: DEMO_NO_SELECTOR.service, namespace: 'shop', creationTimestamp: ts(2 * DAY) },
      subsets: [
        { addresses: [{ ip: DEMO_NO_SELECTOR.address }], ports: [{ name: 'postgres', port: DEMO_NO_SELECTOR.port, protocol: 'TCP' }] },
      ],
    },
    q,
  );
  bare(
    factory.makePod({
      namespace: DEMO_PENDING_POD.namespace,
      name: DEMO_PENDING_POD.name,
      labels: { app: 'report' },
      containers: [{ name: 'report', image: 'ghcr.io/kubedesk/report:1.2.0', resources: { requests: { memory: '64Gi', cpu: '500m' } } }],
      state: 'pending',
      createdAt: ago(45 * 60_000),
      unschedulableMessage:
        '0/4 nodes are available: 2 Insufficient memory, 2 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }. preemption: 0/4 nodes are available: 2 No preemption victims found for incoming pod, 2 Preemption is not helpful for scheduling.',
    }),
  );

  // The warnings a real cluster would be showing right now.
  const pending = store.get(R.pods, DEMO_PENDING_POD.namespace, DEMO_PENDING_POD.name)!;
  recordEvent(
    store,
    {
      involved: pending,
      kind: 'Pod',
      type: 'Warning',
      reason: 'FailedScheduling',
      message: ((pending as Pod).status.conditions?.[0]?.message ?? '').toString(),
      component: 'default-scheduler',
      count: 9,
      first: ago(45 * 60_000),
      last: ago(4 * 60_000),
    },
    q,
  );
  for (const p of store.list(R.pods, 'shop') as Pod[]) {
    if (!p.metadata.name.startsWith(DEMO_ORDERS.podPrefix)) continue;
    recordEvent(
      store,
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
        first: ago(5 * HOUR - 60_000),
        last: ago(20_000),
      },
      q,
    );
  }

  // bulk: N services over two web pods.
  if (opts.services > 0) {
    app({
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
    const created = ts(HOUR);
    for (let i = 1; i <= opts.services; i++) {
      const ip = ips.allocate();
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
      store.create(R.services, s, q);
    }
  }
  return { apps, podBackends };
}
