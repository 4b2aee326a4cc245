// Loss and recovery for one forward (docs/port-forward.md, Pod loss, where KubeDesk differs from
// kubectl): the pod watch (watch-sink.ts), periodic checks (health-check.ts), failed tunnels and
// re-probes tell it when the pod is gone or the apiserver unreachable; it then re-resolves the
// target and retries with backoff until a real probe through the tunnel passes. Each failed
// attempt is named, and TLS or credentials refused too often fail the forward (failed-attempts.ts).
import { setTimeout as sleep } from 'node:timers/promises';
import { KubeDeskError } from '../errors.ts';
import { toDisposable, type DisposableStore } from '../lifecycle.ts';
import type { Logger } from '../log.ts';
import { backoffDelay, type BackoffOptions } from './backoff.ts';
import { errorText } from './error-text.ts';
import { FailedAttempts } from './failed-attempts.ts';
import { failureReason } from './failure-reason.ts';
import type { ForwardBackend } from './forward-backend.ts';
import { HealthCheck } from './health-check.ts';
import type { PodSink } from './pod-watch.ts';
import { PoolRefresh, probedPods } from './pool-refresh.ts';
import type { ResolvedPod } from './resolve-target.ts';
import type { ForwardObserver } from './forward-snapshot.ts';
import type { SessionState } from './session-state.ts';
import { TunnelError } from './tunnel-open.ts';
import { watchSink } from './watch-sink.ts';

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
  #attempts: FailedAttempts;
  #health: HealthCheck;
  #pool: PoolRefresh;

  constructor(deps: RecoveryDeps, store: DisposableStore) {
    this.#d = deps;
    this.#attempts = new FailedAttempts(deps);
    this.#pool = new PoolRefresh(deps);
    this.#health = new HealthCheck({
      ...deps,
      intervalMs: deps.healthIntervalMs,
      podLost: (name, reason) => this.podLost(name, reason),
      verify: (why) => this.verify(why),
    });
    store.add(
      toDisposable(() => {
        this.#health.disarm();
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
    if (this.#attempts.failed(pod.name, err)) return;
    this.enterReconnecting(err);
    if (isPortRefusal(err)) this.#d.state.setCandidate(pod);
  }

  /** Checks the forward while it is Active (health-check.ts). */
  armHealth(): void {
    this.#health.arm();
  }

  sink(): PodSink {
    return watchSink({
      state: this.#d.state,
      spread: this.#d.spread,
      podLost: (name, reason) => this.podLost(name, reason),
      wake: () => this.wake(),
      verify: (why) => this.verify(why),
      refreshPool: (pods) => this.#pool.maybeRefresh(pods),
    });
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
        const others = this.#d.spread ? await probedPods(backend, res.pods.slice(1), signal) : [];
        if (state.state !== 'reconnecting') return;
        state.resolution = res;
        state.pool = [primary, ...others];
        state.candidate = undefined;
        this.#attempts.reset();
        state.set('active');
        this.#d.observer?.reconnected?.(primary.name);
        return;
      } catch (err) {
        if (signal.aborted || state.state !== 'reconnecting') return;
        state.record(err);
        if (this.#attempts.failed(attemptPod?.name, err)) return;
        state.setCandidate(isPortRefusal(err) ? (attemptPod ?? state.candidate) : undefined);
        state.statsChanged();
        await this.#sleepOrWake(backoffDelay(attempt, this.#d.backoff));
      }
    }
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
}

/** The pod answered, its port did not (error channel): not a lost pod. */
function isPortRefusal(err: unknown): boolean {
  return err instanceof TunnelError && err.kind === 'port';
}
