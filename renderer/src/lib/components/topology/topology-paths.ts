// Path highlight (docs/topology.md, The model): every request path from this laptop to a chosen
// node. An edge lies on such a path when its source is reachable from `browser` and its target
// reaches the chosen node, so two breadth-first searches (forwards from the browser, backwards
// from the node) find every path at once, however many there are; a third (forwards from the
// node) adds where the paths go on to.
import type { Topology, TopologyEdge } from '../../../../../electron/shared/ipc-contract.ts';

export interface PathHighlight {
  /** Ids of the nodes on some path from the browser to the target (both ends included). */
  nodes: ReadonlySet<string>;
  /** `edgeKey` of each edge on some path. */
  edges: ReadonlySet<string>;
}

const BROWSER_ID = 'browser';

export function edgeKey(e: TopologyEdge): string {
  return `${e.from}→${e.to}→${e.kind}`;
}

function reach(start: string, next: ReadonlyMap<string, readonly string[]>): Set<string> {
  const seen = new Set([start]);
  const queue = [start];
  for (let i = 0; i < queue.length; i++) {
    for (const n of next.get(queue[i]!) ?? []) {
      if (seen.has(n)) continue;
      seen.add(n);
      queue.push(n);
    }
  }
  return seen;
}

function adjacency(edges: readonly TopologyEdge[], forward: boolean): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const e of edges) {
    const [a, b] = forward ? [e.from, e.to] : [e.to, e.from];
    const list = out.get(a);
    if (list) list.push(b);
    else out.set(a, [b]);
  }
  return out;
}

/**
 * Every path from `browser` through `target`: the ways to it and, past it, where it leads (a
 * pod leads nowhere, so for a pod these are exactly the paths to it). A path keeps to one kind of
 * edge, as the model draws them (api, forward, external): a forward's stream does not continue
 * through the apiserver proxy just because both cross the same apiserver. Empty when the browser
 * cannot reach it.
 */
export function pathsThrough(topology: Pick<Topology, 'edges'>, target: string): PathHighlight {
  const nodes = new Set<string>();
  const edges = new Set<string>();
  for (const kind of new Set(topology.edges.map((e) => e.kind))) {
    const ofKind = topology.edges.filter((e) => e.kind === kind);
    const forward = adjacency(ofKind, true);
    const fromBrowser = reach(BROWSER_ID, forward);
    if (!fromBrowser.has(target)) continue;
    const toTarget = reach(target, adjacency(ofKind, false));
    const fromTarget = reach(target, forward);
    const before = (id: string): boolean => fromBrowser.has(id) && toTarget.has(id);
    for (const id of fromBrowser) if (before(id) || fromTarget.has(id)) nodes.add(id);
    for (const e of ofKind) if ((before(e.from) && before(e.to)) || (fromTarget.has(e.from) && fromTarget.has(e.to))) edges.add(edgeKey(e));
  }
  return { nodes, edges };
}
