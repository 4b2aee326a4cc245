// What the app and the CLI see of one saved forward (contract ForwardInfo): its spec and the
// state, pods, bindings and counters of its session's snapshot (forward-snapshot.ts), or of the
// last one once it ended; a forward whose cluster connection failed gets a Failed snapshot with
// the reason (docs/port-forward.md, When a forward fails).
import type { ForwardInfo } from '../../shared/ipc-contract.ts';
import { KubeDeskError } from '../errors.ts';
import { errorText } from './error-text.ts';
import { failureReason } from './failure-reason.ts';
import type { Entry } from './forward-entry.ts';
import { joinHostPort } from './listen-addresses.ts';
import type { ForwardSnapshot } from './forward-snapshot.ts';

/** `snap`, or else the running session's snapshot, or else the last one, as ForwardInfo. */
export function forwardInfo(entry: Entry, snap?: ForwardSnapshot): ForwardInfo {
  const s = snap ?? entry.session?.snapshot() ?? entry.last;
  return {
    id: entry.id,
    spec: { ...entry.spec, ports: [...entry.spec.ports], addresses: [...entry.spec.addresses] },
    state: s?.state ?? 'stopped',
    since: new Date(s?.since ?? entry.created).toISOString(),
    pod: s?.pod ?? null,
    pods: s?.pods ?? [],
    bindings: (s?.state === 'stopped' || s?.state === 'failed' ? [] : (s?.bindings ?? [])).map((b) => ({
      address: b.address,
      local: b.local,
      remote: b.remote,
      url: `http://${joinHostPort(b.address, b.local)}/`,
    })),
    stats: s?.stats ?? { connectionsOpen: 0, connectionsTotal: 0, bytesIn: 0, bytesOut: 0 },
    served: Object.entries(s?.served ?? {}).map(([pod, connections]) => ({ pod, connections })),
    lastError: s?.lastError ? { code: s.lastError.code, message: s.lastError.message, at: new Date(s.lastError.at).toISOString() } : null,
    ...(s?.reason ? { reason: s.reason } : {}),
    ...(s?.transport ? { transport: s.transport } : {}),
  };
}

/** The snapshot of a forward that failed before it had a session (no cluster connection). */
export function failedSnapshot(err: unknown, now: number): ForwardSnapshot {
  return {
    state: 'failed',
    since: now,
    pod: undefined,
    pods: [],
    bindings: [],
    stats: { connectionsOpen: 0, connectionsTotal: 0, bytesIn: 0, bytesOut: 0 },
    served: {},
    lastError: { code: err instanceof KubeDeskError ? err.code : 'unreachable', message: errorText(err), at: now },
    reason: failureReason(err).reason,
  };
}
