// Keeps a forward informed about its pods: list, then watch from the list's resourceVersion,
// and list again whenever the watch ends (timeouts, 410 Gone, a dropped connection). A failure
// to list or watch is reported, then retried with backoff, until the signal aborts.
import { setTimeout as sleep } from 'node:timers/promises';
import type { ClusterConnection } from '../cluster/cluster-connection.ts';
import { kubeJson, kubeWatch } from '../cluster/kube-request.ts';
import { backoffDelay } from './backoff.ts';
import type { List, Pod } from '../kube/kube-objects.ts';

export interface PodSink {
  /** A full list (after every (re)list). */
  onSync(pods: readonly Pod[]): void;
  onEvent(type: 'ADDED' | 'MODIFIED' | 'DELETED', pod: Pod): void;
  /** Listing or watching failed; the watch retries by itself. */
  onError(err: unknown): void;
}

export interface PodWatchScope {
  namespace: string;
  /** Pods of a service/deployment. */
  labelSelector?: string | undefined;
  /** One pod (`pod/NAME`). */
  podName?: string | undefined;
}

const WATCH_TIMEOUT_S = 300;

export async function watchPods(conn: ClusterConnection, scope: PodWatchScope, sink: PodSink, signal: AbortSignal): Promise<void> {
  const path = `/api/v1/namespaces/${encodeURIComponent(scope.namespace)}/pods`;
  const query = {
    labelSelector: scope.labelSelector || undefined,
    fieldSelector: scope.podName ? `metadata.name=${scope.podName}` : undefined,
  };
  let failures = 0;
  while (!signal.aborted) {
    try {
      const list = await kubeJson<List<Pod>>(conn, { path, query, signal });
      sink.onSync(list.items);
      let expired = false;
      let events = 0;
      const startedAt = Date.now();
      await kubeWatch<Pod | { kind?: string; code?: number }>(
        conn,
        {
          path,
          query: { ...query, resourceVersion: list.metadata?.resourceVersion, allowWatchBookmarks: true, timeoutSeconds: WATCH_TIMEOUT_S },
          signal,
        },
        (ev) => {
          events++;
          if (ev.type === 'ADDED' || ev.type === 'MODIFIED' || ev.type === 'DELETED') sink.onEvent(ev.type, ev.object as Pod);
          else if (ev.type === 'ERROR') expired = true;
        },
      );
      if (expired) continue;
      // The stream ended: list again (catches anything missed while reconnecting). A stream that
      // ends at once, again and again, must not turn this into a busy loop.
      if (events === 0 && Date.now() - startedAt < 1000) await sleep(backoffDelay(failures++), undefined, { signal });
      else failures = 0;
    } catch (err) {
      if (signal.aborted) return;
      sink.onError(err);
      try {
        await sleep(backoffDelay(failures++), undefined, { signal });
      } catch {
        return;
      }
    }
  }
}
