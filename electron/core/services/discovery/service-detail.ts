// `services:detail` (docs/services.md, Ways to connect): one service with every way to reach each
// port and the pods behind it, from a live watch set's cache, or fetched once when none covers it.
import type { ServiceDetail } from '../../../shared/contract/services.ts';
import type { ClusterConnection } from '../../cluster/cluster-connection.ts';
import { kubeJson } from '../../cluster/kube-request.ts';
import { KubeDeskError } from '../../errors.ts';
import type { KubeObject } from '../../kube/kube-objects.ts';
import { formatSelector } from '../../kube/label-selector.ts';
import { collectionPath, CORE_API, DISCOVERY_API, isMissingApi } from './list-services.ts';
import { listAll } from './reflector.ts';
import {
  toEndpointsRecord,
  toNodeRecord,
  toPodRecord,
  toServiceRecord,
  toSliceRecord,
  type EndpointRecord,
  type PodRecord,
} from './records.ts';
import { ServiceCache } from './service-cache.ts';
import { summarize } from './summary.ts';
import { podsOf, waysToConnect } from './ways.ts';

function notFound(namespace: string, name: string): KubeDeskError {
  return new KubeDeskError('not-found', `service "${namespace}/${name}" not found`);
}

/** The detail of `NS/NAME` from a cache holding its namespace. */
export function detailFromCache(context: string, cache: ServiceCache, namespace: string, name: string, server: string): ServiceDetail {
  const service = cache.services.get(`${namespace}/${name}`);
  if (!service) throw notFound(namespace, name);
  const summary = summarize(service, cache.readiness(service), server);
  const endpoints = [...cache.endpointsOf(`${namespace}/${name}`)];
  const pods = new Map<string, PodRecord>();
  for (const e of endpoints)
    for (const a of e.addresses)
      if (a.pod) {
        const p = cache.pods.get(`${namespace}/${a.pod}`);
        if (p) pods.set(p.name, p);
      }
  const selected = cache.selectedPods(service);
  for (const p of selected) pods.set(p.name, p);
  return {
    context,
    service: summary,
    ways: waysToConnect({ service, summary, endpoints, pods, nodes: [...cache.nodes.values()] }),
    pods: podsOf({ endpoints, pods, selected }),
  };
}

async function endpointsOf(conn: ClusterConnection, namespace: string, name: string, signal?: AbortSignal): Promise<EndpointRecord[]> {
  const path = collectionPath(DISCOVERY_API, 'endpointslices', namespace);
  try {
    return (await listAll(conn, path, toSliceRecord, 0, signal, { labelSelector: `kubernetes.io/service-name=${name}` })).items;
  } catch (err) {
    if (!isMissingApi(err)) throw err;
    try {
      const e = await kubeJson<KubeObject>(conn, {
        path: `${collectionPath(CORE_API, 'endpoints', namespace)}/${encodeURIComponent(name)}`,
        signal,
      });
      return [toEndpointsRecord(e)];
    } catch (inner) {
      if (isMissingApi(inner)) return [];
      throw inner;
    }
  }
}

/** Not needed for the rest of the detail: a user who may not list them still gets it. */
async function optional<T>(p: Promise<T[]>): Promise<T[]> {
  try {
    return await p;
  } catch (err) {
    if (err instanceof KubeDeskError && err.code === 'forbidden') return [];
    throw err;
  }
}

/** Fetches one service, its endpoints, its pods and the nodes, once. */
export async function fetchDetail(conn: ClusterConnection, namespace: string, name: string, signal?: AbortSignal): Promise<ServiceDetail> {
  let obj: KubeObject;
  try {
    obj = await kubeJson<KubeObject>(conn, {
      path: `${collectionPath(CORE_API, 'services', namespace)}/${encodeURIComponent(name)}`,
      signal,
    });
  } catch (err) {
    if (isMissingApi(err)) throw notFound(namespace, name);
    throw err;
  }
  const service = toServiceRecord(obj);
  const podQuery = service.selector ? { labelSelector: formatSelector(service.selector) } : undefined;
  const [endpoints, pods, nodes] = await Promise.all([
    endpointsOf(conn, namespace, name, signal),
    podQuery
      ? optional(listAll(conn, collectionPath(CORE_API, 'pods', namespace), toPodRecord, 0, signal, podQuery).then((l) => l.items))
      : [],
    optional(listAll(conn, '/api/v1/nodes', toNodeRecord, 0, signal).then((l) => l.items)),
  ]);
  const cache = new ServiceCache({ dirty: () => {}, removed: () => {} });
  cache.upsertService(service);
  cache.replaceEndpoints(endpoints);
  cache.replacePods(pods);
  cache.replaceNodes(nodes);
  return detailFromCache(conn.context, cache, namespace, name, conn.server.href);
}
