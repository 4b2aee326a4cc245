// One saved forward as the ForwardManager (forward-manager.ts) holds it: its spec, the session
// and cluster connection while it runs, the last snapshot once a session ended, and the queue
// that runs its start, stop and update one at a time.
import type { ForwardSpec } from '../../shared/ipc-contract.ts';
import type { ClusterConnection } from '../cluster/cluster-connection.ts';
import type { ForwardSession } from './forward-session.ts';
import type { ForwardSnapshot } from './forward-snapshot.ts';

export interface Entry {
  id: string;
  spec: ForwardSpec;
  created: number;
  session: ForwardSession | undefined;
  conn: ClusterConnection | undefined;
  /** The last snapshot of a session that ended (Failed/Stopped). */
  last: ForwardSnapshot | undefined;
  /** Serialises start/stop/update of this forward. */
  queue: Promise<unknown>;
}

/** A forward that is not running. */
export function newEntry(id: string, spec: ForwardSpec, created: number): Entry {
  return { id, spec, created, session: undefined, conn: undefined, last: undefined, queue: Promise.resolve() };
}

/** Runs `fn` after whatever this forward is already doing, failed or not. */
export function serial<T>(entry: Entry, fn: () => Promise<T>): Promise<T> {
  const run = entry.queue.then(fn, fn);
  entry.queue = run.catch(() => {});
  return run;
}
