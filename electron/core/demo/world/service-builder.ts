// A core/v1 Service as the apiserver stores it after defaulting (ClusterIP allocated, ports
// defaulted to TCP, the traffic policies filled in).
import { R } from '../api-resources.ts';
import type { Service, ServicePort } from '../../kube/kube-objects.ts';
import type { WorldContext } from './world-context.ts';

export interface ServiceSeed {
  namespace: string;
  name: string;
  age: number;
  ports: ServicePort[];
  selector?: Record<string, string>;
  labels?: Record<string, string>;
  type?: string;
  clusterIP?: string;
  ingressIP?: string;
}

export function addService(w: WorldContext, o: ServiceSeed): void {
  const clusterIP = o.clusterIP ?? (o.type === 'ExternalName' ? undefined : w.clusterIps.allocate());
  for (const p of o.ports) if (p.nodePort) w.nodePorts.reserve(p.nodePort);
  const s: Service = {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: o.name, namespace: o.namespace, creationTimestamp: w.ts(o.age), ...(o.labels ? { labels: o.labels } : {}) },
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
  w.store.create(R.services, s, w.quiet);
}
