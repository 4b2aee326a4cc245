// The graph of the topology as it is built (docs/topology.md, The model): each node once (the first
// drawn wins, so its id stays stable), each edge once per kind, in the order they were drawn.
import type { TopologyEdge, TopologyEdgeKind, TopologyNode } from '../../shared/contract/topology.ts';

/** Ids of the hops there is always exactly one of. */
export const BROWSER = 'browser';
export const APISERVER_PROXY = 'apiserver-proxy';

export class GraphBuilder {
  readonly nodes = new Map<string, TopologyNode>();
  readonly edges: TopologyEdge[] = [];
  readonly #edgeKeys = new Set<string>();

  node(n: TopologyNode): string {
    if (!this.nodes.has(n.id)) this.nodes.set(n.id, n);
    return n.id;
  }

  edge(from: string, to: string, kind: TopologyEdgeKind): void {
    const key = `${from}→${to}→${kind}`;
    if (this.#edgeKeys.has(key)) return;
    this.#edgeKeys.add(key);
    this.edges.push({ from, to, kind });
  }

  /** from → each apiserver (through the LB when there is one). */
  toApiservers(from: string, kind: TopologyEdgeKind, lb: string | null, apiservers: readonly string[]): void {
    if (lb) {
      this.edge(from, lb, kind);
      for (const a of apiservers) this.edge(lb, a, kind);
    } else for (const a of apiservers) this.edge(from, a, kind);
  }
}
