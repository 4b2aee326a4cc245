// `kubedesk topology` without --json (docs/cli.md, topology): the graph as a tree from this laptop,
// each node once; a node reached again is named with "(above)" instead of repeating its subtree.
import type { Topology, TopologyNode } from '../../shared/contract/topology.ts';

function line(n: TopologyNode): string {
  return `${n.kind} ${n.label} [${n.status}]${n.detail ? `  ${n.detail}` : ''}`;
}

export function formatTopology(t: Topology): string[] {
  const byId = new Map(t.nodes.map((n) => [n.id, n]));
  const out = new Map<string, string[]>();
  for (const e of t.edges) {
    let list = out.get(e.from);
    if (!list) out.set(e.from, (list = []));
    if (!list.includes(e.to)) list.push(e.to);
  }
  const lines: string[] = [];
  const seen = new Set<string>();
  const walk = (id: string, prefix: string, last: boolean, root: boolean): void => {
    const n = byId.get(id)!;
    const branch = root ? '' : last ? '└── ' : '├── ';
    if (seen.has(id)) {
      lines.push(`${prefix}${branch}${n.kind} ${n.label} (above)`);
      return;
    }
    seen.add(id);
    lines.push(`${prefix}${branch}${line(n)}`);
    const children = out.get(id) ?? [];
    const childPrefix = root ? '' : prefix + (last ? '    ' : '│   ');
    children.forEach((c, i) => walk(c, childPrefix, i === children.length - 1, false));
  };
  walk('browser', '', true, true);
  // Hops no path reaches (a kube-proxy not detected, pods of no service) are listed after the tree.
  const rest = t.nodes.filter((n) => !seen.has(n.id));
  if (rest.length > 0) {
    lines.push('', 'Not on a path from this laptop:');
    for (const n of rest) lines.push(`  ${line(n)}`);
  }
  return lines;
}
