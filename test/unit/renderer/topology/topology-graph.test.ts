import { describe, expect, it } from 'vitest';
import {
  COLLAPSE_AT,
  SIZE,
  groupId,
  toViewGraph,
  type NamespaceGroup,
} from '../../../../renderer/src/lib/components/topology/topology-graph.ts';
import { demoLike } from './topology-fixture.ts';

const overlaps = (g: NamespaceGroup): boolean =>
  g.members.some((a, i) =>
    g.members.some(
      (b, j) =>
        i < j && a.x < b.x + SIZE.item.width && b.x < a.x + SIZE.item.width && a.y < b.y + SIZE.item.height && b.y < a.y + SIZE.item.height,
    ),
  );
const inside = (g: NamespaceGroup): boolean =>
  g.members.every((m) => m.x >= 0 && m.y >= 0 && m.x + SIZE.item.width <= g.width && m.y + SIZE.item.height <= g.height);

describe('toViewGraph', () => {
  it('puts services and pods in a group per namespace and keeps every hop (cloud LB included) a node of its own', () => {
    const v = toViewGraph(demoLike(), {});
    expect(v.groups.map((g) => g.namespace)).toEqual(['shop']);
    const shop = v.groups[0]!;
    expect(shop).toMatchObject({ collapsed: false, detailed: true, services: 3, pods: 3, notReady: 2 });
    expect(shop.members.map((m) => m.node.id).sort()).toEqual(
      [
        'service/shop/web',
        'service/shop/storefront',
        'service/shop/orders',
        'pod/shop/web-1',
        'pod/shop/web-2',
        'pod/shop/orders-1',
      ].sort(),
    );
    expect(v.hops.map((h) => h.id)).toContain('cloud-lb/203.0.113.50');
    expect(overlaps(shop)).toBe(false);
    expect(inside(shop)).toBe(true);
    // A small group draws each edge to its members.
    expect(v.edges.find((e) => e.source === 'apiserver-proxy' && e.target === 'service/shop/web')).toBeDefined();
    expect(v.edges.filter((e) => e.onHighlightOnly)).toEqual([]);
    // A pod sits beside the first service that selects it.
    const at = (id: string) => shop.members.find((m) => m.node.id === id)!;
    expect(at('pod/shop/web-1').y).toBe(at('service/shop/web').y);
    expect(at('pod/shop/web-1').x).toBeGreaterThan(at('service/shop/web').x);
  });

  it(`collapses a namespace of more than ${COLLAPSE_AT} services to one node its edges join, unless the user opened it`, () => {
    const t = demoLike(1000);
    const v = toViewGraph(t, {});
    const bulk = v.groups.find((g) => g.namespace === 'bulk')!;
    expect(bulk).toMatchObject({ collapsed: true, services: 1000, pods: 2, members: [] });
    expect(v.drawnAs.get('service/bulk/svc-00042')).toBe(groupId('bulk'));
    // 1,000 edges from the apiserver proxy become one, standing for all of them; inner edges go.
    const into = v.edges.filter((e) => e.target === groupId('bulk'));
    expect(into).toHaveLength(1);
    expect(into[0]!.keys).toHaveLength(1000);
    expect(v.edges.some((e) => e.source === groupId('bulk'))).toBe(false);
    // The shop group is unaffected.
    expect(v.groups.find((g) => g.namespace === 'shop')!.collapsed).toBe(false);
  });

  it('opens a large namespace as a grid: edges from outside join at the group, inner edges wait for a highlight', () => {
    const v = toViewGraph(demoLike(1000), { bulk: true });
    const bulk = v.groups.find((g) => g.namespace === 'bulk')!;
    expect(bulk).toMatchObject({ collapsed: false, detailed: false });
    expect(bulk.members).toHaveLength(1002);
    expect(overlaps(bulk)).toBe(false);
    expect(inside(bulk)).toBe(true);
    // Readable as a block: wider than tall, not one 50,000-pixel column.
    expect(bulk.width).toBeGreaterThan(bulk.height);
    expect(bulk.height).toBeLessThan(5000);
    expect(v.edges.filter((e) => e.target === groupId('bulk'))).toHaveLength(1);
    const inner = v.edges.filter((e) => e.source.startsWith('service/bulk/'));
    expect(inner).toHaveLength(2000);
    expect(inner.every((e) => e.onHighlightOnly)).toBe(true);
  });

  it('closes a small namespace when the user collapses it', () => {
    const v = toViewGraph(demoLike(), { shop: false });
    expect(v.groups[0]).toMatchObject({ collapsed: true, members: [], ...SIZE.collapsed });
    expect(
      v.edges
        .filter((e) => e.target === groupId('shop'))
        .map((e) => e.source)
        .sort(),
    ).toEqual(['apiserver-proxy', 'kube-proxy/w1', 'kube-proxy/w2']);
  });
});
