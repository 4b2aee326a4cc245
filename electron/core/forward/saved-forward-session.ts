// The ForwardSession (forward-session.ts) of one saved forward: its cluster side over the
// forward's own ClusterConnection (kube-backend.ts, or the injected `createBackend`), its listen
// addresses and tuning, and an observer that logs pod loss, failed attempts and reconnects by
// forward id (docs/port-forward.md, Pod loss).
import type { ForwardSpec } from '../../shared/ipc-contract.ts';
import type { ClusterConnection } from '../cluster/cluster-connection.ts';
import type { Logger } from '../log.ts';
import type { ForwardBackend } from './forward-backend.ts';
import { ForwardSession, type SessionOptions } from './forward-session.ts';
import type { ParsedSpec } from './forward-spec.ts';
import { createKubeBackend, type KubeBackendOptions } from './kube-backend.ts';
import type { ForwardSnapshot } from './forward-snapshot.ts';

export interface SavedSessionDeps {
  log: Logger;
  /** Session tuning (tests shorten timers). */
  session?: Partial<Pick<SessionOptions, 'connectionWaitMs' | 'healthIntervalMs' | 'statsIntervalMs' | 'backoff' | 'findOwner'>>;
  probeSettleMs?: number;
  /** The cluster side of each session; default the real one (kube-backend.ts). */
  createBackend?: (o: KubeBackendOptions) => ForwardBackend;
}

interface SavedSessionSpec {
  id: string;
  spec: ForwardSpec;
  parsed: ParsedSpec;
  conn: ClusterConnection;
  /** Every state change (and, throttled, stats) of the session. */
  changed: (snap: ForwardSnapshot) => void;
}

export function createSavedForwardSession(deps: SavedSessionDeps, { id, spec, parsed, conn, changed }: SavedSessionSpec): ForwardSession {
  return new ForwardSession({
    backend: (deps.createBackend ?? createKubeBackend)({
      conn,
      request: { namespace: spec.namespace, target: parsed.target, ports: parsed.ports },
      spread: spec.spread,
      ...(deps.probeSettleMs !== undefined ? { probeSettleMs: deps.probeSettleMs } : {}),
    }),
    addresses: parsed.addresses,
    log: deps.log,
    spread: spec.spread,
    ...deps.session,
    observer: {
      changed,
      lost: (pod, reason) => deps.log.info('forward lost its pod', { id, pod, reason }),
      attemptFailed: (pod, reason) => deps.log.info('forward could not reach its pod', { id, pod, reason }),
      reconnected: (pod) => deps.log.info('forward reconnected', { id, pod }),
    },
  });
}
