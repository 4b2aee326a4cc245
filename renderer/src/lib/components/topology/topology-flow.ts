// The view graph, placed, as Svelte Flow nodes and edges: hops and members as `hop` nodes,
// namespaces as `namespace` group nodes (members positioned inside them), the highlighted path
// marked and the rest dimmed. Rebuilt on every status change; positions come from the last layout.
import type { Edge, Node } from '@xyflow/svelte';
import type { TopologyNode } from '../../../../../electron/shared/ipc-contract.ts';
import { SIZE, type NamespaceGroup, type ViewEdge, type ViewGraph } from './topology-graph.ts';
import type { Positions } from './topology-layout.ts';
import type { PathHighlight } from './topology-paths.ts';

export interface HopData extends Record<string, unknown> {
  node: TopologyNode;
  selected: boolean;
  mark: Mark;
}

export interface GroupData extends Record<string, unknown> {
  group: NamespaceGroup;
  mark: Mark;
  toggle: () => void;
  /** Large groups draw their members themselves: the mark of each, the chosen one, the highlighted inner edges. */
  markOf: (id: string) => Mark;
  selectedId: string | null;
  select: (id: string) => void;
  innerEdges: ViewEdge[];
}

/** On the highlighted path, off it (dimmed), or no highlight shown. */
export type Mark = 'on' | 'off' | 'none';

export interface FlowInput {
  view: ViewGraph;
  positions: Positions;
  highlight: PathHighlight | null;
  selectedId: string | null;
  toggle: (namespace: string) => void;
  select: (id: string) => void;
}

/**
 * Small groups give each member a Svelte Flow node of its own (edges reach them one by one);
 * large ones draw their members inside the group node, so Svelte Flow, whose every update walks
 * all its nodes, handles a few dozen nodes whatever the namespace holds.
 */
export function toFlow({ view, positions, highlight, selectedId, toggle, select }: FlowInput): { nodes: Node[]; edges: Edge[] } {
  const mark = (on: boolean): Mark => (highlight === null ? 'none' : on ? 'on' : 'off');
  const nodes: Node[] = [];
  for (const h of view.hops) {
    const data: HopData = { node: h, selected: h.id === selectedId, mark: mark(highlight?.nodes.has(h.id) ?? false) };
    nodes.push({
      id: h.id,
      type: 'hop',
      position: positions.get(h.id) ?? { x: 0, y: 0 },
      ...SIZE.hop,
      data,
      draggable: false,
      connectable: false,
    });
  }
  for (const g of view.groups) {
    const on =
      highlight !== null &&
      (g.members.length === 0
        ? [...highlight.nodes].some((id) => view.drawnAs.get(id) === g.id)
        : g.members.some((m) => highlight.nodes.has(m.node.id)));
    const onEdge = (e: ViewEdge): boolean => highlight !== null && e.keys.some((k) => highlight.edges.has(k));
    const data: GroupData = {
      group: g,
      mark: mark(on),
      toggle: () => toggle(g.namespace),
      markOf: (id) => mark(highlight?.nodes.has(id) ?? false),
      selectedId,
      select,
      innerEdges: g.detailed
        ? []
        : view.edges.filter((e) => e.onHighlightOnly && onEdge(e) && g.members.some((m) => m.node.id === e.source)),
    };
    nodes.push({
      id: g.id,
      type: 'namespace',
      position: positions.get(g.id) ?? { x: 0, y: 0 },
      width: g.width,
      height: g.height,
      data,
      draggable: false,
      connectable: false,
      selectable: false,
    });
    if (!g.detailed) continue;
    for (const m of g.members) {
      const hop: HopData = { node: m.node, selected: m.node.id === selectedId, mark: mark(highlight?.nodes.has(m.node.id) ?? false) };
      nodes.push({
        id: m.node.id,
        type: 'hop',
        parentId: g.id,
        position: { x: m.x, y: m.y },
        ...SIZE.item,
        data: hop,
        draggable: false,
        connectable: false,
      });
    }
  }
  const edges: Edge[] = [];
  for (const e of view.edges) {
    const on = highlight !== null && e.keys.some((k) => highlight.edges.has(k));
    if (e.onHighlightOnly) continue; // inside a large group: the group draws it (TopologyNamespace.svelte)
    edges.push({
      id: e.id,
      source: e.source,
      target: e.target,
      class: `kd-edge ${e.kind} ${mark(on)}`,
      selectable: false,
      focusable: false,
      zIndex: on ? 1 : 0,
    });
  }
  return { nodes, edges };
}
