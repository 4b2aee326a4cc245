// The workloads' hops on the topology (docs/topology.md, The model): the pods and services in scope,
// each service reached through the apiserver proxy, and a cloud LB per LoadBalancer ingress address
// that sends to every node, where kube-proxy picks a ready pod.
import type { Pod, Service } from '../kube/kube-objects.ts';
import { mapSelects } from '../kube/label-selector.ts';
import { ABOUT } from './topology-about.ts';
import { APISERVER_PROXY, BROWSER, type GraphBuilder } from './graph-builder.ts';
import type { NodeHops } from './node-hops.ts';
import { podReady, podReason } from './pod-status.ts';
import type { TopologyInput } from './topology-input.ts';

/** `NAMESPACE/NAME` → the id of each pod in scope. */
function addPods(g: GraphBuilder, input: TopologyInput): Map<string, string> {
  const podIds = new Map<string, string>();
  for (const pod of input.pods) {
    const ns = pod.metadata.namespace!;
    const ready = podReady(pod);
    podIds.set(
      `${ns}/${pod.metadata.name}`,
      g.node({
        id: `pod/${ns}/${pod.metadata.name}`,
        kind: 'pod',
        label: pod.metadata.name!,
        status: ready ? 'ready' : 'not-ready',
        detail: `${pod.status.podIP ?? 'no IP'}${pod.spec.nodeName ? ` on ${pod.spec.nodeName}` : ''}${ready ? '' : `, ${podReason(pod)}`}`,
        about: ABOUT.pod,
        address: pod.status.podIP,
        namespace: ns,
        action: pod.status.podIP ? 'copy-address' : undefined,
      }),
    );
  }
  return podIds;
}

/** Draws the pods and services in scope; returns the pods' ids by `NAMESPACE/NAME`. */
export function addWorkloadHops(g: GraphBuilder, input: TopologyInput, { kubelets, kubeProxies }: NodeHops): Map<string, string> {
  const podIds = addPods(g, input);
  const podsOf = (svc: Service): Pod[] =>
    svc.spec.selector && Object.keys(svc.spec.selector).length > 0
      ? input.pods.filter((p) => p.metadata.namespace === svc.metadata.namespace && mapSelects(svc.spec.selector, p.metadata.labels))
      : [];

  for (const svc of input.services) {
    const ns = svc.metadata.namespace!;
    const name = svc.metadata.name!;
    const pods = podsOf(svc);
    const ports = (svc.spec.ports ?? []).map((p) => `${p.port}${p.nodePort ? `:${p.nodePort}` : ''}/${p.protocol ?? 'TCP'}`).join(',');
    const svcId = g.node({
      id: `service/${ns}/${name}`,
      kind: 'service',
      label: name,
      status: pods.some(podReady) ? 'ready' : 'not-ready',
      detail: `${svc.spec.type ?? 'ClusterIP'} ${svc.spec.clusterIP ?? ''} ${ports}`.replace(/\s+/g, ' ').trim(),
      about: ABOUT.service,
      address: svc.spec.clusterIP && svc.spec.clusterIP !== 'None' ? svc.spec.clusterIP : undefined,
      namespace: ns,
      tcpPorts: (svc.spec.ports ?? []).filter((p) => (p.protocol ?? 'TCP') === 'TCP').map((p) => p.port),
      action: 'open-service',
    });
    g.edge(APISERVER_PROXY, svcId, 'api');
    for (const pod of pods) g.edge(svcId, podIds.get(`${ns}/${pod.metadata.name}`)!, 'api');
    for (const ingress of svc.status?.loadBalancer?.ingress ?? []) {
      const address = ingress.ip || ingress.hostname;
      if (!address) continue;
      const lbId = g.node({
        id: `cloud-lb/${address}`,
        kind: 'cloud-lb',
        label: address,
        status: 'ready',
        detail: `LoadBalancer of ${ns}/${name}: ${(svc.spec.ports ?? []).map((p) => `${address}:${p.port}`).join(', ')}`,
        about: ABOUT['cloud-lb'],
        address,
        namespace: ns,
        action: 'copy-address',
      });
      g.edge(BROWSER, lbId, 'external');
      // The cloud LB sends to every node's NodePort; kube-proxy there picks a ready pod.
      for (const [node, kubelet] of kubelets) {
        g.edge(lbId, kubelet, 'external');
        const kp = kubeProxies.get(node);
        if (kp) for (const pod of pods) if (podReady(pod)) g.edge(kp, podIds.get(`${ns}/${pod.metadata.name}`)!, 'external');
      }
    }
  }
  return podIds;
}
