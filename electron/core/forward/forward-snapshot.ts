// What the app and the CLI see of one forward: its state, a snapshot of it (pods, bindings,
// stats, the reason of the last failed attempt), and the observer callbacks a session reports to.
import type { ErrorCode } from '../../shared/ipc-contract.ts';
import type { Binding, PortFailure } from './listeners.ts';
import type { ForwardTransport } from './spdy/link-pool.ts';

export type ForwardState = 'starting' | 'active' | 'reconnecting' | 'failed' | 'stopped';

interface ForwardStats {
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
  /** Reconnecting or Failed: why, in a few words (failure-reason.ts). */
  reason: string | undefined;
  /** The wire protocol, once one worked (docs/port-forward.md, Wire protocols). */
  transport?: ForwardTransport | undefined;
}

export interface ForwardObserver {
  listening?(bindings: readonly Binding[], failures: readonly PortFailure[]): void;
  connection?(local: number): void;
  /** Every state change at once; stats changes at most every `statsIntervalMs`. */
  changed?(snapshot: ForwardSnapshot): void;
  lost?(pod: string, reason: string): void;
  reconnected?(pod: string): void;
  /** A `pod/NAME` forward waits for its pod to be Running again; once per wait. */
  waiting?(pod: string, reason: string): void;
  /**
   * An attempt to reach the pod failed. Every attempt that counts towards giving up is reported;
   * a retried transient reason only when it differs from the last one reported.
   */
  attemptFailed?(pod: string, reason: string): void;
  connectionError?(local: number, remote: number, message: string): void;
}
