// Why a pod no longer carries a forward, as the pod watch or a health check sees it
// (docs/port-forward.md, Pod loss: deleted, terminating or no longer Running).
import type { Pod } from '../kube/kube-objects.ts';

export function podGoneReason(pod: Pod): string {
  const name = pod.metadata.name ?? '';
  if (pod.metadata.deletionTimestamp) return `pod ${name} is terminating`;
  return `pod ${name} is not running (phase ${pod.status?.phase ?? 'unknown'})`;
}
