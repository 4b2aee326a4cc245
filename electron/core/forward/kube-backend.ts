// The cluster side of a forward session: resolution, probes, tunnels and the pod watch, all
// through one ClusterConnection (docs/port-forward.md).
import type { ClusterConnection } from '../cluster/cluster-connection.ts';
import { kubeJson } from '../cluster/kube-request.ts';
import { KubeDeskError } from '../errors.ts';
import type { Pod } from '../kube/kube-objects.ts';
import type { ForwardBackend } from './forward-backend.ts';
import { watchPods } from './pod-watch.ts';
import { resolveAgain, resolveInitial, type ForwardRequest } from './resolve-target.ts';
import { openTunnel } from './tunnel-open.ts';
import { pipeThroughTunnel } from './tunnel-pipe.ts';
import { probeTunnel, PROBE_SETTLE_MS } from './tunnel-probe.ts';

export interface KubeBackendOptions {
  conn: ClusterConnection;
  request: ForwardRequest;
  spread?: boolean;
  /** kubectl `--pod-running-timeout` (1m0s): how long start waits for a first pod. */
  podRunningTimeoutMs?: number;
  probeSettleMs?: number;
}

export function createKubeBackend(o: KubeBackendOptions): ForwardBackend {
  const { conn, request } = o;
  const endpoint = (pod: string): { conn: ClusterConnection; namespace: string; pod: string } => ({
    conn,
    namespace: request.namespace,
    pod,
  });
  return {
    resolve: (signal) =>
      resolveInitial(conn, request, { podRunningTimeoutMs: o.podRunningTimeoutMs ?? 60_000, spread: o.spread ?? false, signal }),
    reresolve: (signal) => resolveAgain(conn, request, { spread: o.spread ?? false, signal }),
    probe: (pod, signal) =>
      probeTunnel(
        endpoint(pod.name),
        pod.pairs.map((p) => p.remote),
        signal,
        o.probeSettleMs ?? PROBE_SETTLE_MS,
      ),
    forward: async (socket, pod, index, hooks, signal) => {
      const remote = pod.pairs[index]!.remote;
      const ws = await openTunnel(endpoint(pod.name), [remote], signal);
      hooks.onOpen?.();
      return pipeThroughTunnel(socket, ws, hooks, signal);
    },
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
