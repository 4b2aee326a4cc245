import { describe, expect, it } from 'vitest';
import { groupId, toViewGraph } from '../../../../renderer/src/lib/components/topology/topology-graph.ts';
import { layoutView, toElkGraph } from '../../../../renderer/src/lib/components/topology/topology-layout.ts';
import { demoLike, withForward } from './topology-fixture.ts';

describe('toElkGraph', () => {
  it('gives ELK the hops and the groups as boxes, one edge per pair, each kind pinned to its column', () => {
    const g = toElkGraph(toViewGraph(demoLike(1000), {}));
    expect(g.layoutOptions?.['elk.algorithm']).toBe('layered');
    expect(g.layoutOptions?.['elk.direction']).toBe('RIGHT');
    expect(g.children).toHaveLength(13); // 11 hops, 2 groups: 1,000 services stay one box
    const column = (id: string): string | undefined => g.children!.find((c) => c.id === id)?.layoutOptions?.['elk.partitioning.partition'];
    expect(
      ['browser', 'local-proxy/none', 'apiserver-lb', 'apiserver/10.0.0.10:6443', 'apiserver-proxy', 'kube-proxy/w1', groupId('bulk')].map(
        column,
      ),
    ).toEqual(['0', '1', '2', '3', '4', '5', '6']);
    expect(column('kubelet/w1')).toBe('4');
    expect(column('cloud-lb/203.0.113.50')).toBe('1');
    // Member edges are drawn by the view; ELK sees them at their group, once.
    const ids = g.edges!.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toContain(`apiserver-proxy→${groupId('shop')}`);
    expect(ids).toContain(`kube-proxy/w1→${groupId('shop')}`);
  });
});

describe('layoutView', () => {
  it('places the request path left to right, and the same graph in the same place every time', async () => {
    const view = toViewGraph(withForward(demoLike()), {});
    const p = await layoutView(view);
    const x = (id: string): number => p.get(id)!.x;
    const order = [
      'browser',
      'port-forward/f1',
      'apiserver-lb',
      'apiserver/10.0.0.10:6443',
      'apiserver-proxy',
      'kube-proxy/w1',
      groupId('shop'),
    ].map(x);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(new Set(order).size).toBe(order.length);
    expect(x('kubelet/w1')).toBe(x('apiserver-proxy'));
    expect(x('local-proxy/none')).toBe(x('port-forward/f1'));
    expect(await layoutView(view)).toEqual(p);
  });
});
