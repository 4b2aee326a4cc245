// The periodic check of an Active forward (docs/port-forward.md, Pod loss): every
// `intervalMs`, on the timer all forwards share (shared-interval.ts; one wake-up a period for a
// hundred forwards, not a hundred: docs/port-forward.md, Idle cost), it asks whether the apiserver
// still answers and the pod is still usable. A pod gone is a loss; a failed check asks for a real
// probe through the tunnel.
import { errorText } from './error-text.ts';
import type { ForwardBackend } from './forward-backend.ts';
import { podGoneReason } from './pod-gone-reason.ts';
import { isPodUsable } from './pod-order.ts';
import type { SessionState } from './session-state.ts';
import { onSharedInterval } from './shared-interval.ts';

interface HealthCheckDeps {
  state: SessionState;
  backend: ForwardBackend;
  signal: AbortSignal;
  intervalMs: number;
  /** Keeps a background task until the session is disposed. */
  track(task: Promise<unknown>): void;
  podLost(name: string, reason: string): void;
  verify(why: string): Promise<void>;
}

export class HealthCheck {
  #d: HealthCheckDeps;
  /** Leaves the shared health-check timer (shared-interval.ts); set while checks are armed. */
  #stop: (() => void) | undefined;

  constructor(deps: HealthCheckDeps) {
    this.#d = deps;
  }

  /** Checks the forward every `intervalMs` while it is Active. */
  arm(): void {
    const every = this.#d.intervalMs;
    if (every <= 0 || this.#d.state.ended || this.#stop) return;
    this.#stop = onSharedInterval(every, () => {
      // Failed: nothing is left to check.
      if (this.#d.state.ended) this.disarm();
      else if (this.#d.state.state === 'active') this.#d.track(this.#check());
    });
  }

  disarm(): void {
    this.#stop?.();
    this.#stop = undefined;
  }

  async #check(): Promise<void> {
    const pod = this.#d.state.pool[0];
    if (!pod) return;
    // On SPDY the kept-open connection's pings already show the apiserver answering within the
    // interval, and the pod watch reports the pod's changes: no GET, so a hundred idle forwards
    // cost next to nothing (docs/port-forward.md, Pod loss). v4 has no such connection: it asks.
    if (this.#d.backend.answeredWithin?.(pod.name, this.#d.intervalMs)) return;
    try {
      const seen = await this.#d.backend.podStatus(pod.name, this.#d.signal);
      if (!seen) this.#d.podLost(pod.name, `pod ${pod.name} is gone`);
      else if (!isPodUsable(seen)) this.#d.podLost(pod.name, podGoneReason(seen));
    } catch (err) {
      if (!this.#d.signal.aborted) void this.#d.verify(`health check failed: ${errorText(err)}`);
    }
  }
}
