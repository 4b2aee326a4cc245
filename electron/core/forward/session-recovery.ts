// Loss and recovery for one forward (docs/port-forward.md, Pod loss, where KubeDesk differs from
// kubectl): the pod watch, periodic checks, failed tunnels and re-probes tell it when the pod is
// gone or the apiserver unreachable; it then re-resolves the target and retries with backoff until
// a real probe through the tunnel passes. Each failed attempt is named (failure-reason.ts); TLS or
// credentials refused `maxPermanentFailures` times in a row fail the forward instead of retrying in
// silence.
import { setTimeout as sleep } from 'node:timers/promises';
import { KubeDeskError } from '../errors.ts';
import { toDisposable, type DisposableStore } from '../lifecycle.ts';
import type { Logger } from '../log.ts';
import { backoffDelay, type BackoffOptions } from './backoff.ts';
import { errorText } from './error-text.ts';
import { failureReason, WaitingForPod } from './failure-reason.ts';
import type { ForwardBackend } from './forward-backend.ts';
import type { Pod } from '../kube/kube-objects.ts';
import { isPodReady, isPodUsable } from './pod-order.ts';
import { onSharedInterval } from './shared-interval.ts';
import type { PodSink } from './pod-watch.ts';
import type { ResolvedPod } from './resolve-target.ts';
import { errorCodeOf, type ForwardObserver, type SessionState } from './session-state.ts';
import { TunnelError } from './tunnel-open.ts';

/** TLS or credentials refused this many attempts in a row: Failed. */
export const MAX_PERMANENT_FAILURES = 3;

interface RecoveryDeps {
  state: SessionState;
  backend: ForwardBackend;
  log: Logger;
  observer: ForwardObserver | undefined;
  spread: boolean;
  signal: AbortSignal;
  backoff: BackoffOptions | undefined;
  healthIntervalMs: number;
  maxPermanentFailures: number;
  /** Keeps a background task until the session is disposed. */
  track(task: Promise<unknown>): void;
  /** Closes the local connections carried by `pod`. */
  closePod(pod: string): void;
  /** The loss of `pod` was announced: its connections' own error lines are noise now. */
  forgetErrors(pod: string): void;
  /** Gave up (Failed): close every connection and stop the background work. */
  gaveUp(): void;
}

export class SessionRecovery {
  #d: RecoveryDeps;
  #wake: (() => void) | undefined;
  #loop: Promise<void> | undefined;
  #verifying: Promise<void> | undefined;
  #verifyAgain: string | undefined;
  #refreshing: Promise<void> | undefined;
  /** Leaves the shared health-check timer (shared-interval.ts); set while checks are armed. */
  #stopHealth: (() => void) | undefined;
  /** Consecutive attempts refused for TLS or credentials. */
  #permanent = 0;
  /** The reason last reported by `attemptFailed`, and whether `waiting` was said, this outage. */
  #reported: string | undefined;
  #waitingSaid = false;

  constructor(deps: RecoveryDeps, store: DisposableStore) {
    this.#d = deps;
    store.add(
      toDisposable(() => {
        this.#disarmHealth();
        this.#wake?.();
      }),
    );
  }

  /** Re-probe now (after sleep/resume or a network change): Active only if the tunnel works. */
  recheck(): void {
    if (this.#d.state.state === 'active') void this.verify('re-probe after resume');
    else if (this.#d.state.state === 'reconnecting') this.wake();
  }

  /** Cuts the current backoff short (a pod came up, a connection wants one). */
  wake(): void {
    this.#wake?.();
  }

  /** The first probe after the start failed: Reconnecting, and this was attempt one. */
  firstProbeFailed(pod: ResolvedPod, err: unknown): void {
    if (this.#attemptFailed(pod.name, err)) return;
    this.enterReconnecting(err);
    if (isPortRefusal(err)) this.#d.state.setCandidate(pod);
  }

  /** The session went Active after a passing probe. */
  recovered(): void {
    this.#permanent = 0;
    this.#reported = undefined;
    this.#waitingSaid = false;
  }

  /**
   * Checks the forward every `healthIntervalMs` while it is Active, on the timer all forwards
   * share (one wake-up a period for a hundred forwards, not a hundred: docs/port-forward.md, Idle cost).
   */
  armHealth(): void {
    const every = this.#d.healthIntervalMs;
    if (every <= 0 || this.#d.state.ended || this.#stopHealth) return;
    this.#stopHealth = onSharedInterval(every, () => {
      // Failed: nothing is left to check.
      if (this.#d.state.ended) this.#disarmHealth();
      else if (this.#d.state.state === 'active') this.#d.track(this.#healthCheck());
    });
  }

  #disarmHealth(): void {
    this.#stopHealth?.();
    this.#stopHealth = undefined;
  }

  async #healthCheck(): Promise<void> {
    const pod = this.#d.state.pool[0];
    if (!pod) return;
    // On SPDY the kept-open connection's pings already show the apiserver answering within the
    // interval, and the pod watch reports the pod's changes: no GET, so a hundred idle forwards
    // cost next to nothing (docs/port-forward.md, Pod loss). v4 has no such connection: it asks.
    if (this.#d.backend.answeredWithin?.(pod.name, this.#d.healthIntervalMs)) return;
    try {
      const seen = await this.#d.backend.podStatus(pod.name, this.#d.signal);
      if (!seen) this.podLost(pod.name, `pod ${pod.name} is gone`);
      else if (!isPodUsable(seen)) this.podLost(pod.name, podGoneReason(seen));
    } catch (err) {
      if (!this.#d.signal.aborted) void this.verify(`health check failed: ${errorText(err)}`);
    }
  }

  sink(): PodSink {
    const { state } = this.#d;
    return {
      onSync: (pods) => {
        const byName = new Map(pods.map((p) => [p.metadata.name ?? '', p]));
        for (const p of [...state.pool]) {
          const pod = byName.get(p.name);
          if (!pod || !isPodUsable(pod)) this.podLost(p.name, pod ? podGoneReason(pod) : `pod ${p.name} is gone`);
        }
        if (state.state === 'reconnecting' && pods.some(isPodUsable)) this.wake();
        if (state.state === 'active' && this.#d.spread) this.#maybeRefreshPool(pods);
      },
      onEvent: (type, pod) => {
        const name = pod.metadata.name ?? '';
        const inPool = state.pool.some((p) => p.name === name);
        if (type === 'DELETED' || !isPodUsable(pod)) {
          if (inPool) this.podLost(name, type === 'DELETED' ? `pod ${name} was deleted` : podGoneReason(pod));
          return;
        }
        if (state.state === 'reconnecting') this.wake();
        else if (state.state === 'active' && this.#d.spread && !inPool) this.#maybeRefreshPool([pod]);
      },
      onError: (err) => {
        if (state.state === 'active') void this.verify(`watch failed: ${errorText(err)}`);
      },
    };
  }

  podLost(name: string, reason: string): void {
    const { state } = this.#d;
    if (state.ended) return;
    if (state.candidate?.name === name) state.candidate = undefined;
    // Its connections cannot survive it (docs/port-forward.md, Pod loss: "close its sockets").
    this.#d.closePod(name);
    const inPool = state.pool.some((p) => p.name === name);
    state.pool = state.pool.filter((p) => p.name !== name);
    if (state.pool.length > 0) return;
    if (name === state.activePod) this.#announceLost(name, reason);
    if (inPool) this.enterReconnecting(new KubeDeskError('not-found', reason));
  }

  #announceLost(pod: string, reason: string): void {
    this.#d.forgetErrors(pod);
    this.#d.state.announceLost(pod, reason);
  }

  /** The apiserver or the pod's port failed us while Active. */
  lostTunnel(err: unknown): void {
    const { state } = this.#d;
    if (state.state !== 'active') return;
    this.#announceLost(state.pool[0]?.name ?? '', errorText(err));
    this.enterReconnecting(err);
  }

  /** While Active: a real probe; a failure is a loss. Resolves when this probe (or the one in flight) ends. */
  verify(why: string): Promise<void> {
    const { state, backend, signal } = this.#d;
    if (state.state !== 'active') return Promise.resolve();
    if (this.#verifying) {
      // A probe already in flight may have started before whatever prompted this one.
      this.#verifyAgain = why;
      return this.#verifying;
    }
    const pod = state.pool[0];
    if (!pod) return Promise.resolve();
    this.#d.log.debug('forward re-probe', { why, pod: pod.name });
    const run = backend
      .probe(pod, signal)
      .catch((err: unknown) => {
        if (signal.aborted) return;
        if (err instanceof TunnelError && err.kind === 'pod-gone') this.podLost(pod.name, err.message);
        else if (state.pool[0] === pod) this.lostTunnel(err);
      })
      .finally(() => {
        this.#verifying = undefined;
        const again = this.#verifyAgain;
        this.#verifyAgain = undefined;
        if (again !== undefined) void this.verify(again);
      });
    this.#verifying = run;
    this.#d.track(run);
    return run;
  }

  enterReconnecting(err: unknown): void {
    const { state } = this.#d;
    if (state.ended) return;
    state.record(err);
    state.reason = failureReason(err).reason;
    const last = state.pool[0];
    state.pool = [];
    // Its port refused, but the pod is there: keep trying connections on it meanwhile.
    state.candidate = isPortRefusal(err) ? last : undefined;
    state.set('reconnecting');
    if (this.#loop) this.wake();
    else {
      this.#loop = this.#reconnectLoop().finally(() => (this.#loop = undefined));
      this.#d.track(this.#loop);
    }
  }

  async #reconnectLoop(): Promise<void> {
    const { state, backend, signal } = this.#d;
    for (let attempt = 0; state.state === 'reconnecting' && !signal.aborted; attempt++) {
      let attemptPod: ResolvedPod | undefined;
      try {
        const res = await backend.reresolve(signal);
        const primary = res.pods[0]!;
        attemptPod = primary;
        await backend.probe(primary, signal);
        if (state.state !== 'reconnecting') return;
        const others = this.#d.spread ? await this.#probed(res.pods.slice(1)) : [];
        if (state.state !== 'reconnecting') return;
        state.resolution = res;
        state.pool = [primary, ...others];
        state.candidate = undefined;
        this.recovered();
        state.set('active');
        this.#d.observer?.reconnected?.(primary.name);
        return;
      } catch (err) {
        if (signal.aborted || state.state !== 'reconnecting') return;
        state.record(err);
        if (this.#attemptFailed(attemptPod?.name, err)) return;
        state.setCandidate(isPortRefusal(err) ? (attemptPod ?? state.candidate) : undefined);
        state.statsChanged();
        await this.#sleepOrWake(backoffDelay(attempt, this.#d.backoff));
      }
    }
  }

  /**
   * Names one failed attempt (state reason, `attemptFailed`, `waiting`); true when it was the
   * last TLS or credentials refusal allowed and the forward is now Failed.
   */
  #attemptFailed(podName: string | undefined, err: unknown): boolean {
    const { state, observer } = this.#d;
    const { kind, reason } = failureReason(err);
    const pod = podName ?? state.activePod ?? state.resolution?.pods[0]?.name ?? '';
    state.reason = reason;
    if (kind === 'waiting') {
      if (err instanceof WaitingForPod && err.pod !== undefined && !this.#waitingSaid) {
        this.#waitingSaid = true;
        observer?.waiting?.(err.pod, reason);
      }
    } else if (kind === 'permanent' || reason !== this.#reported) {
      this.#reported = reason;
      observer?.attemptFailed?.(pod, reason);
    }
    if (kind !== 'permanent') {
      this.#permanent = 0;
      return false;
    }
    if (++this.#permanent < this.#d.maxPermanentFailures) return false;
    const tries = this.#permanent;
    state.fail(
      new KubeDeskError(errorCodeOf(err), `could not reach pod ${pod}: ${reason} (gave up after ${tries} tries)`, { cause: err }),
      reason,
    );
    this.#d.gaveUp();
    return true;
  }

  async #probed(pods: ResolvedPod[]): Promise<ResolvedPod[]> {
    const results = await Promise.allSettled(pods.map((p) => this.#d.backend.probe(p, this.#d.signal)));
    return pods.filter((_, i) => results[i]!.status === 'fulfilled');
  }

  async #sleepOrWake(ms: number): Promise<void> {
    const wake = new AbortController();
    this.#wake = () => wake.abort();
    try {
      await sleep(ms, undefined, { signal: AbortSignal.any([wake.signal, this.#d.signal]) });
    } catch {
      // woken or stopped
    } finally {
      this.#wake = undefined;
    }
  }

  /** Spreading: add newly ready pods to the rotation once a probe through each passes. */
  #maybeRefreshPool(pods: readonly Pod[]): void {
    const { state } = this.#d;
    const fresh = pods.filter((p) => isPodUsable(p) && isPodReady(p) && !state.pool.some((x) => x.name === p.metadata.name));
    if (fresh.length === 0 || this.#refreshing) return;
    this.#refreshing = (async () => {
      const res = await this.#d.backend.reresolve(this.#d.signal);
      const candidates = res.pods.filter((p) => !state.pool.some((x) => x.name === p.name));
      const ok = await this.#probed(candidates);
      if (state.state === 'active') state.pool = [...state.pool, ...ok.filter((p) => !state.pool.some((x) => x.name === p.name))];
      state.statsChanged();
    })()
      .catch(() => {})
      .finally(() => (this.#refreshing = undefined));
    this.#d.track(this.#refreshing);
  }
}

/** The pod answered, its port did not (error channel): not a lost pod. */
function isPortRefusal(err: unknown): boolean {
  return err instanceof TunnelError && err.kind === 'port';
}

function podGoneReason(pod: Pod): string {
  const name = pod.metadata.name ?? '';
  if (pod.metadata.deletionTimestamp) return `pod ${name} is terminating`;
  return `pod ${name} is not running (phase ${pod.status?.phase ?? 'unknown'})`;
}
