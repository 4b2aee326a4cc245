import { describe, expect, it } from 'vitest';
import { edgeKey, pathsThrough } from '../../../../renderer/src/lib/components/topology/topology-paths.ts';
import { demoLike, withForward } from './topology-fixture.ts';

describe('pathsThrough', () => {
  it('highlights every path from the laptop to a pod: through the API proxy and through the cloud LB and each kube-proxy', () => {
    const t = demoLike();
    const h = pathsThrough(t, 'pod/shop/web-1');
    expect([...h.nodes].sort()).toEqual(
      [
        'browser',
        'local-proxy/none',
        'apiserver-lb',
        'apiserver/10.0.0.10:6443',
        'apiserver/10.0.0.11:6443',
        'apiserver-proxy',
        'service/shop/web',
        'service/shop/storefront',
        'pod/shop/web-1',
        'cloud-lb/203.0.113.50',
        'kubelet/w1',
        'kubelet/w2',
        'kube-proxy/w1',
        'kube-proxy/w2',
      ].sort(),
    );
    expect(h.edges.has(edgeKey({ from: 'kube-proxy/w2', to: 'pod/shop/web-1', kind: 'external' }))).toBe(true);
    // Edges that leave the paths (to web-2, to orders) are not on them.
    expect(h.edges.has(edgeKey({ from: 'service/shop/web', to: 'pod/shop/web-2', kind: 'api' }))).toBe(false);
    expect(h.edges.has(edgeKey({ from: 'apiserver-proxy', to: 'service/shop/orders', kind: 'api' }))).toBe(false);
    // 10 through the apiserver (laptop … apiserver proxy, web and storefront, to web-1), 7 from outside.
    expect(h.edges.size).toBe(17);
  });

  it('adds the forward path once a forward reaches the pod, and for the forward itself where it leads', () => {
    const t = withForward(demoLike());
    const toPod = pathsThrough(t, 'pod/shop/web-1');
    expect(toPod.nodes.has('port-forward/f1')).toBe(true);
    expect(toPod.edges.has(edgeKey({ from: 'kubelet/w1', to: 'pod/shop/web-1', kind: 'forward' }))).toBe(true);
    const viaForward = pathsThrough(t, 'port-forward/f1');
    expect(viaForward.nodes.has('pod/shop/web-1')).toBe(true);
    expect(viaForward.nodes.has('pod/shop/web-2')).toBe(false);
    expect(viaForward.edges.has(edgeKey({ from: 'browser', to: 'port-forward/f1', kind: 'forward' }))).toBe(true);
  });

  it('finds no path to a node the laptop cannot reach (a stopped forward, kube-proxy not detected)', () => {
    const t = withForward(demoLike(), 'stopped');
    t.nodes.push({ id: 'kube-proxy/not-detected', kind: 'kube-proxy', label: 'kube-proxy', status: 'not-detected', detail: '', about: '' });
    expect(pathsThrough(t, 'kube-proxy/not-detected')).toEqual({ nodes: new Set(), edges: new Set() });
    expect(pathsThrough(t, 'pod/shop/web-1').nodes.has('port-forward/f1')).toBe(false);
  });
});
