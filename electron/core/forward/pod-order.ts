// kubectl's pod choice for a service or deployment (docs/port-forward.md, Pod choice): sort.Reverse(ActivePods),
// take the first (kubectl/pkg/util/podutils/podutils.go). The first differing rule wins:
// scheduled first; Running, Unknown, then Pending/others; Ready first; both Ready: earlier Ready
// lastTransitionTime first (missing last); lower max restartCount; older creationTimestamp.
import type { Pod } from '../kube/kube-objects.ts';

export function isPodReady(pod: Pod): boolean {
  return pod.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;
}

function isPodRunning(pod: Pod): boolean {
  return pod.status?.phase === 'Running';
}

/** Running and not being deleted: a pod a forward may use (docs/port-forward.md, Pod loss). */
export function isPodUsable(pod: Pod): boolean {
  return isPodRunning(pod) && !pod.metadata.deletionTimestamp;
}

function readyTime(pod: Pod): number {
  const c = pod.status?.conditions?.find((x) => x.type === 'Ready' && x.status === 'True');
  return c?.lastTransitionTime ? Date.parse(c.lastTransitionTime) : 0;
}

function maxRestarts(pod: Pod): number {
  return Math.max(0, ...(pod.status?.containerStatuses ?? []).map((c) => c.restartCount ?? 0));
}

function created(pod: Pod): number {
  return pod.metadata.creationTimestamp ? Date.parse(pod.metadata.creationTimestamp) : 0;
}

// Go's `afterOrZero(t1, t2)`: t1 after t2, a zero time counting as after any other.
function afterOrZero(t1: number, t2: number): boolean {
  if (t1 === 0 || t2 === 0) return t1 === 0;
  return t1 > t2;
}

const PHASE_RANK: Record<string, number> = { Pending: 0, Unknown: 1, Running: 2 };

/** ActivePods.Less(a, b): a is "less active" than b (the better pod sorts last). */
function activePodsLess(a: Pod, b: Pod): boolean {
  const na = a.spec?.nodeName ?? '';
  const nb = b.spec?.nodeName ?? '';
  if (na !== nb && (na === '' || nb === '')) return na === '';
  const pa = PHASE_RANK[a.status?.phase ?? ''] ?? 0;
  const pb = PHASE_RANK[b.status?.phase ?? ''] ?? 0;
  if (pa !== pb) return pa < pb;
  const ra = isPodReady(a);
  const rb = isPodReady(b);
  if (ra !== rb) return !ra;
  if (ra && rb && readyTime(a) !== readyTime(b)) return afterOrZero(readyTime(a), readyTime(b));
  if (maxRestarts(a) !== maxRestarts(b)) return maxRestarts(a) > maxRestarts(b);
  if (created(a) !== created(b)) return afterOrZero(created(a), created(b));
  return false;
}

/** Pods in kubectl's preference order: `sort.Reverse(ActivePods)`, best first; stable on ties. */
export function sortPodsForForward(pods: readonly Pod[]): Pod[] {
  return [...pods].sort((a, b) => (activePodsLess(b, a) ? -1 : activePodsLess(a, b) ? 1 : 0));
}

/** The pod kubectl would pick, or undefined for an empty list. */
export function choosePod(pods: readonly Pod[]): Pod | undefined {
  return sortPodsForForward(pods)[0];
}
