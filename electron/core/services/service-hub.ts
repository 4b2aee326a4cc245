// Live service discovery (docs/services.md): one watch set per (context, namespace or all), shared
// by every watcher of that scope and counted by watchId; when the last watcher leaves, the set
// lingers (30 s by default) so a view that comes back at once finds it warm, then stops.
import { randomUUID } from 'node:crypto';
import type { ServiceDetail, ServicesChanged, ServicesSnapshot, ServicesWatchRequest } from '../../shared/contract/services.ts';
import type { Connect } from '../cluster/connection-provider.ts';
import { describe, KubeDeskError } from '../errors.ts';
import type { Disposable } from '../lifecycle.ts';
import type { Logger } from '../log.ts';
import { detailFromCache, fetchDetail } from './discovery/service-detail.ts';
import { WatchSet, type WatchSetOptions } from './discovery/watch-set.ts';

export interface ServiceHubDeps {
  connect: Connect;
  log: Logger;
  /** How long a context's watch set lingers after its last watcher leaves (default 30 s). */
  lingerMs?: number | undefined;
  /** How long changes are coalesced into one ServicesChanged (default 75 ms). */
  batchMs?: number | undefined;
  /** Reflector timings (tests shorten the watch timeout and the backoff). */
  reflector?: WatchSetOptions['reflector'];
}

interface Entry {
  set: WatchSet;
  started: Promise<void>;
  linger?: NodeJS.Timeout | undefined;
}

const ALL = '\0all';

function cancelled(): KubeDeskError {
  return new KubeDeskError('cancelled', 'cancelled');
}

/** Waits for `p`, or rejects when the signal aborts (the shared start goes on for the others). */
function untilDone(p: Promise<void>, signal?: AbortSignal): Promise<void> {
  if (!signal) return p;
  if (signal.aborted) return Promise.reject(cancelled());
  return new Promise((resolve, reject) => {
    const onAbort = (): void => reject(cancelled());
    signal.addEventListener('abort', onAbort, { once: true });
    p.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

export class ServiceHub implements Disposable {
  #deps: ServiceHubDeps;
  #sets = new Map<string, Entry>();
  /** watchId → the key of its set. */
  #watches = new Map<string, string>();
  #stopping = new Set<Promise<void>>();
  #disposed = false;

  constructor(deps: ServiceHubDeps) {
    this.#deps = deps;
  }

  async watch(req: ServicesWatchRequest, onChange: (c: ServicesChanged) => void, signal?: AbortSignal): Promise<ServicesSnapshot> {
    if (this.#disposed) throw new KubeDeskError('cancelled', 'the service hub is stopped');
    const namespace = req.namespace || null;
    const key = `${req.context}\0${namespace ?? ALL}`;
    let entry = this.#sets.get(key);
    if (!entry) {
      const set = new WatchSet({
        connect: this.#deps.connect,
        log: this.#deps.log,
        context: req.context,
        namespace,
        batchMs: this.#deps.batchMs ?? 75,
        reflector: this.#deps.reflector,
      });
      const started = set.start();
      entry = { set, started };
      this.#sets.set(key, entry);
      this.#deps.log.info('services watch started', { context: req.context, namespace: namespace ?? '(all)' });
      started.catch((err: unknown) => {
        this.#deps.log.warn('services watch failed to start', { context: req.context, error: describe(err) });
        if (this.#sets.get(key)?.set === set) this.#sets.delete(key);
        this.#stop(set);
      });
    }
    clearTimeout(entry.linger);
    entry.linger = undefined;
    const watchId = randomUUID();
    entry.set.add(watchId, (c) => onChange({ watchId, ...c }));
    this.#watches.set(watchId, key);
    try {
      await untilDone(entry.started, signal);
    } catch (err) {
      this.unwatch(watchId);
      throw err;
    }
    return { watchId, context: req.context, namespace, sync: entry.set.sync, items: entry.set.snapshot() };
  }

  unwatch(watchId: string): void {
    const key = this.#watches.get(watchId);
    if (key === undefined) return;
    this.#watches.delete(watchId);
    const entry = this.#sets.get(key);
    if (!entry || entry.set.remove(watchId) > 0) return;
    const linger = this.#deps.lingerMs ?? 30_000;
    const stop = (): void => {
      if (this.#sets.get(key) !== entry || entry.set.watchers > 0) return;
      this.#sets.delete(key);
      this.#stop(entry.set);
    };
    if (linger <= 0) stop();
    else entry.linger = setTimeout(stop, linger).unref();
  }

  #stop(set: WatchSet): void {
    const p = set.dispose().finally(() => this.#stopping.delete(p));
    this.#stopping.add(p);
  }

  /** From a live watch set that covers the namespace, else fetched once. */
  async detail(context: string, namespace: string, name: string, signal?: AbortSignal): Promise<ServiceDetail> {
    for (const key of [`${context}\0${namespace}`, `${context}\0${ALL}`]) {
      const entry = this.#sets.get(key);
      if (!entry || entry.set.sync === 'syncing') continue;
      return detailFromCache(context, entry.set.cache, namespace, name, entry.set.server);
    }
    const conn = await this.#deps.connect(context, signal);
    try {
      return await fetchDetail(conn, namespace, name, signal);
    } finally {
      conn.dispose();
    }
  }

  async dispose(): Promise<void> {
    this.#disposed = true;
    for (const entry of this.#sets.values()) {
      clearTimeout(entry.linger);
      this.#stop(entry.set);
    }
    this.#sets.clear();
    this.#watches.clear();
    await Promise.all([...this.#stopping]);
  }
}
