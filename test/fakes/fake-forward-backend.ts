// A programmable ForwardBackend for the forward state machine's unit tests: pods are local TCP
// backends; tests decide which pods exist, which probes pass, and push watch events by hand.
import { connect, type Socket } from 'node:net';
import type { ForwardBackend, ForwardHooks } from '../../electron/core/forward/forward-backend.ts';
import type { Pod } from '../../electron/core/kube/kube-objects.ts';
import type { PodSink } from '../../electron/core/forward/pod-watch.ts';
import type { Resolution, ResolvedPod } from '../../electron/core/forward/resolve-target.ts';
import { TunnelError } from '../../electron/core/forward/tunnel-open.ts';
import type { PipeResult } from '../../electron/core/forward/tunnel-pipe.ts';

export interface FakePod {
  name: string;
  /** TCP port of the backend this pod's container port leads to. */
  backend: number;
  exists: boolean;
  /** Probes pass (the port answers). */
  healthy: boolean;
  /** Error-channel text to answer connections with. */
  connectionError?: string;
}

export class FakeForwardBackend implements ForwardBackend {
  pods: FakePod[] = [];
  /** Local/remote pairs every resolution uses. */
  pairs: Array<{ local: number; remote: number }> = [{ local: 0, remote: 80 }];
  resolveError: Error | undefined;
  /** The apiserver is unreachable: every call fails as such. */
  down = false;
  /** Every call to the apiserver fails with this (a refused credential, a TLS failure). */
  failWith: Error | undefined;
  probes: Array<{ pod: string; ok: boolean; at: number }> = [];
  sink: PodSink | undefined;
  forwards: string[] = [];

  constructor(pods: Array<Partial<FakePod> & { name: string; backend: number }>) {
    this.pods = pods.map((p) => ({ exists: true, healthy: true, ...p }));
  }

  pod(name: string): FakePod {
    const p = this.pods.find((x) => x.name === name);
    if (!p) throw new Error(`no fake pod ${name}`);
    return p;
  }

  #resolved(p: FakePod): ResolvedPod {
    return { name: p.name, pairs: this.pairs.map((x) => ({ ...x })) };
  }

  #unreachable(): TunnelError {
    const cause = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:6443'), { code: 'ECONNREFUSED' });
    return new TunnelError('unreachable', '127.0.0.1:6443: connect ECONNREFUSED 127.0.0.1:6443', undefined, { cause });
  }

  async resolve(): Promise<Resolution> {
    if (this.resolveError) throw this.resolveError;
    if (this.down) throw this.#unreachable();
    const live = this.pods.filter((p) => p.exists);
    if (live.length === 0) throw new Error('no pods');
    return { pods: live.map((p) => this.#resolved(p)), selector: 'app=fake' };
  }

  async reresolve(): Promise<Resolution> {
    if (this.failWith) throw this.failWith;
    if (this.down) throw this.#unreachable();
    const live = this.pods.filter((p) => p.exists);
    if (live.length === 0) throw new TunnelError('pod-gone', 'no running pod yet');
    return { pods: live.map((p) => this.#resolved(p)), selector: 'app=fake' };
  }

  async probe(pod: ResolvedPod): Promise<void> {
    const p = this.pods.find((x) => x.name === pod.name);
    const ok = !this.down && !!p?.exists && p.healthy;
    this.probes.push({ pod: pod.name, ok: ok && !this.failWith, at: Date.now() });
    if (this.failWith) throw this.failWith;
    if (this.down) throw this.#unreachable();
    if (!p?.exists) throw new TunnelError('pod-gone', `pods "${pod.name}" not found`, 404);
    if (!p.healthy) throw new TunnelError('port', `error forwarding port 80 to pod ${pod.name}, uid : connection refused`);
  }

  forward(socket: Socket, pod: ResolvedPod, _index: number, hooks: ForwardHooks, signal: AbortSignal): Promise<PipeResult> {
    const p = this.pods.find((x) => x.name === pod.name);
    if (this.failWith) return Promise.reject(this.failWith);
    if (this.down) return Promise.reject(this.#unreachable());
    if (!p?.exists) return Promise.reject(new TunnelError('pod-gone', `pods "${pod.name}" not found`, 404));
    this.forwards.push(pod.name);
    hooks.onOpen?.();
    if (p.connectionError) {
      socket.destroy();
      return Promise.resolve({ remoteError: p.connectionError, abnormal: false, bytesIn: 0, bytesOut: 0 });
    }
    return new Promise((resolve) => {
      const b = connect({ host: '127.0.0.1', port: p.backend });
      let bytesIn = 0;
      let bytesOut = 0;
      const onAbort = (): void => {
        b.destroy();
        socket.destroy();
      };
      signal.addEventListener('abort', onAbort, { once: true });
      b.on('data', (d: Buffer) => {
        bytesIn += d.length;
        hooks.onBytesIn?.(d.length);
      });
      socket.on('data', (d: Buffer) => {
        bytesOut += d.length;
        hooks.onBytesOut?.(d.length);
      });
      socket.pipe(b);
      b.pipe(socket);
      b.on('error', () => socket.destroy());
      let closed = 0;
      const done = (): void => {
        if (++closed < 2) return;
        signal.removeEventListener('abort', onAbort);
        resolve({ remoteError: undefined, abnormal: false, bytesIn, bytesOut });
      };
      b.on('close', () => {
        socket.destroy();
        done();
      });
      socket.on('close', () => {
        b.destroy();
        done();
      });
    });
  }

  podChecks = 0;
  /** Plays a SPDY connection to the pod whose pings the apiserver answers (`answeredWithin`). */
  linkAnswering = false;

  answeredWithin(): boolean {
    return this.linkAnswering;
  }

  async podStatus(name: string): Promise<Pod | undefined> {
    this.podChecks++;
    if (this.failWith) throw this.failWith;
    if (this.down) throw this.#unreachable();
    const p = this.pods.find((x) => x.name === name);
    if (!p?.exists) return undefined;
    return { metadata: { name }, spec: { containers: [] }, status: { phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }] } };
  }

  watch(_r: Resolution, sink: PodSink, signal: AbortSignal): Promise<void> {
    this.sink = sink;
    return new Promise((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
  }

  /** Sends a watch event as the apiserver would. */
  event(type: 'ADDED' | 'MODIFIED' | 'DELETED', name: string, phase = 'Running', deleting = false): void {
    const pod: Pod = {
      metadata: { name, ...(deleting ? { deletionTimestamp: new Date().toISOString() } : {}) },
      spec: { containers: [] },
      status: { phase, conditions: [{ type: 'Ready', status: phase === 'Running' ? 'True' : 'False' }] },
    };
    this.sink?.onEvent(type, pod);
  }
}
