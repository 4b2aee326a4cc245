// The state machine of one forward: Starting → Active → Reconnecting → Failed/Stopped, the pods
// new connections go to, and its snapshot (forward-snapshot.ts) for the app and the CLI. "Active"
// is set only by the session right after a real probe passed. Connections wait here
// (`whenUsable`) for Active, or for a candidate pod whose port refused.
import type { Socket } from 'node:net';
import { KubeDeskError } from '../errors.ts';
import { toDisposable, type DisposableStore } from '../lifecycle.ts';
import type { Logger } from '../log.ts';
import { errorCodeOf } from './error-code.ts';
import { errorText } from './error-text.ts';
import type { ForwardObserver, ForwardSnapshot, ForwardState } from './forward-snapshot.ts';
import type { Binding } from './listeners.ts';
import type { ForwardTransport } from './spdy/link-pool.ts';
import type { Resolution, ResolvedPod } from './resolve-target.ts';

interface SessionStateDeps {
  now: () => number;
  log: Logger;
  observer: ForwardObserver | undefined;
  spread: boolean;
  statsIntervalMs: number;
  bindings: () => readonly Binding[];
  transport?: () => ForwardTransport | undefined;
}

const SERVED_KEEP = 20;

export class SessionState {
  readonly stats: ForwardSnapshot['stats'] = { connectionsOpen: 0, connectionsTotal: 0, bytesIn: 0, bytesOut: 0 };
  resolution: Resolution | undefined;
  /** The pods new connections go to: the first, or every one in rotation when spreading. */
  pool: ResolvedPod[] = [];
  /**
   * While Reconnecting because the pod's port refused (not because the pod or the apiserver is
   * gone): the pod new connections still try, so each reports its own error as kubectl does
   * (docs/port-forward.md, Pod loss) instead of waiting.
   */
  candidate: ResolvedPod | undefined;
  lastError: ForwardSnapshot['lastError'];
  reason: string | undefined;
  #d: SessionStateDeps;
  #state: ForwardState = 'starting';
  #since: number;
  /** The pod of the last Active period, and whether its loss was announced (once per loss). */
  #activePod: string | undefined;
  #lostAnnounced = false;
  #rr = 0;
  #served = new Map<string, number>();
  #waiters = new Set<() => void>();
  #statsTimer: NodeJS.Timeout | undefined;

  constructor(deps: SessionStateDeps, store: DisposableStore) {
    this.#d = deps;
    this.#since = deps.now();
    store.add(
      toDisposable(() => {
        clearTimeout(this.#statsTimer);
        this.#statsTimer = undefined;
      }),
    );
  }

  get state(): ForwardState {
    return this.#state;
  }

  /** Failed or Stopped: nothing is retried any more. */
  get ended(): boolean {
    return this.#state === 'failed' || this.#state === 'stopped';
  }

  get activePod(): string | undefined {
    return this.#activePod;
  }

  snapshot(): ForwardSnapshot {
    return {
      state: this.#state,
      since: this.#since,
      pod: this.pool[0]?.name ?? this.resolution?.pods[0]?.name,
      pods: this.pool.map((p) => p.name),
      bindings: [...this.#d.bindings()],
      stats: { ...this.stats },
      served: Object.fromEntries(this.#served),
      lastError: this.lastError,
      reason: this.#state === 'reconnecting' || this.#state === 'failed' ? this.reason : undefined,
      transport: this.#d.transport?.(),
    };
  }

  set(state: ForwardState): void {
    if (this.#state === state || this.#state === 'stopped') return;
    this.#state = state;
    if (state === 'active') {
      this.#activePod = this.pool[0]?.name;
      this.#lostAnnounced = false;
      this.reason = undefined;
    }
    this.#since = this.#d.now();
    this.#d.log.debug('forward state', { state, pod: this.pool[0]?.name, reason: this.reason });
    this.wakeWaiters();
    clearTimeout(this.#statsTimer);
    this.#statsTimer = undefined;
    this.#d.observer?.changed?.(this.snapshot());
  }

  /** Stopped: no event (the session sends the last one once everything is closed). */
  stop(): void {
    this.#state = 'stopped';
    this.#since = this.#d.now();
    this.wakeWaiters();
  }

  /** Failed, with the error the start or the last attempt ended with. */
  fail(err: unknown, reason?: string): KubeDeskError {
    const e = err instanceof KubeDeskError ? err : new KubeDeskError('unreachable', errorText(err), { cause: err });
    if (this.#state === 'stopped') return e;
    this.record(e);
    this.reason = reason ?? e.message;
    this.set('failed');
    return e;
  }

  record(err: unknown): void {
    this.lastError = { code: errorCodeOf(err), message: errorText(err), at: this.#d.now() };
  }

  /** Pushes a snapshot soon (at most every `statsIntervalMs`). */
  statsChanged(): void {
    if (this.#statsTimer || this.#state === 'stopped' || !this.#d.observer?.changed) return;
    this.#statsTimer = setTimeout(() => {
      this.#statsTimer = undefined;
      if (this.#state !== 'stopped') this.#d.observer?.changed?.(this.snapshot());
    }, this.#d.statsIntervalMs);
    this.#statsTimer.unref();
  }

  /** `Lost connection to pod NAME`, once per loss of the pod we were forwarding to. */
  announceLost(pod: string, reason: string): boolean {
    if (this.#lostAnnounced) return false;
    this.#lostAnnounced = true;
    this.#d.observer?.lost?.(pod, reason);
    return true;
  }

  // ——— where connections go ———

  /** Connections may go through: Active, or a pod that answers but whose port refused. */
  usable(): boolean {
    return this.#state === 'active' || (this.#state === 'reconnecting' && this.candidate !== undefined);
  }

  /** Active: the next pod in rotation; else the candidate. */
  pick(): ResolvedPod | undefined {
    if (this.#state !== 'active') return this.candidate;
    if (this.pool.length === 0) return undefined;
    if (!this.#d.spread) return this.pool[0];
    return this.pool[this.#rr++ % this.pool.length];
  }

  setCandidate(pod: ResolvedPod | undefined): void {
    this.candidate = pod;
    if (pod) this.wakeWaiters();
  }

  countServed(pod: string): void {
    this.#served.set(pod, (this.#served.get(pod) ?? 0) + 1);
    if (this.#served.size > SERVED_KEEP) this.#served.delete(this.#served.keys().next().value!);
  }

  /** True once usable; false at the deadline, when the client went away, or when Failed/Stopped. */
  whenUsable(deadline: number, socket: Socket): Promise<boolean> {
    return new Promise((resolve) => {
      const check = (): boolean => {
        if (this.usable()) return finish(true);
        if (this.ended || socket.destroyed) return finish(false);
        return false;
      };
      const finish = (v: boolean): boolean => {
        clearTimeout(timer);
        this.#waiters.delete(check);
        socket.off('close', check);
        resolve(v);
        return true;
      };
      const timer = setTimeout(() => finish(false), Math.max(0, deadline - this.#d.now()));
      this.#waiters.add(check);
      socket.on('close', check);
      check();
    });
  }

  wakeWaiters(): void {
    for (const w of [...this.#waiters]) w();
  }
}
