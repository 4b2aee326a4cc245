// Carries each local connection of a forward to a pod: waits (up to `connectionWaitMs`) for the
// session to be usable, opens a tunnel, counts bytes and connections, and retries a connection
// whose tunnel was refused before any byte moved. Error-channel messages close only their own
// connection (docs/port-forward.md, Pod loss); their lines are held until the re-probe they trigger
// settles, so that a pod going away (the kubelet then errors every open connection at once) reads
// as one `Lost connection to pod` line, not one line per connection.
import type { Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { KubeDeskError } from '../errors.ts';
import { toDisposable, type DisposableStore } from '../lifecycle.ts';
import type { ForwardBackend } from './forward-backend.ts';
import type { ForwardObserver } from './forward-snapshot.ts';
import type { SessionState } from './session-state.ts';
import { TunnelError } from './tunnel-open.ts';

interface PumpRecovery {
  podLost(pod: string, reason: string): void;
  lostTunnel(err: unknown): void;
  enterReconnecting(err: unknown): void;
  /** Resolves when the re-probe it starts (or the one in flight) has settled. */
  verify(why: string): Promise<void>;
  wake(): void;
}

interface PumpDeps {
  state: SessionState;
  backend: ForwardBackend;
  recovery: () => PumpRecovery;
  observer: ForwardObserver | undefined;
  signal: AbortSignal;
  now: () => number;
  connectionWaitMs: number;
  /** How long error-channel lines wait for a loss that would make them noise. */
  errorGraceMs: number;
  track(task: Promise<unknown>): void;
}

interface HeldError {
  pod: string;
  local: number;
  remote: number;
  message: string;
}

export class ConnectionPump {
  #d: PumpDeps;
  /** Open local connections and the pod each is carried to (once its tunnel opened). */
  #sockets = new Map<Socket, string | undefined>();
  #held: HeldError[] = [];

  constructor(deps: PumpDeps, store: DisposableStore) {
    this.#d = deps;
    store.add(
      toDisposable(() => {
        this.#held = [];
        this.closeAll();
      }),
    );
  }

  accept(socket: Socket, index: number, local: number): void {
    const { state, observer } = this.#d;
    if (state.state === 'stopped') {
      socket.destroy();
      return;
    }
    socket.on('error', () => {});
    this.#sockets.set(socket, undefined);
    state.stats.connectionsTotal++;
    state.stats.connectionsOpen++;
    observer?.connection?.(local);
    state.statsChanged();
    this.#d.track(
      this.#serve(socket, index, local).finally(() => {
        this.#sockets.delete(socket);
        if (!socket.destroyed) socket.destroy();
        state.stats.connectionsOpen--;
        state.statsChanged();
      }),
    );
  }

  closePod(pod: string): void {
    for (const [s, p] of this.#sockets) if (p === pod) s.destroy();
  }

  closeAll(): void {
    for (const s of this.#sockets.keys()) s.destroy();
  }

  /** The pod's loss was announced: drop its held error lines. */
  forgetErrors(pod: string): void {
    this.#held = this.#held.filter((h) => h.pod !== pod);
  }

  async #serve(socket: Socket, index: number, local: number): Promise<void> {
    const { state, backend, signal } = this.#d;
    const recovery = this.#d.recovery();
    const deadline = this.#d.now() + this.#d.connectionWaitMs;
    for (;;) {
      if (!state.usable() && !(await state.whenUsable(deadline, socket))) return;
      const pod = state.pick();
      if (!pod) {
        // Active without a pod cannot happen; be safe rather than spin.
        if (state.state === 'active') recovery.enterReconnecting(new KubeDeskError('not-found', 'no pod to forward to'));
        continue;
      }
      // Trying the candidate: retry the probe now, the port may be up.
      if (state.state !== 'active') recovery.wake();
      const remote = pod.pairs[index]?.remote ?? 0;
      try {
        const result = await backend.forward(
          socket,
          pod,
          index,
          {
            onOpen: () => {
              this.#sockets.set(socket, pod.name);
              state.countServed(pod.name);
            },
            onBytesIn: (n) => {
              state.stats.bytesIn += n;
              state.statsChanged();
            },
            onBytesOut: (n) => {
              state.stats.bytesOut += n;
              state.statsChanged();
            },
          },
          signal,
        );
        if (result.remoteError) {
          state.lastError = { code: 'unreachable', message: result.remoteError, at: this.#d.now() };
          state.statsChanged();
          this.#connectionError({ pod: pod.name, local, remote, message: result.remoteError }, recovery);
        } else if (result.abnormal && !signal.aborted) {
          void recovery.verify('a tunnel closed abnormally');
        }
        return;
      } catch (err) {
        if (signal.aborted || socket.destroyed) return;
        if (err instanceof TunnelError && err.kind === 'pod-gone') {
          recovery.podLost(pod.name, err.message);
          continue;
        }
        if (err instanceof TunnelError && err.kind === 'unreachable') {
          if (state.state === 'active') recovery.lostTunnel(err);
          continue;
        }
        state.record(err);
        state.statsChanged();
        return;
      }
    }
  }

  /**
   * A pod already lost: no line. Not Active (the pod's port refuses): the line at once, as
   * kubectl. Active: is the pod still there? Held until the re-probe settles and `errorGraceMs` passed; dropped if the pod was
   * lost meanwhile; identical lines of one burst are said once.
   */
  #connectionError(e: HeldError, recovery: PumpRecovery): void {
    const { state } = this.#d;
    // The pod is no longer one we forward to: its loss is (or is about to be) the one line.
    if (state.candidate?.name !== e.pod && !state.pool.some((p) => p.name === e.pod)) return;
    if (state.state !== 'active') {
      this.#d.observer?.connectionError?.(e.local, e.remote, e.message);
      return;
    }
    this.#held.push(e);
    const settled = recovery.verify('a connection failed');
    if (this.#held.length > 1) return;
    this.#d.track(
      Promise.all([settled, sleep(this.#d.errorGraceMs, undefined, { signal: this.#d.signal })])
        .catch(() => {})
        .then(() => this.#flush()),
    );
  }

  #flush(): void {
    const held = this.#held;
    this.#held = [];
    if (this.#d.signal.aborted || this.#d.state.ended) return;
    const said = new Set<string>();
    for (const h of held) {
      const key = `${h.local}\n${h.remote}\n${h.message}`;
      if (said.has(key)) continue;
      said.add(key);
      this.#d.observer?.connectionError?.(h.local, h.remote, h.message);
    }
  }
}
