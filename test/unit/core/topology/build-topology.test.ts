// The topology model from fixture clusters (docs/topology.md): the demo's shape (an LB in front of
// two apiservers, a cloud LB with its ingress IP, kube-proxy on every node), a single apiserver with
// no kube-proxy pods, and a forward that stops.
import { describe, expect, it } from 'vitest';
import type { ForwardInfo } from '../../../../electron/shared/contract/forward.ts';
import type { ProxyInfo } from '../../../../electron/shared/contract/proxy.ts';
import type { Topology } from '../../../../electron/shared/contract/topology.ts';
import { buildTopology } from '../../../../electron/core/topology/build-topology.ts';
import type { TopologyInput } from '../../../../electron/core/topology/topology-input.ts';
import { formatTopology } from '../../../../electron/core/topology/topology-text.ts';
import type { Node, Pod, Service } from '../../../../electron/core/kube/kube-objects.ts';

function node(name: string, ip: string): Node {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name },
    spec: {},
    status: {
      addresses: [{ type: 'InternalIP', address: ip }],
      conditions: [{ type: 'Ready', status: 'True' }],
      nodeInfo: {},
      capacity: {},
      allocatable: {},
    },
  } as Node;
}

function pod(ns: string, name: string, labels: Record<string, string>, nodeName: string, ready: boolean, waiting?: string): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: ns, labels },
    spec: { containers: [{ name: 'c' }], nodeName },
    status: {
      phase: ready ? 'Running' : 'Pending',
      podIP: ready ? '10.244.1.' + name.length : undefined,
      conditions: [{ type: 'Ready', status: ready ? 'True' : 'False' }],
      containerStatuses: waiting ? [{ name: 'c', restartCount: 3, state: { waiting: { reason: waiting } } }] : [],
    },
  } as Pod;
}

function service(
  ns: string,
  name: string,
  selector: Record<string, string> | undefined,
  extra: Partial<Service['spec']> = {},
  ingressIp?: string,
): Service {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name, namespace: ns },
    spec: {
      type: 'ClusterIP',
      clusterIP: '10.96.0.10',
      selector,
      ports: [{ name: 'http', port: 80, targetPort: 8080, protocol: 'TCP' }],
      ...extra,
    },
    ...(ingressIp ? { status: { loadBalancer: { ingress: [{ ip: ingressIp }] } } } : {}),
  } as Service;
}

function forward(id: string, state: ForwardInfo['state'], podName: string): ForwardInfo {
  return {
    id,
    spec: {
      context: 'demo',
      namespace: 'shop',
      target: 'svc/web',
      ports: ['8080:80'],
      addresses: ['localhost'],
      spread: false,
      autostart: false,
    },
    state,
    since: '2026-12-05T00:00:00Z',
    pod: state === 'active' ? podName : null,
    pods: state === 'active' ? [podName] : [],
    bindings: [{ address: '127.0.0.1', local: 8080, remote: 8080, url: 'http://127.0.0.1:8080/' }],
    stats: { connectionsOpen: 0, connectionsTotal: 0, bytesIn: 0, bytesOut: 0 },
    served: [],
    lastError: null,
  };
}

const proxy: ProxyInfo = {
  context: 'demo',
  state: 'listening',
  address: '127.0.0.1:8001',
  port: 8001,
  url: 'http://127.0.0.1:8001/',
  server: 'https://127.0.0.1:6443',
  tokenRequired: true,
  since: '2026-12-05T00:00:00Z',
  stats: { requests: 0, refused: 0, active: 0, upgrades: 0, bytesIn: 0, bytesOut: 0, lastError: null },
};

function demoShaped(over: Partial<TopologyInput> = {}): TopologyInput {
  const web1 = pod('shop', 'web-1', { app: 'web' }, 'worker-1', true);
  const web2 = pod('shop', 'web-2', { app: 'web' }, 'worker-2', true);
  const orders = pod('shop', 'orders-1', { app: 'orders' }, 'worker-1', false, 'CrashLoopBackOff');
  return {
    context: 'demo',
    namespace: 'shop',
    server: new URL('https://127.0.0.1:6443'),
    apiservers: ['10.0.0.11:6443', '10.0.0.12:6443'],
    nodes: [node('cp-1', '10.0.0.11'), node('worker-1', '10.0.1.1'), node('worker-2', '10.0.1.2')],
    pods: [web1, web2, orders],
    kubeProxyPods: ['cp-1', 'worker-1', 'worker-2'].map((n) => pod('kube-system', `kube-proxy-${n}`, { 'k8s-app': 'kube-proxy' }, n, true)),
    services: [
      service('shop', 'storefront', { app: 'web' }, { type: 'LoadBalancer' }, '203.0.113.10'),
      service('shop', 'orders', { app: 'orders' }),
    ],
    proxies: [proxy],
    forwards: [forward('f1', 'active', 'web-1')],
    gateways: [],
    ...over,
  };
}

const kinds = (t: Topology): Set<string> => new Set(t.nodes.map((n) => n.kind));
const nodeById = (t: Topology, id: string) => t.nodes.find((n) => n.id === id);
const hasEdge = (t: Topology, from: string, to: string, kind?: string): boolean =>
  t.edges.some((e) => e.from === from && e.to === to && (kind === undefined || e.kind === kind));

/** Every node reachable from `from` along edges. */
function reachable(t: Topology, from: string, kind?: string): Set<string> {
  const seen = new Set([from]);
  const todo = [from];
  while (todo.length > 0) {
    const id = todo.pop()!;
    for (const e of t.edges) {
      if (e.from !== id || (kind !== undefined && e.kind !== kind) || seen.has(e.to)) continue;
      seen.add(e.to);
      todo.push(e.to);
    }
  }
  return seen;
}

describe('buildTopology', () => {
  it("draws every hop of the demo's shape: LB before two apiservers, cloud LB, kube-proxy per node", () => {
    const t = buildTopology(demoShaped());
    for (const k of [
      'browser',
      'local-proxy',
      'port-forward',
      'apiserver-lb',
      'apiserver',
      'apiserver-proxy',
      'kubelet',
      'kube-proxy',
      'service',
      'pod',
      'cloud-lb',
    ])
      expect(kinds(t), k).toContain(k);
    expect(t.nodes.filter((n) => n.kind === 'apiserver').map((n) => n.address)).toEqual(['10.0.0.11:6443', '10.0.0.12:6443']);
    expect(t.nodes.filter((n) => n.kind === 'kube-proxy')).toHaveLength(3);
    // browser → local proxy → LB → each apiserver → apiserver proxy → service → pod
    expect(hasEdge(t, 'browser', 'local-proxy/127.0.0.1:8001', 'api')).toBe(true);
    expect(hasEdge(t, 'local-proxy/127.0.0.1:8001', 'apiserver-lb', 'api')).toBe(true);
    expect(hasEdge(t, 'apiserver-lb', 'apiserver/10.0.0.12:6443', 'api')).toBe(true);
    expect(hasEdge(t, 'apiserver/10.0.0.11:6443', 'apiserver-proxy', 'api')).toBe(true);
    expect(hasEdge(t, 'apiserver-proxy', 'service/shop/storefront', 'api')).toBe(true);
    expect(hasEdge(t, 'service/shop/storefront', 'pod/shop/web-2', 'api')).toBe(true);
    // client → cloud LB → node → kube-proxy → ready pod
    expect(hasEdge(t, 'browser', 'cloud-lb/203.0.113.10', 'external')).toBe(true);
    expect(hasEdge(t, 'cloud-lb/203.0.113.10', 'kubelet/worker-2', 'external')).toBe(true);
    expect(hasEdge(t, 'kubelet/worker-2', 'kube-proxy/worker-2', 'external')).toBe(true);
    expect(hasEdge(t, 'kube-proxy/worker-2', 'pod/shop/web-1', 'external')).toBe(true);
    // laptop → forward → LB → apiserver → kubelet of the pod → pod
    expect(hasEdge(t, 'browser', 'port-forward/f1', 'forward')).toBe(true);
    expect(hasEdge(t, 'apiserver/10.0.0.11:6443', 'kubelet/worker-1', 'forward')).toBe(true);
    expect(hasEdge(t, 'kubelet/worker-1', 'pod/shop/web-1', 'forward')).toBe(true);
    expect(hasEdge(t, 'kubelet/worker-2', 'pod/shop/web-2', 'forward')).toBe(false);
    // Every edge joins two drawn nodes.
    const ids = new Set(t.nodes.map((n) => n.id));
    for (const e of t.edges) expect(ids.has(e.from) && ids.has(e.to), `${e.from} → ${e.to}`).toBe(true);
  });

  it('carries status, address, the guide sentence and the action per node', () => {
    const t = buildTopology(demoShaped());
    expect(nodeById(t, 'service/shop/orders')).toMatchObject({ status: 'not-ready', action: 'open-service', namespace: 'shop', tcpPorts: [80] });
    expect(nodeById(t, 'pod/shop/orders-1')).toMatchObject({ status: 'not-ready' });
    expect(nodeById(t, 'pod/shop/orders-1')!.detail).toContain('CrashLoopBackOff');
    expect(nodeById(t, 'cloud-lb/203.0.113.10')).toMatchObject({ status: 'ready', address: '203.0.113.10', action: 'copy-address' });
    expect(nodeById(t, 'kube-proxy/worker-1')!.about).toContain('does not understand HTTP');
    expect(nodeById(t, 'apiserver-proxy')!.about).toContain('bastion built into the apiserver');
    expect(nodeById(t, 'port-forward/f1')).toMatchObject({ status: 'active', action: 'stop-forward', address: 'http://127.0.0.1:8080/' });
  });

  it('one apiserver at the kubeconfig host and no kube-proxy pods: no LB, kube-proxy "not detected"', () => {
    const t = buildTopology(demoShaped({ apiservers: ['127.0.0.1:6443'], kubeProxyPods: [], proxies: [] }));
    expect(kinds(t)).not.toContain('apiserver-lb');
    expect(nodeById(t, 'kube-proxy/not-detected')).toMatchObject({ kind: 'kube-proxy', status: 'not-detected' });
    expect(nodeById(t, 'local-proxy/none')).toMatchObject({ status: 'stopped', action: 'start-proxy' });
    expect(hasEdge(t, 'local-proxy/none', 'apiserver/127.0.0.1:6443')).toBe(true);
    // The cloud LB still reaches the nodes, but no kube-proxy hop leads on to the pods.
    expect(reachable(t, 'cloud-lb/203.0.113.10', 'external').has('kubelet/worker-1')).toBe(true);
    expect(reachable(t, 'cloud-lb/203.0.113.10', 'external').has('pod/shop/web-1')).toBe(false);
  });

  it('an apiserver behind a different address than the kubeconfig names gets an LB node', () => {
    const t = buildTopology(demoShaped({ apiservers: ['10.0.0.11:6443'] }));
    expect(nodeById(t, 'apiserver-lb')).toMatchObject({ kind: 'apiserver-lb', address: '127.0.0.1:6443' });
  });

  it('endpoints that could not be read: the kubeconfig server as the one apiserver, status unknown', () => {
    const t = buildTopology(demoShaped({ apiservers: [] }));
    expect(kinds(t)).not.toContain('apiserver-lb');
    expect(t.nodes.filter((n) => n.kind === 'apiserver')).toEqual([
      expect.objectContaining({ address: '127.0.0.1:6443', status: 'unknown' }),
    ]);
  });

  it('a forward that stops: its node turns stopped and its edges into the cluster go', () => {
    const before = buildTopology(demoShaped());
    expect(reachable(before, 'port-forward/f1').has('pod/shop/web-1')).toBe(true);
    const after = buildTopology(demoShaped({ forwards: [forward('f1', 'stopped', 'web-1')] }));
    expect(nodeById(after, 'port-forward/f1')).toMatchObject({ status: 'stopped' });
    expect(after.edges.filter((e) => e.from === 'port-forward/f1')).toEqual([]);
    expect(after.edges.some((e) => e.kind === 'forward' && e.from.startsWith('kubelet/'))).toBe(false);
  });

  it("leaves out other contexts' and other namespaces' forwards and proxies", () => {
    const other = forward('f2', 'active', 'web-1');
    other.spec = { ...other.spec, context: 'prod' };
    const t = buildTopology(demoShaped({ forwards: [other], proxies: [{ ...proxy, context: 'prod' }] }));
    expect(kinds(t)).not.toContain('port-forward');
    expect(nodeById(t, 'local-proxy/127.0.0.1:8001')).toBeUndefined();
  });

  it('the text tree names each node once and starts at this laptop', () => {
    const lines = formatTopology(buildTopology(demoShaped()));
    expect(lines[0]).toBe('browser This laptop [active]  your browser and tools');
    expect(lines.filter((l) => l.includes('pod web-1 [ready]'))).toHaveLength(1);
    expect(lines.some((l) => l.includes('(above)'))).toBe(true);
    expect(lines.join('\n')).toContain('cloud-lb 203.0.113.10 [ready]');
  });
});
