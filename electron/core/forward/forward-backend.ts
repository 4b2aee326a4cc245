// What a forward session needs from the cluster; `kube-backend.ts` builds the real one over a
// ClusterConnection, test/fakes/fake-forward-backend.ts a programmable one.
import type { Socket } from 'node:net';
import type { Pod } from '../kube/kube-objects.ts';
import type { PodSink } from './pod-watch.ts';
import type { ForwardTransport } from './spdy/link-pool.ts';
import type { Resolution, ResolvedPod } from './resolve-target.ts';
import type { PipeHooks, PipeResult } from './tunnel-pipe.ts';

export interface ForwardHooks extends PipeHooks {
  /** The tunnel is open; data starts to flow. */
  onOpen?(): void;
}

export interface ForwardBackend {
  /** kubectl's resolution at start (docs/port-forward.md, Pod choice and Service ports); its errors are final. */
  resolve(signal: AbortSignal): Promise<Resolution>;
  /** Resolution after a loss (docs/port-forward.md, Pod loss); throws (WaitingForPod) while no pod fits. */
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
  /**
   * Whether the connection kept open to the pod (SPDY) answered a ping within the last `ms`:
   * proof enough that the apiserver answers, so the periodic health check can skip its GET.
   */
  answeredWithin?(pod: string, ms: number): boolean;
  /** The wire protocol in use, once one worked (docs/port-forward.md, Wire protocols). */
  transport?(): ForwardTransport | undefined;
  /** The pod left the rotation: close what is kept open to it. */
  forget?(pod: string): void;
  /** The forward stopped: close every connection kept open. */
  dispose?(): void;
}
