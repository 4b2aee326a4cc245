// The topology of a context right now (docs/topology.md): the cluster's side read once
// (read-topology.ts) joined with what this face runs (its proxies, forwards and gateways).
import type { ForwardInfo } from '../../shared/contract/forward.ts';
import type { ProxyInfo } from '../../shared/contract/proxy.ts';
import type { GatewayInfo } from '../../shared/contract/services.ts';
import type { Topology } from '../../shared/contract/topology.ts';
import type { Connect } from '../cluster/connection-provider.ts';
import { buildTopology } from './build-topology.ts';
import { readTopologyInput } from './read-topology.ts';

export interface TopologySources {
  connect: Connect;
  proxies(): readonly ProxyInfo[];
  forwards(): readonly ForwardInfo[];
  gateways(): readonly GatewayInfo[];
}

export async function currentTopology(
  sources: TopologySources,
  context: string | undefined,
  /** Null: every namespace; undefined: the context's namespace. */
  scope: string | null | undefined,
  signal?: AbortSignal,
): Promise<Topology> {
  const conn = await sources.connect(context, signal);
  try {
    const namespace = scope === undefined ? conn.namespace : scope;
    const cluster = await readTopologyInput(conn, namespace, signal);
    return buildTopology({
      context: conn.context,
      namespace,
      server: conn.server,
      ...cluster,
      proxies: sources.proxies(),
      forwards: sources.forwards(),
      gateways: sources.gateways(),
    });
  } finally {
    conn.dispose();
  }
}
