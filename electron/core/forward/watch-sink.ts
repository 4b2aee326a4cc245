// What a forward makes of its pod watch (pod-watch.ts; docs/port-forward.md, Pod loss): a pod
// of the rotation deleted, terminating or no longer Running is lost; a usable pod wakes a
// Reconnecting forward; when spreading, a new ready pod may join the rotation; a failed watch
// asks an Active forward for a real probe.
import type { Pod } from '../kube/kube-objects.ts';
import { errorText } from './error-text.ts';
import { podGoneReason } from './pod-gone-reason.ts';
import { isPodUsable } from './pod-order.ts';
import type { PodSink } from './pod-watch.ts';
import type { SessionState } from './session-state.ts';

interface WatchSinkDeps {
  state: SessionState;
  spread: boolean;
  podLost(name: string, reason: string): void;
  /** Cuts the current backoff short. */
  wake(): void;
  verify(why: string): Promise<void>;
  /** Spreading: new ready pods may join the rotation (pool-refresh.ts). */
  refreshPool(pods: readonly Pod[]): void;
}

export function watchSink(d: WatchSinkDeps): PodSink {
  const { state } = d;
  return {
    onSync: (pods) => {
      const byName = new Map(pods.map((p) => [p.metadata.name ?? '', p]));
      for (const p of [...state.pool]) {
        const pod = byName.get(p.name);
        if (!pod || !isPodUsable(pod)) d.podLost(p.name, pod ? podGoneReason(pod) : `pod ${p.name} is gone`);
      }
      if (state.state === 'reconnecting' && pods.some(isPodUsable)) d.wake();
      if (state.state === 'active' && d.spread) d.refreshPool(pods);
    },
    onEvent: (type, pod) => {
      const name = pod.metadata.name ?? '';
      const inPool = state.pool.some((p) => p.name === name);
      if (type === 'DELETED' || !isPodUsable(pod)) {
        if (inPool) d.podLost(name, type === 'DELETED' ? `pod ${name} was deleted` : podGoneReason(pod));
        return;
      }
      if (state.state === 'reconnecting') d.wake();
      else if (state.state === 'active' && d.spread && !inPool) d.refreshPool([pod]);
    },
    onError: (err) => {
      if (state.state === 'active') void d.verify(`watch failed: ${errorText(err)}`);
    },
  };
}
