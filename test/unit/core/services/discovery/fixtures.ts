// Kubernetes objects as an apiserver serves them, for the discovery unit tests.
import type { EndpointSlice, Node, Pod, Service, ServicePort } from '../../../../../electron/core/kube/kube-objects.ts';

export const SERVER = 'https://10.0.0.1:6443';

export function service(
  name: string,
  o: {
    namespace?: string;
    ports?: ServicePort[];
    selector?: Record<string, string>;
    type?: string;
    clusterIP?: string;
    ingress?: Array<{ ip?: string; hostname?: string }>;
    externalIPs?: string[];
    externalName?: string;
  } = {},
): Service {
  return {
    metadata: { name, namespace: o.namespace ?? 'shop', creationTimestamp: '2026-01-01T00:00:00Z' },
    spec: {
      type: o.type ?? 'ClusterIP',
      ...(o.type === 'ExternalName' ? {} : { clusterIP: o.clusterIP ?? '10.96.0.20', clusterIPs: [o.clusterIP ?? '10.96.0.20'] }),
      ports: o.ports ?? [{ name: 'http', port: 80, targetPort: 'http', protocol: 'TCP' }],
      ...(o.selector ? { selector: o.selector } : {}),
      ...(o.externalIPs ? { externalIPs: o.externalIPs } : {}),
      ...(o.externalName ? { externalName: o.externalName } : {}),
    },
    status: { loadBalancer: o.ingress ? { ingress: o.ingress } : {} },
  };
}

export function slice(
  svc: string,
  endpoints: Array<{ ip: string; pod: string; ready?: boolean | undefined; node?: string }>,
  o: { namespace?: string; name?: string; ports?: Array<{ name?: string; port: number; protocol?: string }> } = {},
): EndpointSlice {
  return {
    metadata: { name: o.name ?? `${svc}-abcde`, namespace: o.namespace ?? 'shop', labels: { 'kubernetes.io/service-name': svc } },
    addressType: 'IPv4',
    endpoints: endpoints.map((e) => ({
      addresses: [e.ip],
      conditions: e.ready === undefined ? {} : { ready: e.ready },
      ...(e.node ? { nodeName: e.node } : {}),
      targetRef: { kind: 'Pod', namespace: o.namespace ?? 'shop', name: e.pod },
    })),
    ports: o.ports ?? [{ name: 'http', port: 8080, protocol: 'TCP' }],
  };
}

type PodState = 'running' | 'crashloop' | 'unschedulable' | 'creating' | 'terminating';

export function pod(
  name: string,
  labels: Record<string, string>,
  state: PodState = 'running',
  o: { namespace?: string; ip?: string } = {},
): Pod {
  const ready = state === 'running';
  const base: Pod = {
    metadata: {
      name,
      namespace: o.namespace ?? 'shop',
      labels,
      ...(state === 'terminating' ? { deletionTimestamp: '2026-01-01T00:00:00Z' } : {}),
    },
    spec: { containers: [{ name: 'c', ports: [{ name: 'http', containerPort: 8080 }] }], nodeName: 'node-1' },
    status: { phase: 'Running', podIP: o.ip ?? '10.244.0.5' },
  };
  if (state === 'unschedulable') {
    return {
      ...base,
      spec: { containers: base.spec.containers },
      status: { phase: 'Pending', conditions: [{ type: 'PodScheduled', status: 'False', reason: 'Unschedulable' }] },
    };
  }
  const waiting = state === 'crashloop' ? 'CrashLoopBackOff' : state === 'creating' ? 'ContainerCreating' : undefined;
  return {
    ...base,
    status: {
      ...base.status,
      phase: state === 'creating' ? 'Pending' : 'Running',
      conditions: [{ type: 'Ready', status: ready ? 'True' : 'False' }],
      containerStatuses: [
        {
          name: 'c',
          ready,
          restartCount: 0,
          state: waiting ? { waiting: { reason: waiting } } : { running: { startedAt: '2026-01-01T00:00:00Z' } },
        },
      ],
    },
  };
}

export function node(name: string, internal: string, external?: string): Node {
  return {
    metadata: { name },
    spec: {},
    status: {
      addresses: [
        { type: 'InternalIP', address: internal },
        ...(external ? [{ type: 'ExternalIP', address: external }] : []),
        { type: 'Hostname', address: name },
      ],
      conditions: [],
      nodeInfo: {},
      capacity: {},
      allocatable: {},
    },
  };
}
