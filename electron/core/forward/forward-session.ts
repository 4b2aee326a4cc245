// One forward's lifetime: Starting → Active → Reconnecting → Failed/Stopped. Listeners are bound
// once and survive pod loss (docs/port-forward.md, Pod loss, where KubeDesk differs from kubectl). The parts:
// session-state.ts (the state machine), forward-snapshot.ts (what is seen of it),
// connection-pump.ts (each local connection to a pod), session-recovery.ts (loss, re-resolve,
// retry, giving up). This file starts them in order and owns every timer, task and socket
// through one DisposableStore.
import type { Server, Socket } from 'node:net';
import { KubeDeskError } from '../errors.ts';
import { DisposableStore, toDisposable } from '../lifecycle.ts';
import type { Logger } from '../log.ts';
import type { BackoffOptions } from './backoff.ts';
import { ConnectionPump } from './connection-pump.ts';
import { errorText } from './error-text.ts';
import type { ForwardBackend } from './forward-backend.ts';
import type { ListenAddress } from './listen-addresses.ts';
import { bindListeners, closeServers, type Binding, type PortFailure } from './listeners.ts';
import { findPortOwner, portInUseMessage, type PortOwner } from './port-owner.ts';
import { MAX_PERMANENT_FAILURES } from './failed-attempts.ts';
import { SessionRecovery } from './session-recovery.ts';
import type { ForwardObserver, ForwardSnapshot, ForwardState } from './forward-snapshot.ts';
import { SessionState } from './session-state.ts';

export interface SessionOptions {
  backend: ForwardBackend;
  addresses: readonly ListenAddress[];
  log: Logger;
  observer?: ForwardObserver;
  /** Spread new connections over every ready pod (services/deployments). */
  spread?: boolean;
  /** kubectl: keep going when some ports fail to bind (the CLI). Else any failure fails the start. */
  partialListen?: boolean;
  /** How long a new connection waits for a working tunnel (docs/port-forward.md, Pod loss: 30 s). */
  connectionWaitMs?: number;
  /**
   * Check an Active forward this often (0: never): a GET of its pod through the apiserver, which
   * catches apiservers and networks that went quiet without breaking the watch. Only a failed
   * check leads to a real probe: probing the pod's port on a timer would put a connection in
   * the app's logs every time (a database's "incomplete startup packet").
   */
  healthIntervalMs?: number;
  statsIntervalMs?: number;
  /** How long an error-channel line waits for a pod loss that would make it noise (1 s). */
  errorGraceMs?: number;
  /** TLS or credentials refused this many attempts in a row: Failed (3). */
  maxPermanentFailures?: number;
  backoff?: BackoffOptions;
  now?: () => number;
  findOwner?: (port: number) => Promise<PortOwner | undefined>;
}

export class ForwardSession {
  #o: SessionOptions;
  #controller = new AbortController();
  #store = new DisposableStore();
  #tasks = new Set<Promise<unknown>>();
  #state: SessionState;
  #recovery: SessionRecovery;
  #pump: ConnectionPump;
  #servers: Server[] = [];
  #bindings: Binding[] = [];
  #starting: Promise<void> | undefined;
  #stopping: Promise<void> | undefined;

  constructor(options: SessionOptions) {
    this.#o = options;
    const now = options.now ?? Date.now;
    const signal = this.#controller.signal;
    const track = (task: Promise<unknown>): void => this.#track(task);
    // Disposed in reverse: abort and close connections first, then timers, then the listeners,
    // then wait for every task.
    this.#store.add(toDisposable(() => Promise.allSettled([...this.#tasks]).then(() => {})));
    this.#store.add(toDisposable(() => closeServers(this.#servers)));
    this.#store.add(toDisposable(() => options.backend.dispose?.()));
    this.#store.add(toDisposable(() => this.#starting?.catch(() => {})));
    this.#state = new SessionState(
      {
        now,
        log: options.log,
        observer: options.observer,
        spread: options.spread ?? false,
        statsIntervalMs: options.statsIntervalMs ?? 500,
        bindings: () => this.#bindings,
        transport: () => options.backend.transport?.(),
      },
      this.#store,
    );
    this.#recovery = new SessionRecovery(
      {
        state: this.#state,
        backend: options.backend,
        log: options.log,
        observer: options.observer,
        spread: options.spread ?? false,
        signal,
        backoff: options.backoff,
        healthIntervalMs: options.healthIntervalMs ?? 15_000,
        maxPermanentFailures: options.maxPermanentFailures ?? MAX_PERMANENT_FAILURES,
        track,
        closePod: (pod) => {
          this.#pump.closePod(pod);
          options.backend.forget?.(pod);
        },
        forgetErrors: (pod) => this.#pump.forgetErrors(pod),
        gaveUp: () => {
          // Failed: stop the watch and timers; new connections are closed at once
          // (session-state.ts whenUsable).
          this.#controller.abort();
          this.#pump.closeAll();
        },
      },
      this.#store,
    );
    this.#pump = new ConnectionPump(
      {
        state: this.#state,
        backend: options.backend,
        recovery: () => this.#recovery,
        observer: options.observer,
        signal,
        now,
        connectionWaitMs: options.connectionWaitMs ?? 30_000,
        errorGraceMs: options.errorGraceMs ?? 1000,
        track,
      },
      this.#store,
    );
    this.#store.add(
      toDisposable(() => {
        this.#controller.abort();
        this.#state.wakeWaiters();
      }),
    );
  }

  get state(): ForwardState {
    return this.#state.state;
  }

  snapshot(): ForwardSnapshot {
    return this.#state.snapshot();
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

  /** Stops listening, closes every connection and timer. Idempotent. */
  stop(): Promise<void> {
    this.#stopping ??= this.#doStop();
    return this.#stopping;
  }

  /** Re-probe now (after sleep/resume or a network change): Active only if the tunnel works. */
  recheck(): void {
    this.#recovery.recheck();
  }

  async #doStart(): Promise<void> {
    const { backend, observer } = this.#o;
    const signal = this.#controller.signal;
    const state = this.#state;
    try {
      state.resolution = await backend.resolve(signal);
    } catch (err) {
      throw state.fail(err);
    }
    const primary = state.resolution.pods[0]!;
    state.pool = this.#o.spread ? [...state.resolution.pods] : [primary];
    const listen = await bindListeners(primary.pairs, this.#o.addresses, (s: Socket, i, local) => this.#pump.accept(s, i, local));
    this.#servers = listen.servers;
    this.#bindings = listen.bindings;
    if (signal.aborted) {
      await closeServers(this.#servers);
      throw new KubeDeskError('cancelled', 'stopped while starting');
    }
    const failed = listen.failures.length > 0;
    const allFailed = listen.failures.length === primary.pairs.length;
    observer?.listening?.(listen.bindings, listen.failures);
    if (failed && (allFailed || !this.#o.partialListen)) {
      await closeServers(this.#servers);
      this.#servers = [];
      this.#bindings = [];
      throw state.fail(await this.#listenError(listen.failures, primary.pairs.length));
    }
    this.#track(
      backend.watch(state.resolution, this.#recovery.sink(), signal).catch((err: unknown) => {
        this.#o.log.debug('forward watch ended', { error: errorText(err) });
      }),
    );
    try {
      await backend.probe(primary, signal);
      this.#o.log.info('forward transport', { pod: primary.name, transport: backend.transport?.() ?? 'unknown' });
      if (state.state === 'starting') state.set('active');
    } catch (err) {
      if (signal.aborted) return;
      this.#recovery.firstProbeFailed(primary, err);
    }
    this.#recovery.armHealth();
  }

  async #doStop(): Promise<void> {
    const wasFailed = this.#state.state === 'failed';
    this.#state.stop();
    try {
      await this.#store.dispose();
    } catch (err) {
      this.#o.log.warn('forward stop failed', { error: errorText(err) });
    }
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

  #track(task: Promise<unknown>): void {
    this.#tasks.add(task);
    void task.finally(() => this.#tasks.delete(task)).catch(() => {});
  }
}
