// One forward's lifetime (issue 7): Starting → Active → Reconnecting → Failed/Stopped.
// Listeners are bound once and survive pod loss (SPEC.md §2.4, where KubeDesk differs from
// kubectl); a watch on the target's pods, failed tunnels and periodic checks tell the session
// when the pod is gone or the apiserver unreachable; it then re-resolves the target and retries
// with backoff until a real probe through the tunnel passes. "Active" is only ever set right
// after such a probe. New local connections wait for Active (up to `connectionWaitMs`), except
// while the pod answers but its port refuses: then they go to it and get its error, as with
// kubectl, instead of hanging.
import type { Server, Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ErrorCode } from '../../shared/ipc-contract.ts';
import { KubeDeskError } from '../errors.ts';
import type { Logger } from '../log.ts';
import { backoffDelay, type BackoffOptions } from './backoff.ts';
import { errorText } from './error-text.ts';
import type { Pod } from './kube-types.ts';
import type { ListenAddress } from './listen-addresses.ts';
import { bindListeners, closeServers, type Binding, type PortFailure } from './listeners.ts';
import { isPodReady, isPodUsable } from './pod-order.ts';
import type { PodSink } from './pod-watch.ts';
import { findPortOwner, portInUseMessage, type PortOwner } from './port-owner.ts';
import type { Resolution, ResolvedPod } from './resolve-target.ts';
import { TunnelError } from './tunnel-open.ts';
import type { PipeHooks, PipeResult } from './tunnel-pipe.ts';

export type ForwardState = 'starting' | 'active' | 'reconnecting' | 'failed' | 'stopped';

export interface ForwardHooks extends PipeHooks {
  /** The tunnel is open; data starts to flow. */
  onOpen?(): void;
}

/** What a session needs from the cluster; `kube-backend.ts` builds the real one. */
export interface ForwardBackend {
  /** kubectl's resolution at start (SPEC.md §2.2–2.3); its errors are final. */
  resolve(signal: AbortSignal): Promise<Resolution>;
  /** Resolution after a loss (SPEC.md §2.4); throws while no pod fits. */
  reresolve(signal: AbortSignal): Promise<Resolution>;
  /** A real round trip through the tunnel to every port of `pod`. */
  probe(pod: ResolvedPod, signal: AbortSignal): Promise<void>;
  /**
   * Carries one local connection to port `index` of `pod`. Rejects with a TunnelError before any
   * byte was read from `socket` (so the connection can be retried); resolves when it ends.
   */
  forward(socket: Socket, pod: ResolvedPod, index: number, hooks: ForwardHooks, signal: AbortSignal): Promise<PipeResult>;
  /** Watches the target's pods until the signal aborts. */
  watch(resolution: Resolution, sink: PodSink, signal: AbortSignal): Promise<void>;
  /** The pod as the apiserver has it now (undefined: not found); throws when unreachable. */
  podStatus(name: string, signal: AbortSignal): Promise<Pod | undefined>;
}

export interface ForwardStats {
  connectionsOpen: number;
  connectionsTotal: number;
  /** Pod → local bytes. */
  bytesIn: number;
  /** Local → pod bytes. */
  bytesOut: number;
}

export interface ForwardSnapshot {
  state: ForwardState;
  /** Epoch ms when the current state began. */
  since: number;
  /** The pod new connections go to (the first of `pods` when spreading). */
  pod: string | undefined;
  pods: string[];
  bindings: Binding[];
  stats: ForwardStats;
  /** Connections served, per pod (most recent pods). */
  served: Record<string, number>;
  lastError: { code: ErrorCode; message: string; at: number } | undefined;
}

export interface ForwardObserver {
  listening?(bindings: readonly Binding[], failures: readonly PortFailure[]): void;
  connection?(local: number): void;
  /** Every state change at once; stats changes at most every `statsIntervalMs`. */
  changed?(snapshot: ForwardSnapshot): void;
  lost?(pod: string, reason: string): void;
  reconnected?(pod: string): void;
  /** The first probe failed; the session keeps retrying. */
  waiting?(pod: string, reason: string): void;
  connectionError?(local: number, remote: number, message: string): void;
}

export interface SessionOptions {
  backend: ForwardBackend;
  addresses: readonly ListenAddress[];
  log: Logger;
  observer?: ForwardObserver;
  /** Spread new connections over every ready pod (services/deployments). */
  spread?: boolean;
  /** kubectl: keep going when some ports fail to bind (the CLI). Else any failure fails the start. */
  partialListen?: boolean;
  /** How long a new connection waits for a working tunnel (SPEC.md §2.4: 30 s). */
  connectionWaitMs?: number;
  /**
   * Check an Active forward this often (0: never): a GET of its pod through the apiserver, which
   * catches apiservers and networks that went quiet without breaking the watch. Only a failed
   * check leads to a real probe: probing the pod's port on a timer would put a connection in
   * the app's logs every time (a database's "incomplete startup packet").
   */
  healthIntervalMs?: number;
  statsIntervalMs?: number;
  backoff?: BackoffOptions;
  now?: () => number;
  findOwner?: (port: number) => Promise<PortOwner | undefined>;
}

const SERVED_KEEP = 20;

export class ForwardSession {
  #o: SessionOptions;
  #now: () => number;
  #state: ForwardState = 'starting';
  #since: number;
  #controller = new AbortController();
  #resolution: Resolution | undefined;
  #pool: ResolvedPod[] = [];
  /**
   * While Reconnecting because the pod's port refused (not because the pod or the apiserver is
   * gone): the pod new connections still try, so each reports its own error as kubectl does
   * (SPEC.md §2.4) instead of waiting.
   */
  #candidate: ResolvedPod | undefined;
  /** The pod of the last Active period, and whether its loss was announced (once per loss). */
  #activePod: string | undefined;
  #lostAnnounced = false;
  #rr = 0;
  #servers: Server[] = [];
  #bindings: Binding[] = [];
  #sockets = new Map<Socket, string | undefined>();
  #stats: ForwardStats = { connectionsOpen: 0, connectionsTotal: 0, bytesIn: 0, bytesOut: 0 };
  #served = new Map<string, number>();
  #lastError: ForwardSnapshot['lastError'];
  #activeWaiters = new Set<() => void>();
  #wake: (() => void) | undefined;
  #loop: Promise<void> | undefined;
  #verifying: Promise<void> | undefined;
  #verifyAgain: string | undefined;
  #refreshing: Promise<void> | undefined;
  #watch: Promise<void> | undefined;
  #tasks = new Set<Promise<unknown>>();
  #statsTimer: NodeJS.Timeout | undefined;
  #healthTimer: NodeJS.Timeout | undefined;
  #stopping: Promise<void> | undefined;
  #starting: Promise<void> | undefined;

  constructor(options: SessionOptions) {
    this.#o = options;
    this.#now = options.now ?? Date.now;
    this.#since = this.#now();
  }

  get state(): ForwardState {
    return this.#state;
  }

  snapshot(): ForwardSnapshot {
    return {
      state: this.#state,
      since: this.#since,
      pod: this.#pool[0]?.name ?? this.#resolution?.pods[0]?.name,
      pods: this.#pool.map((p) => p.name),
      bindings: [...this.#bindings],
      stats: { ...this.#stats },
      served: Object.fromEntries(this.#served),
      lastError: this.#lastError,
    };
  }

  /**
   * Resolves the target, binds the listeners and runs the first probe. Resolves once listening
   * (Active, or Reconnecting if the first probe failed); rejects, in state Failed, when the
   * target cannot be resolved or no port could be bound.
   */
  start(): Promise<void> {
    this.#starting ??= this.#doStart();
    return this.#starting;
  }

  async #doStart(): Promise<void> {
    const signal = this.#controller.signal;
    try {
      this.#resolution = await this.#o.backend.resolve(signal);
    } catch (err) {
      throw this.#fail(err);
    }
    const primary = this.#resolution.pods[0]!;
    this.#pool = this.#o.spread ? [...this.#resolution.pods] : [primary];
    const listen = await bindListeners(primary.pairs, this.#o.addresses, (s, i, local) => this.#onConnection(s, i, local));
    this.#servers = listen.servers;
    this.#bindings = listen.bindings;
    if (signal.aborted) {
      await closeServers(this.#servers);
      throw new KubeDeskError('cancelled', 'stopped while starting');
    }
    const failed = listen.failures.length > 0;
    const allFailed = listen.failures.length === primary.pairs.length;
    if (failed && (allFailed || !this.#o.partialListen)) {
      this.#o.observer?.listening?.(listen.bindings, listen.failures);
      await closeServers(this.#servers);
      this.#servers = [];
      this.#bindings = [];
      throw this.#fail(await this.#listenError(listen.failures, primary.pairs.length));
    }
    this.#o.observer?.listening?.(listen.bindings, listen.failures);
    this.#watch = this.#o.backend.watch(this.#resolution, this.#sink(), signal).catch((err: unknown) => {
      this.#o.log.debug('forward watch ended', { error: errorText(err) });
    });
    try {
      await this.#o.backend.probe(primary, signal);
      if (this.#state === 'starting') this.#setState('active');
    } catch (err) {
      if (signal.aborted) return;
      this.#o.observer?.waiting?.(primary.name, errorText(err));
      this.#enterReconnecting(err);
      if (isPortRefusal(err)) this.#setCandidate(primary);
    }
    this.#armHealth();
  }

  /** Stops listening, closes every connection and timer. Idempotent. */
  stop(): Promise<void> {
    this.#stopping ??= this.#doStop();
    return this.#stopping;
  }

  /** Re-probe now (after sleep/resume or a network change): Active only if the tunnel works. */
  recheck(): void {
    if (this.#state === 'active') this.#verify('re-probe after resume');
    else if (this.#state === 'reconnecting') this.#wake?.();
  }

  async #doStop(): Promise<void> {
    const wasFailed = this.#state === 'failed';
    this.#state = 'stopped';
    this.#since = this.#now();
    this.#controller.abort();
    clearTimeout(this.#statsTimer);
    clearTimeout(this.#healthTimer);
    this.#wake?.();
    for (const w of [...this.#activeWaiters]) w();
    for (const s of this.#sockets.keys()) s.destroy();
    await this.#starting?.catch(() => {});
    await closeServers(this.#servers);
    await Promise.allSettled([this.#watch, this.#loop, this.#verifying, this.#refreshing, ...this.#tasks]);
    clearTimeout(this.#statsTimer);
    if (!wasFailed) this.#o.observer?.changed?.(this.snapshot());
  }

  async #listenError(failures: readonly PortFailure[], total: number): Promise<KubeDeskError> {
    if (this.#o.partialListen && failures.length === total) {
      const list = failures.map((f) => `{${f.local} ${f.remote}}`).join(' ');
      return new KubeDeskError(
        failures.some((f) => f.inUse) ? 'port-in-use' : 'internal',
        `unable to listen on any of the requested ports: [${list}]`,
      );
    }
    const inUse = failures.find((f) => f.inUse);
    if (inUse) {
      const owner = await (this.#o.findOwner ?? findPortOwner)(inUse.local).catch(() => undefined);
      return new KubeDeskError('port-in-use', portInUseMessage(inUse.local, owner));
    }
    return new KubeDeskError('internal', `unable to listen on port ${failures[0]!.local}: ${failures[0]!.message}`);
  }

  #fail(err: unknown): KubeDeskError {
    const e = err instanceof KubeDeskError ? err : new KubeDeskError('unreachable', errorText(err), { cause: err });
    if (this.#state === 'stopped') return e;
    this.#recordError(e);
    this.#setState('failed');
    return e;
  }

  #recordError(err: unknown): void {
    const code: ErrorCode = err instanceof KubeDeskError ? err.code : err instanceof TunnelError ? tunnelCode(err) : 'unreachable';
    this.#lastError = { code, message: errorText(err), at: this.#now() };
  }

  #setState(state: ForwardState): void {
    if (this.#state === state || this.#state === 'stopped') return;
    this.#state = state;
    if (state === 'active') {
      this.#activePod = this.#pool[0]?.name;
      this.#lostAnnounced = false;
    }
    this.#since = this.#now();
    this.#o.log.debug('forward state', { state, pod: this.#pool[0]?.name });
    for (const w of [...this.#activeWaiters]) w();
    clearTimeout(this.#statsTimer);
    this.#statsTimer = undefined;
    this.#o.observer?.changed?.(this.snapshot());
  }

  #statsChanged(): void {
    if (this.#statsTimer || this.#state === 'stopped' || !this.#o.observer?.changed) return;
    this.#statsTimer = setTimeout(() => {
      this.#statsTimer = undefined;
      if (this.#state !== 'stopped') this.#o.observer?.changed?.(this.snapshot());
    }, this.#o.statsIntervalMs ?? 500);
    this.#statsTimer.unref();
  }

  #armHealth(): void {
    const every = this.#o.healthIntervalMs ?? 15_000;
    if (every <= 0 || this.#state === 'stopped' || this.#state === 'failed') return;
    clearTimeout(this.#healthTimer);
    this.#healthTimer = setTimeout(() => {
      if (this.#state === 'active') this.#track(this.#healthCheck());
      this.#armHealth();
    }, every);
    this.#healthTimer.unref();
  }

  async #healthCheck(): Promise<void> {
    const pod = this.#pool[0];
    if (!pod) return;
    try {
      const seen = await this.#o.backend.podStatus(pod.name, this.#controller.signal);
      if (!seen) this.#podLost(pod.name, `pod ${pod.name} is gone`);
      else if (!isPodUsable(seen)) this.#podLost(pod.name, podGoneReason(seen));
    } catch (err) {
      if (!this.#controller.signal.aborted) this.#verify(`health check failed: ${errorText(err)}`);
    }
  }

  #track<T>(p: Promise<T>): void {
    this.#tasks.add(p);
    void p.finally(() => this.#tasks.delete(p)).catch(() => {});
  }

  // ——— connections ———

  #onConnection(socket: Socket, index: number, local: number): void {
    if (this.#state === 'stopped') {
      socket.destroy();
      return;
    }
    socket.on('error', () => {});
    this.#sockets.set(socket, undefined);
    this.#stats.connectionsTotal++;
    this.#stats.connectionsOpen++;
    this.#o.observer?.connection?.(local);
    this.#statsChanged();
    this.#track(
      this.#serve(socket, index, local).finally(() => {
        this.#sockets.delete(socket);
        if (!socket.destroyed) socket.destroy();
        this.#stats.connectionsOpen--;
        this.#statsChanged();
      }),
    );
  }

  #pick(): ResolvedPod | undefined {
    if (this.#pool.length === 0) return undefined;
    if (!this.#o.spread) return this.#pool[0];
    return this.#pool[this.#rr++ % this.#pool.length];
  }

  async #serve(socket: Socket, index: number, local: number): Promise<void> {
    const deadline = this.#now() + (this.#o.connectionWaitMs ?? 30_000);
    const signal = this.#controller.signal;
    for (;;) {
      if (!this.#usable() && !(await this.#untilActive(deadline, socket))) return;
      const pod = this.#state === 'active' ? this.#pick() : this.#candidate;
      if (!pod) {
        // Active without a pod cannot happen; be safe rather than spin.
        if (this.#state === 'active') this.#enterReconnecting(new KubeDeskError('not-found', 'no pod to forward to'));
        continue;
      }
      // Trying the candidate: retry the probe now, the port may be up.
      if (this.#state !== 'active') this.#wake?.();
      const remote = pod.pairs[index]?.remote ?? 0;
      try {
        const result = await this.#o.backend.forward(
          socket,
          pod,
          index,
          {
            onOpen: () => {
              this.#sockets.set(socket, pod.name);
              this.#countServed(pod.name);
            },
            onBytesIn: (n) => {
              this.#stats.bytesIn += n;
              this.#statsChanged();
            },
            onBytesOut: (n) => {
              this.#stats.bytesOut += n;
              this.#statsChanged();
            },
          },
          signal,
        );
        if (result.remoteError) {
          const message = result.remoteError;
          this.#lastError = { code: 'unreachable', message, at: this.#now() };
          this.#o.observer?.connectionError?.(local, remote, message);
          this.#statsChanged();
          // Still Active? Find out (the port may have gone away for good).
          this.#verify('a connection failed');
        } else if (result.abnormal && !signal.aborted) {
          this.#verify('a tunnel closed abnormally');
        }
        return;
      } catch (err) {
        if (signal.aborted || socket.destroyed) return;
        if (err instanceof TunnelError && err.kind === 'pod-gone') {
          this.#podLost(pod.name, err.message);
          continue;
        }
        if (err instanceof TunnelError && err.kind === 'unreachable') {
          if (this.#state === 'active') this.#lostTunnel(err);
          continue;
        }
        this.#recordError(err);
        this.#statsChanged();
        return;
      }
    }
  }

  #countServed(pod: string): void {
    this.#served.set(pod, (this.#served.get(pod) ?? 0) + 1);
    if (this.#served.size > SERVED_KEEP) this.#served.delete(this.#served.keys().next().value!);
  }

  /** Connections may go through: Active, or a pod that answers but whose port refused. */
  #usable(): boolean {
    return this.#state === 'active' || (this.#state === 'reconnecting' && this.#candidate !== undefined);
  }

  #setCandidate(pod: ResolvedPod | undefined): void {
    this.#candidate = pod;
    if (pod) for (const w of [...this.#activeWaiters]) w();
  }

  /** True once usable; false at the deadline, when the client went away, or when stopped. */
  #untilActive(deadline: number, socket: Socket): Promise<boolean> {
    return new Promise((resolve) => {
      const check = (): boolean => {
        if (this.#usable()) return finish(true);
        if (this.#state === 'stopped' || this.#state === 'failed' || socket.destroyed) return finish(false);
        return false;
      };
      const finish = (v: boolean): boolean => {
        clearTimeout(timer);
        this.#activeWaiters.delete(check);
        socket.off('close', check);
        resolve(v);
        return true;
      };
      const timer = setTimeout(() => finish(false), Math.max(0, deadline - this.#now()));
      this.#activeWaiters.add(check);
      socket.on('close', check);
      check();
    });
  }

  // ——— loss and recovery ———

  #sink(): PodSink {
    return {
      onSync: (pods) => {
        const byName = new Map(pods.map((p) => [p.metadata.name ?? '', p]));
        for (const p of [...this.#pool]) {
          const pod = byName.get(p.name);
          if (!pod || !isPodUsable(pod)) this.#podLost(p.name, pod ? podGoneReason(pod) : `pod ${p.name} is gone`);
        }
        if (this.#state === 'reconnecting' && pods.some(isPodUsable)) this.#wake?.();
        if (this.#state === 'active' && this.#o.spread) this.#maybeRefreshPool(pods);
      },
      onEvent: (type, pod) => {
        const name = pod.metadata.name ?? '';
        const inPool = this.#pool.some((p) => p.name === name);
        if (type === 'DELETED' || !isPodUsable(pod)) {
          if (inPool) this.#podLost(name, type === 'DELETED' ? `pod ${name} was deleted` : podGoneReason(pod));
          return;
        }
        if (this.#state === 'reconnecting') this.#wake?.();
        else if (this.#state === 'active' && this.#o.spread && !inPool) this.#maybeRefreshPool([pod]);
      },
      onError: (err) => {
        if (this.#state === 'active') this.#verify(`watch failed: ${errorText(err)}`);
      },
    };
  }

  #podLost(name: string, reason: string): void {
    if (this.#state === 'stopped' || this.#state === 'failed') return;
    if (this.#candidate?.name === name) this.#candidate = undefined;
    // Its connections cannot survive it (SPEC.md §2.4: "close its sockets").
    for (const [s, pod] of this.#sockets) if (pod === name) s.destroy();
    const inPool = this.#pool.some((p) => p.name === name);
    this.#pool = this.#pool.filter((p) => p.name !== name);
    if (this.#pool.length > 0) return;
    if (name === this.#activePod) this.#announceLost(name, reason);
    if (inPool) this.#enterReconnecting(new KubeDeskError('not-found', reason));
  }

  /** `Lost connection to pod NAME`, once per loss of the pod we were forwarding to. */
  #announceLost(pod: string, reason: string): void {
    if (this.#lostAnnounced) return;
    this.#lostAnnounced = true;
    this.#o.observer?.lost?.(pod, reason);
  }

  /** The apiserver or the pod's port failed us while Active. */
  #lostTunnel(err: unknown): void {
    if (this.#state !== 'active') return;
    this.#announceLost(this.#pool[0]?.name ?? '', errorText(err));
    this.#enterReconnecting(err);
  }

  #verify(why: string): void {
    if (this.#state !== 'active') return;
    if (this.#verifying) {
      // A probe already in flight may have started before whatever prompted this one.
      this.#verifyAgain = why;
      return;
    }
    const pod = this.#pool[0];
    if (!pod) return;
    this.#o.log.debug('forward re-probe', { why, pod: pod.name });
    this.#verifying = this.#o.backend
      .probe(pod, this.#controller.signal)
      .catch((err: unknown) => {
        if (this.#controller.signal.aborted) return;
        if (err instanceof TunnelError && err.kind === 'pod-gone') this.#podLost(pod.name, err.message);
        else if (this.#pool[0] === pod) this.#lostTunnel(err);
      })
      .finally(() => {
        this.#verifying = undefined;
        const again = this.#verifyAgain;
        this.#verifyAgain = undefined;
        if (again !== undefined) this.#verify(again);
      });
  }

  #enterReconnecting(err: unknown): void {
    if (this.#state === 'stopped' || this.#state === 'failed') return;
    this.#recordError(err);
    const last = this.#pool[0];
    this.#pool = [];
    // Its port refused, but the pod is there: keep trying connections on it meanwhile.
    this.#candidate = isPortRefusal(err) ? last : undefined;
    this.#setState('reconnecting');
    if (this.#loop) this.#wake?.();
    else this.#loop = this.#reconnectLoop().finally(() => (this.#loop = undefined));
  }

  async #reconnectLoop(): Promise<void> {
    const signal = this.#controller.signal;
    for (let attempt = 0; this.#state === 'reconnecting' && !signal.aborted; attempt++) {
      let attemptPod: ResolvedPod | undefined;
      try {
        const res = await this.#o.backend.reresolve(signal);
        const primary = res.pods[0]!;
        attemptPod = primary;
        await this.#o.backend.probe(primary, signal);
        if (this.#state !== 'reconnecting') return;
        const others = this.#o.spread ? await this.#probed(res.pods.slice(1)) : [];
        if (this.#state !== 'reconnecting') return;
        this.#resolution = res;
        this.#pool = [primary, ...others];
        this.#candidate = undefined;
        this.#setState('active');
        this.#o.observer?.reconnected?.(primary.name);
        return;
      } catch (err) {
        if (signal.aborted || this.#state !== 'reconnecting') return;
        this.#recordError(err);
        this.#setCandidate(isPortRefusal(err) ? (attemptPod ?? this.#candidate) : undefined);
        this.#statsChanged();
        await this.#sleepOrWake(backoffDelay(attempt, this.#o.backoff));
      }
    }
  }

  async #probed(pods: ResolvedPod[]): Promise<ResolvedPod[]> {
    const results = await Promise.allSettled(pods.map((p) => this.#o.backend.probe(p, this.#controller.signal)));
    return pods.filter((_, i) => results[i]!.status === 'fulfilled');
  }

  async #sleepOrWake(ms: number): Promise<void> {
    const wake = new AbortController();
    this.#wake = () => wake.abort();
    try {
      await sleep(ms, undefined, { signal: AbortSignal.any([wake.signal, this.#controller.signal]) });
    } catch {
      // woken or stopped
    } finally {
      this.#wake = undefined;
    }
  }

  /** Spreading: add newly ready pods to the rotation once a probe through each passes. */
  #maybeRefreshPool(pods: readonly Pod[]): void {
    const fresh = pods.filter((p) => isPodUsable(p) && isPodReady(p) && !this.#pool.some((x) => x.name === p.metadata.name));
    if (fresh.length === 0 || this.#refreshing) return;
    const signal = this.#controller.signal;
    this.#refreshing = (async () => {
      const res = await this.#o.backend.reresolve(signal);
      const candidates = res.pods.filter((p) => !this.#pool.some((x) => x.name === p.name));
      const ok = await this.#probed(candidates);
      if (this.#state === 'active') this.#pool = [...this.#pool, ...ok.filter((p) => !this.#pool.some((x) => x.name === p.name))];
      this.#statsChanged();
    })()
      .catch(() => {})
      .finally(() => (this.#refreshing = undefined));
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

function tunnelCode(err: TunnelError): ErrorCode {
  switch (err.kind) {
    case 'pod-gone':
      return 'not-found';
    case 'denied':
      return 'forbidden';
    case 'cancelled':
      return 'cancelled';
    default:
      return 'unreachable';
  }
}
