// Keeps one resource's objects live, as client-go's Reflector does (client-go/tools/cache/reflector.go,
// docs/services.md, Discovery): list (paged), then watch from the list's resourceVersion with
// allowWatchBookmarks; a watch that ends is resumed from the last resourceVersion seen; a 410 Gone
// (ERROR event or status) or any other ERROR event lists again; a watch that cannot reach the
// apiserver is retried with backoff (forward/backoff.ts), a cheap list first telling when the
// apiserver answers again. Runs until the signal aborts or the sink says stop.
import { setTimeout as sleep } from 'node:timers/promises';
import type { ClusterConnection } from '../../cluster/cluster-connection.ts';
import { kubeJson, kubeWatch } from '../../cluster/kube-request.ts';
import { KubeDeskError } from '../../errors.ts';
import { backoffDelay } from '../../forward/backoff.ts';
import type { KubeObject, List } from '../../kube/kube-objects.ts';

export interface ReflectorSink<T> {
  /** After every (re)list: the whole set. */
  replace(items: T[]): void;
  upsert(obj: T): void;
  remove(obj: T): void;
  /** A list, probe or watch failed. 'stop' ends the reflector (e.g. 404: the API is absent). */
  failed(err: unknown, phase: 'list' | 'watch'): 'retry' | 'stop';
  /** The apiserver answered again after failures. */
  recovered(): void;
  /** A watch ended with 410 Gone or an ERROR event: listing again. */
  relisting?(why: string): void;
}

export interface ReflectorOptions<T> {
  conn: ClusterConnection;
  /** Collection path, e.g. `/api/v1/namespaces/shop/services` or `/api/v1/pods`. */
  path: string;
  /** Shrinks each object before it is kept (client-go SetTransform). */
  transform: (obj: KubeObject) => T;
  /** List page size (client-go's pager and kubectl use 500); 0 = one request. */
  pageSize?: number;
  /** Seconds a watch asks for; client-go: minWatchTimeout (5 min) × [1, 2). */
  watchTimeoutSeconds?: () => number;
  backoff?: (attempt: number) => number;
}

type WatchObject = KubeObject & { code?: number; reason?: string; message?: string };

/** Lists every page; returns the items and the resourceVersion to watch from. */
export async function listAll<T>(
  conn: ClusterConnection,
  path: string,
  transform: (obj: KubeObject) => T,
  pageSize: number,
  signal?: AbortSignal,
  query: Record<string, string> = {},
): Promise<{ items: T[]; resourceVersion: string | undefined }> {
  const items: T[] = [];
  let cont: string | undefined;
  let rv: string | undefined;
  do {
    const page = await kubeJson<List<KubeObject> & { metadata?: { continue?: string } }>(conn, {
      path,
      query: { ...query, limit: pageSize > 0 ? pageSize : undefined, continue: cont },
      signal,
      timeoutMs: 60_000,
    });
    for (const o of page.items) items.push(transform(o));
    rv = page.metadata?.resourceVersion;
    cont = page.metadata?.continue || undefined;
  } while (cont);
  return { items, resourceVersion: rv };
}

function isGone(err: unknown): boolean {
  return err instanceof KubeDeskError && /too old resource version|\b410\b|Expired|Gone/i.test(err.message);
}

export async function reflect<T>(o: ReflectorOptions<T>, sink: ReflectorSink<T>, signal: AbortSignal): Promise<void> {
  const backoff = o.backoff ?? ((n: number) => backoffDelay(n));
  const timeout = o.watchTimeoutSeconds ?? (() => Math.round(300 * (1 + Math.random())));
  let failures = 0;
  let shortWatches = 0;
  const pause = async (): Promise<boolean> => {
    try {
      await sleep(backoff(failures++), undefined, { signal });
      return true;
    } catch {
      return false;
    }
  };
  /** Reports a failure; false: stop. */
  const fail = async (err: unknown, phase: 'list' | 'watch'): Promise<boolean> => {
    if (signal.aborted) return false;
    if (sink.failed(err, phase) === 'stop') return false;
    return pause();
  };

  let rv: string | undefined;
  while (!signal.aborted) {
    if (rv === undefined) {
      try {
        const list = await listAll(o.conn, o.path, o.transform, o.pageSize ?? 500, signal);
        rv = list.resourceVersion ?? '';
        sink.replace(list.items);
        if (failures > 0) sink.recovered();
        failures = 0;
      } catch (err) {
        if (!(await fail(err, 'list'))) return;
        continue;
      }
    } else if (failures > 0) {
      // After a failed watch: a one-item list says when the apiserver answers again, and the
      // watch resumes from the last resourceVersion (nothing listed again unless it is gone).
      try {
        await kubeJson(o.conn, { path: o.path, query: { limit: 1 }, signal, timeoutMs: 30_000 });
        sink.recovered();
        failures = 0;
      } catch (err) {
        if (!(await fail(err, 'watch'))) return;
        continue;
      }
    }
    let relist: string | undefined;
    let events = 0;
    const startedAt = Date.now();
    try {
      await kubeWatch<WatchObject>(
        o.conn,
        {
          path: o.path,
          query: { resourceVersion: rv || undefined, allowWatchBookmarks: true, timeoutSeconds: timeout() },
          signal,
        },
        (ev) => {
          events++;
          if (relist !== undefined) return;
          const obj = ev.object;
          if (ev.type === 'ERROR') {
            relist =
              obj.code === 410
                ? `410 Gone: ${obj.message ?? 'too old resource version'}`
                : `watch error: ${obj.message ?? obj.reason ?? ''}`;
            // Ends this one watch: the ERROR event says to list again.
            return 'stop';
          }
          rv = obj.metadata?.resourceVersion ?? rv;
          if (ev.type === 'BOOKMARK') return;
          if (ev.type === 'DELETED') sink.remove(o.transform(obj));
          else sink.upsert(o.transform(obj));
        },
      );
    } catch (err) {
      if (signal.aborted) return;
      if (relist === undefined && isGone(err)) relist = `410 Gone: ${(err as Error).message}`;
      if (relist === undefined) {
        if (!(await fail(err, 'watch'))) return;
        continue;
      }
    }
    if (relist !== undefined) {
      sink.relisting?.(relist);
      rv = undefined;
      continue;
    }
    // A stream that ends at once without events, again and again, must not become a busy loop
    // (reflector.go: "very short watch").
    if (events === 0 && Date.now() - startedAt < 1000) {
      try {
        await sleep(backoff(shortWatches++), undefined, { signal });
      } catch {
        return;
      }
    } else shortWatches = 0;
  }
}
