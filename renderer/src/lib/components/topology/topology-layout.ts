// Places the view's top-level nodes (hops and namespace groups) with ELK's layered algorithm, left
// to right along the request path. Partitions pin each kind to its column whatever edges exist:
// laptop → local proxies, forwards, gateways, cloud LBs → apiserver LB → apiservers → apiserver
// proxy and nodes → kube-proxies → namespaces (services and pods). Groups arrive with their
// size already known (topology-graph.ts lays out their members), so ELK sees a few dozen nodes
// even for 1,000 services and runs on the main thread (test/bench/topology-bench.ts measures it).
import type { ELK, ElkNode } from 'elkjs/lib/elk.bundled.js';
import type { TopologyNodeKind } from '../../../../../electron/shared/ipc-contract.ts';
import { SIZE, type ViewGraph } from './topology-graph.ts';

const COLUMN: Record<TopologyNodeKind | 'namespace', number> = {
  browser: 0,
  'local-proxy': 1,
  'service-gateway': 1,
  'port-forward': 1,
  'cloud-lb': 1,
  'apiserver-lb': 2,
  apiserver: 3,
  'apiserver-proxy': 4,
  kubelet: 4,
  'kube-proxy': 5,
  // Only when a service or pod lacks a namespace (the model always gives one).
  service: 6,
  pod: 7,
  namespace: 6,
};

const LAYOUT_OPTIONS: Record<string, string> = {
  'elk.algorithm': 'layered',
  'elk.direction': 'RIGHT',
  'elk.partitioning.activate': 'true',
  'elk.spacing.nodeNode': '26',
  'elk.layered.spacing.nodeNodeBetweenLayers': '80',
  'elk.layered.nodePlacement.strategy': 'NETWORK_SIMPLEX',
  // Same input, same order: positions stay put across refreshes of an unchanged graph.
  'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
  'elk.randomSeed': '1',
};

export type Positions = ReadonlyMap<string, { x: number; y: number }>;

/** The ELK input for the view's top level: hops and groups as boxes, edges between them. */
export function toElkGraph(view: ViewGraph): ElkNode {
  const topOf = new Map<string, string>();
  for (const h of view.hops) topOf.set(h.id, h.id);
  for (const g of view.groups) {
    topOf.set(g.id, g.id);
    for (const m of g.members) topOf.set(m.node.id, g.id);
  }
  const seen = new Set<string>();
  const edges: NonNullable<ElkNode['edges']> = [];
  for (const e of view.edges) {
    const source = topOf.get(e.source);
    const target = topOf.get(e.target);
    if (!source || !target || source === target) continue;
    const id = `${source}→${target}`;
    if (seen.has(id)) continue;
    seen.add(id);
    edges.push({ id, sources: [source], targets: [target] });
  }
  const partition = (c: number): Record<string, string> => ({ 'elk.partitioning.partition': String(c) });
  return {
    id: 'root',
    layoutOptions: LAYOUT_OPTIONS,
    children: [
      ...view.hops.map((h) => ({ id: h.id, ...SIZE.hop, layoutOptions: partition(COLUMN[h.kind]) })),
      ...view.groups.map((g) => ({ id: g.id, width: g.width, height: g.height, layoutOptions: partition(COLUMN.namespace) })),
    ],
    edges,
  };
}

let elk: ELK | null = null;

/** Top-left corner of each hop and group. */
export async function layoutView(view: ViewGraph): Promise<Positions> {
  // Loaded on first use: ELK is most of the view's code, and only this view needs it. The bundle
  // is CommonJS; its export carries itself as `default` too, which both Vite and Node resolve.
  elk ??= new (await import('elkjs/lib/elk.bundled.js')).default.default();
  const laid = await elk.layout(toElkGraph(view));
  return new Map((laid.children ?? []).map((c) => [c.id, { x: c.x ?? 0, y: c.y ?? 0 }]));
}
