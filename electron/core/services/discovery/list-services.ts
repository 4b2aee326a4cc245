// One-shot discovery for `kubedesk services` (docs/cli.md, services): the services of a namespace
// (or all) with their readiness, from one list each of services, EndpointSlices (core/v1 Endpoints
// where discovery.k8s.io/v1 is absent) and pods, summarized by the same code as the live hub.
import type { ServiceSummary } from '../../../shared/contract/services.ts';
import type { ClusterConnection } from '../../cluster/cluster-connection.ts';
import { KubeDeskError } from '../../errors.ts';
import { listAll } from './reflector.ts';
import { toEndpointsRecord, toPodRecord, toServiceRecord, toSliceRecord, type EndpointRecord, type ServiceRecord } from './records.ts';
import { ServiceCache } from './service-cache.ts';
import { summarize } from './summary.ts';

/** `/api/v1/namespaces/NS/services`, or `/api/v1/services` for every namespace. */
export function collectionPath(api: string, resource: string, namespace: string | null): string {
  return namespace === null ? `${api}/${resource}` : `${api}/namespaces/${encodeURIComponent(namespace)}/${resource}`;
}

export const CORE_API = '/api/v1';
export const DISCOVERY_API = '/apis/discovery.k8s.io/v1';

export function isMissingApi(err: unknown): boolean {
  return err instanceof KubeDeskError && err.code === 'not-found';
}

/** EndpointSlices, else (404: an apiserver older than 1.21) core/v1 Endpoints. */
async function listEndpoints(conn: ClusterConnection, namespace: string | null, signal?: AbortSignal): Promise<EndpointRecord[]> {
  try {
    return (await listAll(conn, collectionPath(DISCOVERY_API, 'endpointslices', namespace), toSliceRecord, 500, signal)).items;
  } catch (err) {
    if (!isMissingApi(err)) throw err;
    return (await listAll(conn, collectionPath(CORE_API, 'endpoints', namespace), toEndpointsRecord, 500, signal)).items;
  }
}

export interface ListedService {
  record: ServiceRecord;
  summary: ServiceSummary;
}

/** In the apiserver's order (namespace, then name). */
export async function listServices(conn: ClusterConnection, namespace: string | null, signal?: AbortSignal): Promise<ListedService[]> {
  const [services, endpoints, pods] = await Promise.all([
    listAll(conn, collectionPath(CORE_API, 'services', namespace), toServiceRecord, 500, signal),
    listEndpoints(conn, namespace, signal),
    // Pods only name the reasons of unready services; a user who may not list them still gets the rest.
    listAll(conn, collectionPath(CORE_API, 'pods', namespace), toPodRecord, 500, signal).catch((err: unknown) => {
      if (err instanceof KubeDeskError && err.code === 'forbidden') return { items: [] };
      throw err;
    }),
  ]);
  const cache = new ServiceCache({ dirty: () => {}, removed: () => {} });
  cache.replaceServices(services.items);
  cache.replaceEndpoints(endpoints);
  cache.replacePods(pods.items);
  const server = conn.server.href;
  return services.items.map((record) => ({ record, summary: summarize(record, cache.readiness(record), server) }));
}
