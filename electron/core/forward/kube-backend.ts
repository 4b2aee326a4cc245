// The cluster side of a forward session: resolution, probes, tunnels and the pod watch, all
// through one ClusterConnection (docs/port-forward.md).
import type { ClusterConnection } from '../cluster/cluster-connection.ts';
import { kubeJson } from '../cluster/kube-request.ts';
import { KubeDeskError } from '../errors.ts';
import type { Pod } from '../kube/kube-objects.ts';
import type { ForwardBackend } from './forward-backend.ts';
import { watchPods } from './pod-watch.ts';
import { resolveAgain, resolveInitial, type ForwardRequest } from './resolve-target.ts';
import { LinkPool, TRANSPORT_ORDER, type ForwardTransport } from './spdy/link-pool.ts';
import { LinkLostEarly, pipeThroughSpdy } from './spdy/spdy-pipe.ts';
import { probeLink } from './spdy/spdy-probe.ts';
import { openTunnel, type TunnelEndpoint } from './tunnel-open.ts';
import { pipeThroughTunnel } from './tunnel-pipe.ts';
import { probeTunnel, PROBE_SETTLE_MS } from './tunnel-probe.ts';

export interface KubeBackendOptions {
  conn: ClusterConnection;
  request: ForwardRequest;
  spread?: boolean;
  /** kubectl `--pod-running-timeout` (1m0s): how long start waits for a first pod. */
  podRunningTimeoutMs?: number;
  probeSettleMs?: number;
  /** The wire protocols to try, in order (docs/port-forward.md, Wire protocols); tests and benchmarks force one. */
  transports?: readonly ForwardTransport[];
}

export function createKubeBackend(o: KubeBackendOptions): ForwardBackend {
  const { conn, request } = o;
  const endpoint = (pod: string): TunnelEndpoint => ({ conn, namespace: request.namespace, pod });
  // One connection per pod this forward reaches, one stream pair per local connection.
  const links = new LinkPool(endpoint, o.transports ?? TRANSPORT_ORDER);
  const settleMs = o.probeSettleMs ?? PROBE_SETTLE_MS;
  return {
    resolve: (signal) =>
      resolveInitial(conn, request, { podRunningTimeoutMs: o.podRunningTimeoutMs ?? 60_000, spread: o.spread ?? false, signal }),
    reresolve: (signal) => resolveAgain(conn, request, { spread: o.spread ?? false, signal }),
    probe: async (pod, signal) => {
      const ports = pod.pairs.map((p) => p.remote);
      const link = await links.link(pod.name, signal);
      if (link) return probeLink(link, pod.name, ports, signal, settleMs);
      await probeTunnel(endpoint(pod.name), ports, signal, settleMs);
      links.v4Worked();
    },
    forward: async (socket, pod, index, hooks, signal) => {
      const remote = pod.pairs[index]!.remote;
      for (let attempt = 0; ; attempt++) {
        const link = await links.link(pod.name, signal);
        if (!link) break;
        if (attempt === 0) hooks.onOpen?.();
        try {
          return await pipeThroughSpdy(socket, link, remote, hooks, signal);
        } catch (err) {
          // A kept connection that died unnoticed (the apiserver restarted, the network changed):
          // dial once more before calling the tunnel lost.
          if (!(err instanceof LinkLostEarly) || attempt > 0) throw err;
        }
      }
      const ws = await openTunnel(endpoint(pod.name), [remote], signal);
      links.v4Worked();
      hooks.onOpen?.();
      return pipeThroughTunnel(socket, ws, hooks, signal);
    },
    transport: () => links.transport,
    answeredWithin: (pod, ms) => links.answeredWithin(pod, ms),
    forget: (pod) => links.drop(pod),
    dispose: () => links.dispose(),
    podStatus: async (name, signal) => {
      try {
        return await kubeJson<Pod>(conn, {
          path: `/api/v1/namespaces/${encodeURIComponent(request.namespace)}/pods/${encodeURIComponent(name)}`,
          signal,
          timeoutMs: 10_000,
        });
      } catch (err) {
        if (err instanceof KubeDeskError && err.code === 'not-found') return undefined;
        throw err;
      }
    },
    watch: (resolution, sink, signal) =>
      watchPods(
        conn,
        {
          namespace: request.namespace,
          labelSelector: resolution.selector,
          podName: request.target.kind === 'pod' ? request.target.name : undefined,
        },
        sink,
        signal,
      ),
  };
}
