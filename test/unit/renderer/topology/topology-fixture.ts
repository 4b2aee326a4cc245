// A small "So Many Proxies" model shaped like the demo's (docs/topology.md): an LB in front of two
// apiservers, a cloud LB in front of two nodes with kube-proxy, namespace shop with web (two pods),
// storefront (LoadBalancer, same pods) and orders (crash-looping pod), and optionally namespace
// bulk with N services over two pods, as startDemoCluster({ services: N }) has it.
import type {
  Topology,
  TopologyEdge,
  TopologyEdgeKind,
  TopologyNode,
  TopologyNodeKind,
  TopologyStatus,
} from '../../../../electron/shared/ipc-contract.ts';

export function hop(id: string, kind: TopologyNodeKind, status: TopologyStatus = 'ready', more: Partial<TopologyNode> = {}): TopologyNode {
  return { id, kind, label: id.split('/').at(-1)!, status, detail: '', about: `about ${kind}`, ...more };
}

const edge = (from: string, to: string, kind: TopologyEdgeKind = 'api'): TopologyEdge => ({ from, to, kind });

export function demoLike(bulk = 0): Topology {
  const nodes: TopologyNode[] = [
    hop('browser', 'browser', 'active'),
    hop('local-proxy/none', 'local-proxy', 'stopped', { action: 'start-proxy' }),
    hop('apiserver-lb', 'apiserver-lb', 'unknown'),
    hop('apiserver/10.0.0.10:6443', 'apiserver'),
    hop('apiserver/10.0.0.11:6443', 'apiserver'),
    hop('apiserver-proxy', 'apiserver-proxy'),
    hop('kubelet/w1', 'kubelet'),
    hop('kubelet/w2', 'kubelet'),
    hop('kube-proxy/w1', 'kube-proxy'),
    hop('kube-proxy/w2', 'kube-proxy'),
    hop('cloud-lb/203.0.113.50', 'cloud-lb', 'ready', { namespace: 'shop', address: '203.0.113.50' }),
    hop('service/shop/web', 'service', 'ready', {
      namespace: 'shop',
      detail: 'ClusterIP 10.96.100.3 80/TCP',
      tcpPorts: [80],
      address: '10.96.100.3',
      action: 'open-service',
    }),
    hop('service/shop/storefront', 'service', 'ready', {
      namespace: 'shop',
      detail: 'LoadBalancer 10.96.100.4 80:31080/TCP',
      tcpPorts: [80],
      action: 'open-service',
    }),
    hop('service/shop/orders', 'service', 'not-ready', {
      namespace: 'shop',
      detail: 'ClusterIP 10.96.100.8 53/UDP,8080/TCP',
      tcpPorts: [8080],
      action: 'open-service',
    }),
    hop('pod/shop/web-1', 'pod', 'ready', { namespace: 'shop' }),
    hop('pod/shop/web-2', 'pod', 'ready', { namespace: 'shop' }),
    hop('pod/shop/orders-1', 'pod', 'not-ready', { namespace: 'shop' }),
  ];
  const edges: TopologyEdge[] = [
    edge('browser', 'local-proxy/none'),
    edge('local-proxy/none', 'apiserver-lb'),
    edge('apiserver-lb', 'apiserver/10.0.0.10:6443'),
    edge('apiserver-lb', 'apiserver/10.0.0.11:6443'),
    edge('apiserver/10.0.0.10:6443', 'apiserver-proxy'),
    edge('apiserver/10.0.0.11:6443', 'apiserver-proxy'),
    edge('kubelet/w1', 'kube-proxy/w1', 'external'),
    edge('kubelet/w2', 'kube-proxy/w2', 'external'),
    edge('apiserver-proxy', 'service/shop/web'),
    edge('apiserver-proxy', 'service/shop/storefront'),
    edge('apiserver-proxy', 'service/shop/orders'),
    edge('service/shop/web', 'pod/shop/web-1'),
    edge('service/shop/web', 'pod/shop/web-2'),
    edge('service/shop/storefront', 'pod/shop/web-1'),
    edge('service/shop/storefront', 'pod/shop/web-2'),
    edge('service/shop/orders', 'pod/shop/orders-1'),
    edge('browser', 'cloud-lb/203.0.113.50', 'external'),
    edge('cloud-lb/203.0.113.50', 'kubelet/w1', 'external'),
    edge('cloud-lb/203.0.113.50', 'kubelet/w2', 'external'),
    edge('kube-proxy/w1', 'pod/shop/web-1', 'external'),
    edge('kube-proxy/w1', 'pod/shop/web-2', 'external'),
    edge('kube-proxy/w2', 'pod/shop/web-1', 'external'),
    edge('kube-proxy/w2', 'pod/shop/web-2', 'external'),
  ];
  if (bulk > 0) {
    nodes.push(
      hop('pod/bulk/bulk-a', 'pod', 'ready', { namespace: 'bulk' }),
      hop('pod/bulk/bulk-b', 'pod', 'ready', { namespace: 'bulk' }),
    );
    for (let i = 1; i <= bulk; i++) {
      const id = `service/bulk/svc-${String(i).padStart(5, '0')}`;
      nodes.push(hop(id, 'service', 'ready', { namespace: 'bulk', detail: 'ClusterIP 10.96.200.1 80/TCP', tcpPorts: [80] }));
      edges.push(edge('apiserver-proxy', id), edge(id, 'pod/bulk/bulk-a'), edge(id, 'pod/bulk/bulk-b'));
    }
  }
  return { context: 'demo', namespace: null, nodes, edges };
}

/** A forward to web-1, active: laptop → forward → LB → apiservers → kubelet w1 → web-1. */
export function withForward(t: Topology, status: TopologyStatus = 'active'): Topology {
  const id = 'port-forward/f1';
  const carried =
    status === 'stopped' || status === 'failed'
      ? []
      : [
          edge(id, 'apiserver-lb', 'forward'),
          edge('apiserver-lb', 'apiserver/10.0.0.10:6443', 'forward'),
          edge('apiserver-lb', 'apiserver/10.0.0.11:6443', 'forward'),
          edge('apiserver/10.0.0.10:6443', 'kubelet/w1', 'forward'),
          edge('apiserver/10.0.0.11:6443', 'kubelet/w1', 'forward'),
          edge('kubelet/w1', 'pod/shop/web-1', 'forward'),
        ];
  return {
    ...t,
    nodes: [...t.nodes, hop(id, 'port-forward', status, { namespace: 'shop', action: 'stop-forward', address: 'http://127.0.0.1:40001/' })],
    edges: [...t.edges, edge('browser', id, 'forward'), ...carried],
  };
}
