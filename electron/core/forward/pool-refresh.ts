// Spreading forwards (services, deployments): a pod joins the rotation only once a real probe
// through it passed, as a forward is Active only after one did (session-state.ts). While Active,
// newly ready pods the watch reports are re-resolved (docs/port-forward.md, Pod choice), probed
// and added.
import type { ForwardBackend } from './forward-backend.ts';
import type { Pod } from '../kube/kube-objects.ts';
import { isPodReady, isPodUsable } from './pod-order.ts';
import type { ResolvedPod } from './resolve-target.ts';
import type { SessionState } from './session-state.ts';

/** The pods of `pods` a probe through the tunnel passed, in order. */
export async function probedPods(backend: ForwardBackend, pods: ResolvedPod[], signal: AbortSignal): Promise<ResolvedPod[]> {
  const results = await Promise.allSettled(pods.map((p) => backend.probe(p, signal)));
  return pods.filter((_, i) => results[i]!.status === 'fulfilled');
}

interface PoolRefreshDeps {
  state: SessionState;
  backend: ForwardBackend;
  signal: AbortSignal;
  /** Keeps a background task until the session is disposed. */
  track(task: Promise<unknown>): void;
}

export class PoolRefresh {
  #d: PoolRefreshDeps;
  #refreshing: Promise<void> | undefined;

  constructor(deps: PoolRefreshDeps) {
    this.#d = deps;
  }

  /** Adds newly ready pods among `pods` to the rotation once a probe through each passes. */
  maybeRefresh(pods: readonly Pod[]): void {
    const { state } = this.#d;
    const fresh = pods.filter((p) => isPodUsable(p) && isPodReady(p) && !state.pool.some((x) => x.name === p.metadata.name));
    if (fresh.length === 0 || this.#refreshing) return;
    this.#refreshing = (async () => {
      const res = await this.#d.backend.reresolve(this.#d.signal);
      const candidates = res.pods.filter((p) => !state.pool.some((x) => x.name === p.name));
      const ok = await probedPods(this.#d.backend, candidates, this.#d.signal);
      if (state.state === 'active') state.pool = [...state.pool, ...ok.filter((p) => !state.pool.some((x) => x.name === p.name))];
      state.statsChanged();
    })()
      .catch(() => {})
      .finally(() => (this.#refreshing = undefined));
    this.#d.track(this.#refreshing);
  }
}
