import { describe, expect, it } from 'vitest';
import type { GroupData, HopData } from '../../../../renderer/src/lib/components/topology/topology-flow.ts';
import { toFlow } from '../../../../renderer/src/lib/components/topology/topology-flow.ts';
import { groupId, toViewGraph } from '../../../../renderer/src/lib/components/topology/topology-graph.ts';
import { pathsThrough } from '../../../../renderer/src/lib/components/topology/topology-paths.ts';
import { demoLike } from './topology-fixture.ts';

const noop = (): void => {};

describe('toFlow', () => {
  it('gives small groups member nodes of their own and draws a large group as one node, its members inside', () => {
    const t = demoLike(1000);
    const view = toViewGraph(t, { bulk: true });
    const positions = new Map([...view.hops.map((h) => h.id), ...view.groups.map((g) => g.id)].map((id, i) => [id, { x: i * 10, y: 0 }]));
    const { nodes, edges } = toFlow({ view, positions, highlight: null, selectedId: null, toggle: noop, select: noop });
    // 11 hops, 2 groups, shop's 6 members; none of bulk's 1,002.
    expect(nodes).toHaveLength(19);
    expect(nodes.filter((n) => n.parentId === groupId('shop'))).toHaveLength(6);
    expect(nodes.some((n) => n.id.startsWith('service/bulk/'))).toBe(false);
    // Groups come before their members (Svelte Flow needs parents first).
    expect(nodes.findIndex((n) => n.id === groupId('shop'))).toBeLessThan(nodes.findIndex((n) => n.parentId === groupId('shop')));
    expect(edges.some((e) => e.source.startsWith('service/bulk/'))).toBe(false);
    expect(edges.find((e) => e.target === groupId('bulk'))?.class).toBe('kd-edge api none');
    const bulk = nodes.find((n) => n.id === groupId('bulk'))!.data as GroupData;
    expect(bulk.innerEdges).toEqual([]);
    expect(bulk.markOf('service/bulk/svc-00001')).toBe('none');
  });

  it('marks the highlighted path on, the rest off, and hands a large group the inner edges on the path', () => {
    const t = demoLike(1000);
    const view = toViewGraph(t, { bulk: true });
    const highlight = pathsThrough(t, 'service/bulk/svc-00042');
    const { nodes, edges } = toFlow({
      view,
      positions: new Map(),
      highlight,
      selectedId: 'service/bulk/svc-00042',
      toggle: noop,
      select: noop,
    });
    const hop = (id: string): HopData => nodes.find((n) => n.id === id)!.data as HopData;
    expect(hop('apiserver-proxy').mark).toBe('on');
    expect(hop('service/shop/web').mark).toBe('off');
    expect(hop('cloud-lb/203.0.113.50').mark).toBe('off');
    const bulk = nodes.find((n) => n.id === groupId('bulk'))!.data as GroupData;
    expect(bulk.mark).toBe('on');
    expect(bulk.selectedId).toBe('service/bulk/svc-00042');
    expect(bulk.markOf('pod/bulk/bulk-a')).toBe('on');
    expect(bulk.markOf('service/bulk/svc-00041')).toBe('off');
    expect(bulk.innerEdges.map((e) => e.target).sort()).toEqual(['pod/bulk/bulk-a', 'pod/bulk/bulk-b']);
    expect(edges.find((e) => e.source === 'apiserver-proxy' && e.target === groupId('bulk'))?.class).toBe('kd-edge api on');
    expect(edges.find((e) => e.target === 'service/shop/web')?.class).toBe('kd-edge api off');
  });
});
