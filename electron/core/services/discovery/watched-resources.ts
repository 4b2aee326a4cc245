// What a watch set keeps live (docs/services.md, Discovery): for each resource, its collection path
// in the namespace (or all), how its objects are shrunk, and where list and watch events go in the cache.
import type { KubeObject } from '../../kube/kube-objects.ts';
import { collectionPath, CORE_API, DISCOVERY_API } from './list-services.ts';
import { toEndpointsRecord, toNodeRecord, toPodRecord, toServiceRecord, toSliceRecord } from './records.ts';
import type { ServiceCache } from './service-cache.ts';

export type ResourceKind = 'services' | 'endpointslices' | 'endpoints' | 'pods' | 'nodes';

export interface WatchedResource<T> {
  kind: ResourceKind;
  path: string;
  transform: (o: KubeObject) => T;
  replace(items: T[]): void;
  upsert(o: T): void;
  remove(o: T): void;
}

/** Endpoints: EndpointSlices, or core/v1 Endpoints where discovery.k8s.io/v1 is absent. */
export function endpointsResource(cache: ServiceCache, namespace: string | null, legacy: boolean): WatchedResource<unknown> {
  const r: WatchedResource<ReturnType<typeof toSliceRecord>> = {
    kind: legacy ? 'endpoints' : 'endpointslices',
    path: legacy ? collectionPath(CORE_API, 'endpoints', namespace) : collectionPath(DISCOVERY_API, 'endpointslices', namespace),
    transform: legacy ? toEndpointsRecord : toSliceRecord,
    replace: (i) => cache.replaceEndpoints(i),
    upsert: (e) => cache.upsertEndpoints(e),
    remove: (e) => cache.removeEndpoints(e),
  };
  return r as WatchedResource<unknown>;
}

export function watchedResources(cache: ServiceCache, namespace: string | null): Array<WatchedResource<unknown>> {
  const services: WatchedResource<ReturnType<typeof toServiceRecord>> = {
    kind: 'services',
    path: collectionPath(CORE_API, 'services', namespace),
    transform: toServiceRecord,
    replace: (i) => cache.replaceServices(i),
    upsert: (s) => cache.upsertService(s),
    remove: (s) => cache.removeService(s),
  };
  const pods: WatchedResource<ReturnType<typeof toPodRecord>> = {
    kind: 'pods',
    path: collectionPath(CORE_API, 'pods', namespace),
    transform: toPodRecord,
    replace: (i) => cache.replacePods(i),
    upsert: (p) => cache.upsertPod(p),
    remove: (p) => cache.removePod(p),
  };
  const nodes: WatchedResource<ReturnType<typeof toNodeRecord>> = {
    kind: 'nodes',
    path: '/api/v1/nodes',
    transform: toNodeRecord,
    replace: (i) => cache.replaceNodes(i),
    upsert: (n) => cache.nodes.set(n.name, n),
    remove: (n) => cache.nodes.delete(n.name),
  };
  return [services, endpointsResource(cache, namespace, false), pods, nodes] as Array<WatchedResource<unknown>>;
}
