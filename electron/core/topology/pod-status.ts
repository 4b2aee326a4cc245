// A pod's status on the topology (docs/topology.md, Statuses): ready when Running with its Ready
// condition True; a not-ready pod's detail names its first waiting reason, else its phase.
import type { Pod } from '../kube/kube-objects.ts';
import { isPodReady } from '../forward/pod-order.ts';

export function podReady(pod: Pod): boolean {
  return pod.status.phase === 'Running' && isPodReady(pod);
}

export function podReason(pod: Pod): string {
  for (const cs of pod.status.containerStatuses ?? []) {
    const waiting = cs.state?.['waiting']?.['reason'];
    if (typeof waiting === 'string' && waiting) return waiting;
  }
  return pod.status.reason ?? pod.status.phase ?? 'Unknown';
}
