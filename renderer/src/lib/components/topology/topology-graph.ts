// From the model to what the view draws: the hops (browser, proxies, apiservers, nodes) stay
// single nodes; the services and pods of each namespace go in a group, laid out here as a grid
// (services, then their pods beside them), so 1,000 services read as a block rather than one
// 40,000-pixel column. A large namespace starts collapsed to one summary node; expanded, its
// edges to the outside join at the group, and its inner edges show only on a highlighted path.
import type { Topology, TopologyEdgeKind, TopologyNode } from '../../../../../electron/shared/ipc-contract.ts';
import { edgeKey } from './topology-paths.ts';

export const SIZE = {
  hop: { width: 210, height: 56 },
  item: { width: 190, height: 42 },
  collapsed: { width: 230, height: 70 },
} as const;
const ROW = SIZE.item.height + 10;
const COLUMN_GAP = 56;
const PAIR_GAP = 36;
const PAD = 14;
const HEADER = 38;
/** A namespace with more services than this starts collapsed. */
export const COLLAPSE_AT = 40;
/** Expanded, a group with more members than this draws its edges at the group (and inner ones on a highlight only). */
const DETAILED_UP_TO = 80;

export const groupId = (namespace: string): string => `namespace/${namespace}`;

export interface GroupMember {
  node: TopologyNode;
  /** Relative to the group's top-left corner. */
  x: number;
  y: number;
}

export interface NamespaceGroup {
  id: string;
  namespace: string;
  collapsed: boolean;
  /** Draws every edge into its members (small groups) or joins them at the group (large ones). */
  detailed: boolean;
  services: number;
  pods: number;
  /** Members not ready (services without a ready pod, pods not ready). */
  notReady: number;
  width: number;
  height: number;
  /** Empty when collapsed. */
  members: GroupMember[];
}

export interface ViewEdge {
  id: string;
  source: string;
  target: string;
  kind: TopologyEdgeKind;
  /** The model edges it stands for (`edgeKey`), for the path highlight. */
  keys: string[];
  /** Inside a large group: drawn only when highlighted. */
  onHighlightOnly: boolean;
}

export interface ViewGraph {
  hops: TopologyNode[];
  groups: NamespaceGroup[];
  edges: ViewEdge[];
  /** Model node id → the id it is drawn as (itself, or its collapsed group). */
  drawnAs: ReadonlyMap<string, string>;
}

const grouped = (n: TopologyNode): boolean => (n.kind === 'service' || n.kind === 'pod') && n.namespace !== undefined;

/** Rows per column for `slots` rows of `columnWidth`: one column up to 16, then about 16:10 overall. */
function rowsFor(slots: number, columnWidth: number): number {
  if (slots <= 16) return Math.max(1, slots);
  return Math.max(16, Math.ceil(Math.sqrt((slots * columnWidth) / (1.6 * ROW))));
}

/** Services in a grid; each service's pods (the first time one is seen) beside it, in the same rows. */
function layoutMembers(
  services: TopologyNode[],
  pods: TopologyNode[],
  podsOf: (id: string) => string[],
  detailed: boolean,
): { members: GroupMember[]; width: number; height: number } {
  const byId = new Map(pods.map((p) => [p.id, p]));
  const placed = new Set<string>();
  const members: GroupMember[] = [];
  if (!detailed) {
    // Large: services fill a grid, pods get a column of their own on the right.
    const rows = rowsFor(services.length, SIZE.item.width + PAIR_GAP);
    services.forEach((node, i) => {
      members.push({ node, x: PAD + Math.floor(i / rows) * (SIZE.item.width + PAIR_GAP), y: HEADER + (i % rows) * ROW });
    });
    const columns = Math.max(1, Math.ceil(services.length / rows));
    const podX = PAD + columns * (SIZE.item.width + PAIR_GAP) + COLUMN_GAP - PAIR_GAP;
    pods.forEach((node, i) => members.push({ node, x: podX, y: HEADER + i * ROW }));
    return { members, ...bounds(members) };
  }
  // Small: rows of [service, pod]; a service with several new pods takes several rows.
  const rowsOfPairs: Array<[TopologyNode | null, TopologyNode | null]> = [];
  for (const s of services) {
    const mine = podsOf(s.id).filter((p) => byId.has(p) && !placed.has(p));
    mine.forEach((p) => placed.add(p));
    if (mine.length === 0) rowsOfPairs.push([s, null]);
    mine.forEach((p, i) => rowsOfPairs.push([i === 0 ? s : null, byId.get(p)!]));
  }
  for (const p of pods) if (!placed.has(p.id)) rowsOfPairs.push([null, p]);
  const hasPods = pods.length > 0;
  const pairWidth = SIZE.item.width * (hasPods ? 2 : 1) + (hasPods ? COLUMN_GAP : 0);
  const rows = rowsFor(rowsOfPairs.length, pairWidth + PAIR_GAP);
  rowsOfPairs.forEach(([s, p], i) => {
    const x = PAD + Math.floor(i / rows) * (pairWidth + PAIR_GAP);
    const y = HEADER + (i % rows) * ROW;
    if (s) members.push({ node: s, x, y });
    if (p) members.push({ node: p, x: hasPods ? x + SIZE.item.width + COLUMN_GAP : x, y });
  });
  return { members, ...bounds(members) };
}

function bounds(members: readonly GroupMember[]): { width: number; height: number } {
  let width: number = SIZE.collapsed.width;
  let height: number = HEADER + SIZE.item.height + PAD;
  for (const m of members) {
    width = Math.max(width, m.x + SIZE.item.width + PAD);
    height = Math.max(height, m.y + SIZE.item.height + PAD);
  }
  return { width, height };
}

/**
 * Groups the model for drawing. `expanded` overrides the default per namespace (true: open,
 * false: collapsed); without an entry a namespace is collapsed when it has more than COLLAPSE_AT services.
 */
export function toViewGraph(topology: Topology, expanded: Readonly<Record<string, boolean>>): ViewGraph {
  const hops: TopologyNode[] = [];
  const byNamespace = new Map<string, { services: TopologyNode[]; pods: TopologyNode[] }>();
  for (const n of topology.nodes) {
    if (!grouped(n)) {
      hops.push(n);
      continue;
    }
    const g = byNamespace.get(n.namespace!) ?? { services: [], pods: [] };
    (n.kind === 'service' ? g.services : g.pods).push(n);
    byNamespace.set(n.namespace!, g);
  }
  const podsOfService = new Map<string, string[]>();
  for (const e of topology.edges) {
    if (!e.from.startsWith('service/') || !e.to.startsWith('pod/')) continue;
    const list = podsOfService.get(e.from);
    if (list) list.push(e.to);
    else podsOfService.set(e.from, [e.to]);
  }

  const groups: NamespaceGroup[] = [];
  const drawnAs = new Map<string, string>();
  const memberOf = new Map<string, NamespaceGroup>();
  for (const n of hops) drawnAs.set(n.id, n.id);
  for (const [namespace, { services, pods }] of [...byNamespace].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const id = groupId(namespace);
    const collapsed = !(expanded[namespace] ?? services.length <= COLLAPSE_AT);
    const detailed = services.length + pods.length <= DETAILED_UP_TO;
    const notReady = [...services, ...pods].filter((n) => n.status === 'not-ready').length;
    const inner = collapsed
      ? { members: [], ...SIZE.collapsed }
      : layoutMembers(services, pods, (s) => podsOfService.get(s) ?? [], detailed);
    const group: NamespaceGroup = { id, namespace, collapsed, detailed, services: services.length, pods: pods.length, notReady, ...inner };
    groups.push(group);
    for (const n of [...services, ...pods]) {
      drawnAs.set(n.id, collapsed ? id : n.id);
      memberOf.set(n.id, group);
    }
  }

  const edges = new Map<string, ViewEdge>();
  for (const e of topology.edges) {
    let source = drawnAs.get(e.from);
    let target = drawnAs.get(e.to);
    if (source === undefined || target === undefined || source === target) continue;
    const from = memberOf.get(e.from);
    const to = memberOf.get(e.to);
    const inside = from !== undefined && from === to;
    // A large group's edges to the outside join at the group itself.
    if (from && !from.collapsed && !from.detailed && !inside) source = from.id;
    if (to && !to.collapsed && !to.detailed && !inside) target = to.id;
    const id = `${source}→${target}→${e.kind}`;
    const known = edges.get(id);
    if (known) known.keys.push(edgeKey(e));
    else
      edges.set(id, { id, source, target, kind: e.kind, keys: [edgeKey(e)], onHighlightOnly: inside && !from.detailed && !from.collapsed });
  }
  return { hops, groups, edges: [...edges.values()], drawnAs };
}
