// One watch set (docs/services.md, Sharing): the services, endpoints, pods and nodes of one context
// and namespace (or all), each kept live by a reflector over one connection, shared by every
// watcher of that scope. Changes are coalesced for `batchMs` and sent as one ServicesChanged per
// watcher, with only the services whose summary changed.
import type { ServicesChanged, ServicesSync, ServiceSummary } from '../../../shared/contract/services.ts';
import type { ClusterConnection } from '../../cluster/cluster-connection.ts';
import type { Connect } from '../../cluster/connection-provider.ts';
import { describe, KubeDeskError } from '../../errors.ts';
import type { Logger } from '../../log.ts';
import { isMissingApi } from './list-services.ts';
import { reflect, type ReflectorOptions } from './reflector.ts';
import { ServiceCache } from './service-cache.ts';
import { summarize } from './summary.ts';
import { endpointsResource, watchedResources, type ResourceKind, type WatchedResource } from './watched-resources.ts';

export interface WatchSetOptions {
  connect: Connect;
  log: Logger;
  context: string;
  namespace: string | null;
  batchMs: number;
  /** Watch timeout, backoff and page size for every reflector (tests shorten them). */
  reflector?: Pick<ReflectorOptions<unknown>, 'watchTimeoutSeconds' | 'backoff' | 'pageSize'> | undefined;
}

type Listener = (change: Omit<ServicesChanged, 'watchId'>) => void;

function deferred(): { promise: Promise<void>; resolve: () => void; reject: (err: unknown) => void } {
  let resolve!: () => void;
  let reject!: (err: unknown) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  promise.catch(() => {});
  return { promise, resolve, reject };
}

export class WatchSet {
  readonly cache: ServiceCache;
  #o: WatchSetOptions;
  #conn: ClusterConnection | undefined;
  #abort = new AbortController();
  #running: Promise<void>[] = [];
  #state = new Map<ResourceKind, { synced: boolean; error?: string | undefined }>();
  #listeners = new Map<string, Listener>();
  #summaries = new Map<string, ServiceSummary>();
  #touched = new Set<string>();
  #timer: NodeJS.Timeout | undefined;
  #initial = deferred();
  #live = false;
  #sent: { sync: ServicesSync; message: string | undefined } = { sync: 'syncing', message: undefined };

  constructor(o: WatchSetOptions) {
    this.#o = o;
    this.cache = new ServiceCache({
      dirty: (key) => this.#mark(key),
      removed: (key) => this.#mark(key),
    });
  }

  get server(): string {
    return this.#conn?.server.href ?? '';
  }

  /** Connects and resolves once every resource is listed (or has failed once). */
  async start(): Promise<void> {
    const conn = await this.#o.connect(this.#o.context, this.#abort.signal);
    if (this.#abort.signal.aborted) {
      // Disposed while connecting.
      conn.dispose();
      throw new KubeDeskError('cancelled', 'the services watch stopped');
    }
    this.#conn = conn;
    for (const r of watchedResources(this.cache, this.#o.namespace)) this.#run(r);
    await this.#initial.promise;
  }

  #run(r: WatchedResource<unknown>): void {
    const kind = r.kind;
    this.#state.set(kind, { synced: false });
    const set = (s: { synced: boolean; error?: string | undefined }): void => {
      this.#state.set(kind, s);
      this.#stateChanged();
    };
    const log = this.#o.log;
    const fields = { context: this.#o.context, namespace: this.#o.namespace ?? '(all)', resource: kind };
    const run = reflect<unknown>(
      { ...this.#o.reflector, conn: this.#conn!, path: r.path, transform: r.transform },
      {
        replace: (items) => {
          r.replace(items);
          set({ synced: true });
        },
        upsert: r.upsert,
        remove: r.remove,
        recovered: () => {
          log.info('watch recovered', fields);
          set({ synced: true });
        },
        relisting: (why) => log.info('listing again', { ...fields, why }),
        failed: (err, phase) => {
          const synced = this.#state.get(kind)?.synced ?? false;
          if (!synced && kind === 'endpointslices' && isMissingApi(err)) {
            // discovery.k8s.io/v1 is absent (before 1.21): core/v1 Endpoints instead.
            log.info('EndpointSlices not served; watching Endpoints', fields);
            this.#state.delete(kind);
            this.#run(endpointsResource(this.cache, this.#o.namespace, true));
            return 'stop';
          }
          const forbidden = err instanceof KubeDeskError && err.code === 'forbidden';
          if (!synced && kind === 'services' && !this.#live) {
            this.#initial.reject(err);
            return 'stop';
          }
          if (!synced && forbidden && (kind === 'pods' || kind === 'nodes')) {
            // Only reasons and NodePort addresses need them: without the right to list, do without.
            log.warn('cannot list; going on without', { ...fields, error: describe(err) });
            set({ synced: true });
            return 'stop';
          }
          log.warn(`${phase} failed; retrying`, { ...fields, error: describe(err) });
          set({ synced, error: describe(err) });
          return 'retry';
        },
      },
      this.#abort.signal,
    );
    this.#running.push(run.catch((err: unknown) => log.error('reflector ended', { ...fields, error: describe(err) })));
  }

  #computeSync(): { sync: ServicesSync; message: string | undefined } {
    let synced = true;
    for (const s of this.#state.values()) {
      if (s.error) return { sync: 'reconnecting', message: s.error };
      if (!s.synced) synced = false;
    }
    return { sync: synced && this.#live ? 'live' : 'syncing', message: undefined };
  }

  get sync(): ServicesSync {
    return this.#computeSync().sync;
  }

  #stateChanged(): void {
    if (!this.#live) {
      const states = [...this.#state.values()];
      const services = this.#state.get('services');
      if (services?.synced && states.every((s) => s.synced || s.error)) {
        // The first snapshot: summaries made silently, handed out by snapshot().
        this.#live = true;
        this.#flush(false);
        this.#sent = this.#computeSync();
        this.#initial.resolve();
      }
      return;
    }
    this.#schedule();
  }

  /** A service to look at again: its summary may have changed, or it may be gone. */
  #mark(key: string): void {
    this.#touched.add(key);
    if (this.#live) this.#schedule();
  }

  #schedule(): void {
    this.#timer ??= setTimeout(() => {
      this.#timer = undefined;
      this.#flush(true);
    }, this.#o.batchMs);
  }

  #flush(emit: boolean): void {
    const upserted: ServiceSummary[] = [];
    const removed: string[] = [];
    const server = this.server;
    for (const key of this.#touched) {
      const rec = this.cache.services.get(key);
      if (!rec) {
        if (this.#summaries.delete(key)) removed.push(key);
        continue;
      }
      const next = summarize(rec, this.cache.readiness(rec), server);
      const prev = this.#summaries.get(key);
      if (prev && JSON.stringify(prev) === JSON.stringify(next)) continue;
      this.#summaries.set(key, next);
      upserted.push(next);
    }
    this.#touched.clear();
    if (!emit) return;
    const state = this.#computeSync();
    const stateChanged = state.sync !== this.#sent.sync || state.message !== this.#sent.message;
    if (upserted.length === 0 && removed.length === 0 && !stateChanged) return;
    this.#sent = state;
    const change = { context: this.#o.context, sync: state.sync, ...(state.message ? { message: state.message } : {}), upserted, removed };
    for (const l of this.#listeners.values()) {
      try {
        l(change);
      } catch (err) {
        this.#o.log.error('services listener failed', { error: describe(err) });
      }
    }
  }

  /** Every summary, by namespace then name. */
  snapshot(): ServiceSummary[] {
    const keys = [...this.#summaries.keys()].sort();
    return keys.map((k) => this.#summaries.get(k)!);
  }

  add(watchId: string, listener: Listener): void {
    this.#listeners.set(watchId, listener);
  }

  /** Returns how many watchers are left. */
  remove(watchId: string): number {
    this.#listeners.delete(watchId);
    return this.#listeners.size;
  }

  get watchers(): number {
    return this.#listeners.size;
  }

  async dispose(): Promise<void> {
    this.#abort.abort();
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#initial.reject(new KubeDeskError('cancelled', 'the services watch stopped'));
    await Promise.all(this.#running);
    this.#conn?.dispose();
    this.#listeners.clear();
  }
}
