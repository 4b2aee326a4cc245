// The "So Many Proxies" model (docs/topology.md): a pure function from what KubeDesk knows about a
// context (the cluster's objects, its own proxies, forwards and gateways) to nodes and edges.
// Paths drawn:
//   browser → local proxy | service gateway → [apiserver LB] → apiserver → apiserver proxy → service → pod
//   browser → port-forward → [apiserver LB] → apiserver → kubelet → pod
//   client → cloud LB → kubelet (node) → kube-proxy → pod
import type { ForwardInfo } from '../../shared/contract/forward.ts';
import type { ProxyInfo } from '../../shared/contract/proxy.ts';
import type { GatewayInfo } from '../../shared/contract/services.ts';
import type { Topology, TopologyEdge, TopologyEdgeKind, TopologyNode, TopologyStatus } from '../../shared/contract/topology.ts';
import type { Node, Pod, Service } from '../kube/kube-objects.ts';
import { mapSelects } from '../kube/label-selector.ts';
import { ABOUT } from './topology-about.ts';

export interface TopologyInput {
  context: string;
  /** Null: every namespace. */
  namespace: string | null;
  /** The kubeconfig's `server`. */
  server: URL;
  /** `default/kubernetes` endpoint addresses, `IP:PORT`; empty when they could not be read. */
  apiservers: readonly string[];
  nodes: readonly Node[];
  /** Pods in scope (the namespace, or all). */
  pods: readonly Pod[];
  /** kube-system pods labelled `k8s-app=kube-proxy`. */
  kubeProxyPods: readonly Pod[];
  /** Services in scope. */
  services: readonly Service[];
  proxies: readonly ProxyInfo[];
  forwards: readonly ForwardInfo[];
  gateways: readonly GatewayInfo[];
}

const BROWSER = 'browser';
const APISERVER_LB = 'apiserver-lb';
const APISERVER_PROXY = 'apiserver-proxy';

/** `10.0.0.1:6443` → `10.0.0.1`; `[fd00::1]:6443` → `fd00::1`. */
function hostOf(address: string): string {
  const m = /^\[(.*)\](?::\d+)?$/.exec(address) ?? /^([^:]*)(?::\d+)?$/.exec(address);
  return m ? m[1]! : address;
}

function podReady(pod: Pod): boolean {
  return pod.status.phase === 'Running' && (pod.status.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');
}

function podReason(pod: Pod): string {
  for (const cs of pod.status.containerStatuses ?? []) {
    const waiting = cs.state?.['waiting']?.['reason'];
    if (typeof waiting === 'string' && waiting) return waiting;
  }
  return pod.status.reason ?? pod.status.phase ?? 'Unknown';
}

function forwardStatus(state: ForwardInfo['state']): TopologyStatus {
  if (state === 'active' || state === 'starting') return 'active';
  return state;
}

class GraphBuilder {
  readonly nodes = new Map<string, TopologyNode>();
  readonly edges: TopologyEdge[] = [];
  readonly #edgeKeys = new Set<string>();

  node(n: TopologyNode): string {
    if (!this.nodes.has(n.id)) this.nodes.set(n.id, n);
    return n.id;
  }

  edge(from: string, to: string, kind: TopologyEdgeKind): void {
    const key = `${from}→${to}→${kind}`;
    if (this.#edgeKeys.has(key)) return;
    this.#edgeKeys.add(key);
    this.edges.push({ from, to, kind });
  }

  /** from → each apiserver (through the LB when there is one). */
  toApiservers(from: string, kind: TopologyEdgeKind, lb: string | null, apiservers: readonly string[]): void {
    if (lb) {
      this.edge(from, lb, kind);
      for (const a of apiservers) this.edge(lb, a, kind);
    } else for (const a of apiservers) this.edge(from, a, kind);
  }
}

/**
 * An apiserver LB is drawn when the apiservers' own addresses are several, or are not the host
 * the kubeconfig names: then something between the laptop and them (nginx, a cloud LB, a VIP) answers.
 */
function apiserverHops(g: GraphBuilder, input: TopologyInput): { lb: string | null; apiservers: string[] } {
  const serverHost = input.server.hostname.replace(/^\[|\]$/g, '');
  const endpoints = input.apiservers.length > 0 ? input.apiservers : [input.server.host];
  const known = input.apiservers.length > 0;
  const behindLb = known && (endpoints.length > 1 || endpoints.some((a) => hostOf(a) !== serverHost));
  const lb = behindLb
    ? g.node({
        id: APISERVER_LB,
        kind: 'apiserver-lb',
        label: input.server.host,
        status: 'unknown',
        detail: `${input.server.host} → ${endpoints.length} apiserver${endpoints.length === 1 ? '' : 's'}`,
        about: ABOUT['apiserver-lb'],
        address: input.server.host,
        action: 'copy-address',
      })
    : null;
  const apiservers = endpoints.map((a) =>
    g.node({
      id: `apiserver/${a}`,
      kind: 'apiserver',
      label: a,
      status: known ? 'ready' : 'unknown',
      detail: known ? `endpoint of default/kubernetes` : `the kubeconfig's server (its endpoints could not be read)`,
      about: ABOUT.apiserver,
      address: a,
      action: 'copy-address',
    }),
  );
  return { lb, apiservers };
}

export function buildTopology(input: TopologyInput): Topology {
  const g = new GraphBuilder();
  g.node({ id: BROWSER, kind: 'browser', label: 'This laptop', status: 'active', detail: 'your browser and tools', about: ABOUT.browser });
  const { lb, apiservers } = apiserverHops(g, input);
  g.node({
    id: APISERVER_PROXY,
    kind: 'apiserver-proxy',
    label: 'apiserver proxy',
    status: 'ready',
    detail: '…/services/NAME/proxy/, …/pods/NAME/proxy/',
    about: ABOUT['apiserver-proxy'],
  });
  for (const a of apiservers) g.edge(a, APISERVER_PROXY, 'api');

  for (const p of input.proxies) {
    if (p.context !== input.context) continue;
    const id = g.node({
      id: `local-proxy/${p.address}`,
      kind: 'local-proxy',
      label: `API proxy ${p.address}`,
      status: p.state === 'listening' ? 'active' : 'stopped',
      detail: `${p.url} → ${p.server}`,
      about: ABOUT['local-proxy'],
      address: p.url,
      action: 'copy-address',
    });
    g.edge(BROWSER, id, 'api');
    g.toApiservers(id, 'api', lb, apiservers);
  }
  if (!input.proxies.some((p) => p.context === input.context)) {
    // No proxy yet: the hop is still on the path a browser would take; offer to start it.
    const id = g.node({
      id: 'local-proxy/none',
      kind: 'local-proxy',
      label: 'API proxy',
      status: 'stopped',
      detail: 'not running',
      about: ABOUT['local-proxy'],
      action: 'start-proxy',
    });
    g.edge(BROWSER, id, 'api');
    g.toApiservers(id, 'api', lb, apiservers);
  }

  const nodeNames = new Set(input.nodes.map((n) => n.metadata.name!));
  const kubelets = new Map<string, string>();
  for (const n of input.nodes) {
    const name = n.metadata.name!;
    const ready = n.status.conditions.some((c) => c.type === 'Ready' && c.status === 'True');
    const ip = n.status.addresses.find((a) => a.type === 'InternalIP')?.address;
    kubelets.set(
      name,
      g.node({
        id: `kubelet/${name}`,
        kind: 'kubelet',
        label: name,
        status: ready ? 'ready' : 'not-ready',
        detail: ip ? `node ${ip}, kubelet :${n.status.daemonEndpoints?.kubeletEndpoint.Port ?? 10250}` : 'node',
        about: ABOUT.kubelet,
        address: ip,
        action: ip ? 'copy-address' : undefined,
      }),
    );
  }
  const kubeProxies = new Map<string, string>();
  for (const p of input.kubeProxyPods) {
    const node = p.spec.nodeName;
    if (!node || !nodeNames.has(node)) continue;
    const id = g.node({
      id: `kube-proxy/${node}`,
      kind: 'kube-proxy',
      label: `kube-proxy on ${node}`,
      status: podReady(p) ? 'ready' : 'not-ready',
      detail: `pod ${p.metadata.namespace}/${p.metadata.name}`,
      about: ABOUT['kube-proxy'],
    });
    kubeProxies.set(node, id);
    g.edge(kubelets.get(node)!, id, 'external');
  }
  if (kubeProxies.size === 0 && input.nodes.length > 0) {
    g.node({
      id: 'kube-proxy/not-detected',
      kind: 'kube-proxy',
      label: 'kube-proxy',
      status: 'not-detected',
      detail: 'no kube-proxy pods in kube-system (a replacement such as Cilium or IPVS may do its job)',
      about: ABOUT['kube-proxy'],
    });
  }

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

  for (const f of input.forwards) {
    if (f.spec.context !== input.context) continue;
    if (input.namespace !== null && f.spec.namespace !== input.namespace) continue;
    const address = f.bindings[0] ? `${f.bindings[0].address}:${f.bindings[0].local}` : undefined;
    const id = g.node({
      id: `port-forward/${f.id}`,
      kind: 'port-forward',
      label: `${f.spec.target} ${f.spec.ports.join(' ')}`,
      status: forwardStatus(f.state),
      detail: f.reason ?? (address ? `${address} → ${f.pod ?? 'no pod yet'}` : f.state),
      about: ABOUT['port-forward'],
      address: f.bindings[0]?.url,
      namespace: f.spec.namespace,
      action: f.state === 'stopped' || f.state === 'failed' ? undefined : 'stop-forward',
    });
    g.edge(BROWSER, id, 'forward');
    if (f.state === 'stopped' || f.state === 'failed') continue; // a stopped forward carries nothing
    g.toApiservers(id, 'forward', lb, apiservers);
    for (const podName of f.pods.length > 0 ? f.pods : f.pod ? [f.pod] : []) {
      const podId = podIds.get(`${f.spec.namespace}/${podName}`);
      const pod = input.pods.find((p) => p.metadata.namespace === f.spec.namespace && p.metadata.name === podName);
      const kubelet = pod?.spec.nodeName ? kubelets.get(pod.spec.nodeName) : undefined;
      if (!podId || !kubelet) continue;
      for (const a of apiservers) g.edge(a, kubelet, 'forward');
      g.edge(kubelet, podId, 'forward');
    }
  }

  for (const gw of input.gateways) {
    if (gw.context !== input.context) continue;
    if (input.namespace !== null && gw.namespace !== input.namespace) continue;
    const id = g.node({
      id: `service-gateway/${gw.id}`,
      kind: 'service-gateway',
      label: `${gw.service}:${gw.port}`,
      status: gw.state === 'listening' ? 'active' : 'stopped',
      detail: `${gw.url} → ${gw.namespace}/${gw.service}`,
      about: ABOUT['service-gateway'],
      address: gw.url,
      namespace: gw.namespace,
      action: 'copy-address',
    });
    g.edge(BROWSER, id, 'api');
    if (gw.state !== 'listening') continue;
    g.toApiservers(id, 'api', lb, apiservers);
  }

  return { context: input.context, namespace: input.namespace, nodes: [...g.nodes.values()], edges: g.edges };
}
