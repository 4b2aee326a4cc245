// What every REST verb of the demo apiserver reads from a request: the resource it names, its
// label and field selectors, the answer it accepts (JSON, Table, metadata), dryRun, and the
// object or patch in its body, checked as kube-apiserver checks them.
import type { IncomingMessage } from 'node:http';
import type { ResourceDef } from './api-resource-table.ts';
import { groupVersion } from './api-resources.ts';
import { type ApiError, badRequest, notAcceptable, notFound } from './api-status.ts';
import { parseFieldSelector, type FieldSelector } from './field-selector.ts';
import type { ClusterIpAllocator, NodePortAllocator } from './ip-allocator.ts';
import { jsonPatch, mergePatch } from './json-patch.ts';
import type { KubeObject } from '../kube/kube-objects.ts';
import { parseLabelSelector, SelectorError, type Selector } from '../kube/label-selector.ts';
import { negotiate, type Answer } from './media-type.ts';
import type { ObjectStore } from './object-store.ts';
import type { PodFactory } from './pod-factory.ts';
import type { PodLifecycle } from './pod-lifecycle.ts';
import type { PodLogs } from './pod-logs.ts';
import { readObject } from './request-body.ts';
import type { IncludeObject } from './table-convert.ts';
import type { WatchHub } from './watch-hub.ts';

export interface ResourceRequest {
  def: ResourceDef;
  key: string;
  namespace?: string;
  name?: string;
  sub?: string;
}

export interface ResourceDeps {
  store: ObjectStore;
  hub: WatchHub;
  lifecycle: PodLifecycle;
  logs: PodLogs;
  factory: PodFactory;
  clusterIps: ClusterIpAllocator;
  nodePorts: NodePortAllocator;
  now: () => Date;
}

export const WRITE_TYPES = ['application/json'];
const PATCH_TYPES = [
  'application/merge-patch+json',
  'application/strategic-merge-patch+json',
  'application/json-patch+json',
  'application/apply-patch+yaml',
];

export function qualified(def: ResourceDef): string {
  return def.group ? `${def.name}.${def.group}` : def.name;
}

export function missing(def: ResourceDef, name: string): ApiError {
  return notFound(qualified(def), name, def.name, def.group || undefined);
}

export function selectors(url: URL, def: ResourceDef): { labels?: Selector; fields?: FieldSelector } {
  try {
    const ls = url.searchParams.get('labelSelector');
    const fs = url.searchParams.get('fieldSelector');
    return {
      ...(ls ? { labels: parseLabelSelector(ls) } : {}),
      ...(fs ? { fields: parseFieldSelector(fs, def) } : {}),
    };
  } catch (err) {
    if (err instanceof SelectorError) throw badRequest(err.message);
    throw err;
  }
}

export function include(url: URL): IncludeObject {
  const v = url.searchParams.get('includeObject');
  return v === 'None' || v === 'Object' ? v : 'Metadata';
}

export function answerFor(req: IncomingMessage): Answer {
  const a = negotiate(req.headers.accept, { transformable: true });
  if (!a) throw notAcceptable();
  return a;
}

export function isDryRun(url: URL): boolean {
  return url.searchParams.getAll('dryRun').includes('All');
}

export function checkBody(rr: ResourceRequest, body: Record<string, unknown>): KubeObject {
  const kind = body['kind'];
  const apiVersion = body['apiVersion'];
  if (typeof kind === 'string' && kind !== '' && kind !== rr.def.kind) {
    throw badRequest(`the kind in the data (${kind}) does not match the expected kind (${rr.def.kind})`);
  }
  if (typeof apiVersion === 'string' && apiVersion !== '' && apiVersion !== groupVersion(rr.def)) {
    throw badRequest(`the API version in the data (${apiVersion}) does not match the expected API version (${groupVersion(rr.def)})`);
  }
  const meta = body['metadata'];
  if (meta !== undefined && (meta === null || typeof meta !== 'object' || Array.isArray(meta))) {
    throw badRequest('json: cannot unmarshal metadata into Go struct field of type v1.ObjectMeta');
  }
  const m = (meta ?? {}) as Record<string, unknown>;
  if (m['namespace'] !== undefined && rr.namespace !== undefined && m['namespace'] !== rr.namespace) {
    throw badRequest('the namespace of the provided object does not match the namespace sent on the request');
  }
  return {
    ...body,
    metadata: {
      ...m,
      name: typeof m['name'] === 'string' ? m['name'] : '',
      ...(rr.def.namespaced && rr.namespace ? { namespace: rr.namespace } : {}),
    },
  } as KubeObject;
}

export async function applyPatch(req: IncomingMessage, current: KubeObject): Promise<KubeObject> {
  const { body, type } = await readObject(req, PATCH_TYPES);
  const next = (type === 'application/json-patch+json' ? jsonPatch(current, body) : mergePatch(current, body)) as KubeObject;
  if (next === null || typeof next !== 'object' || typeof next.metadata !== 'object' || next.metadata === null)
    throw badRequest('the patch removed the object metadata');
  return {
    ...next,
    metadata: {
      ...next.metadata,
      name: current.metadata.name,
      ...(current.metadata.namespace ? { namespace: current.metadata.namespace } : {}),
    },
  };
}
