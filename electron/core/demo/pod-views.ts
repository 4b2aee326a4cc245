// A pod as clients see it on the way in and on the way out: while the kubelet creates its
// containers (Pending, no IP yet, ContainerCreating), and while it terminates after a DELETE
// (deletionTimestamp set, not ready), as pkg/kubelet/status/status_manager.go reports them.
import { isoSeconds } from './iso-seconds.ts';
import type { Pod } from '../kube/kube-objects.ts';
import { containersNotReady } from './pod-status.ts';

/** The same pod a moment earlier: scheduled, IP not yet assigned, containers being created. */
export function startingView(pod: Pod): Pod {
  const notReady = containersNotReady(pod.spec.containers);
  const { podIP: _ip, podIPs: _ips, ...status } = pod.status;
  return {
    ...pod,
    status: {
      ...status,
      phase: 'Pending',
      conditions: (pod.status.conditions ?? []).map((c) =>
        c.type === 'Ready' || c.type === 'ContainersReady'
          ? { ...c, status: 'False', ...notReady }
          : c.type === 'PodReadyToStartContainers'
            ? { ...c, status: 'False' }
            : c,
      ),
      containerStatuses: (pod.status.containerStatuses ?? []).map(({ containerID: _id, ...cs }) => ({
        ...cs,
        ready: false,
        started: false,
        state: { waiting: { reason: 'ContainerCreating' } },
      })),
    },
  };
}

/** The pod as the kubelet reports it while it terminates (deletionTimestamp set, not ready). */
export function terminatingView(pod: Pod, at: Date): Pod {
  return {
    ...pod,
    metadata: { ...pod.metadata, deletionTimestamp: isoSeconds(at), deletionGracePeriodSeconds: 30 },
    status: {
      ...pod.status,
      conditions: (pod.status.conditions ?? []).map((c) =>
        c.type === 'Ready' || c.type === 'ContainersReady' ? { ...c, status: 'False', lastTransitionTime: isoSeconds(at) } : c,
      ),
      containerStatuses: (pod.status.containerStatuses ?? []).map((cs) => ({ ...cs, ready: false })),
    },
  };
}
