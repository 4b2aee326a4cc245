// The REST verbs on stored resources: list (selectors, limit/continue, Table/metadata
// answers), watch, get, create, update, patch, delete, deletecollection, and the status,
// scale, log, exec/attach and portforward subresources (proxy is service-proxy.ts). Errors are
// thrown as ApiError and written as Status by the router.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { groupVersion, R, type ResourceDef } from './api-resources.ts';
import {
  alreadyExists,
  type ApiError,
  badRequest,
  conflict,
  forbidden,
  invalid,
  methodNotAllowed,
  notAcceptable,
  notFound,
  sendJson,
} from './api-status.ts';
import type { UserInfo } from './demo-auth.ts';
import { parseFieldSelector, singleName, type FieldSelector } from './field-selector.ts';
import type { ClusterIpAllocator, NodePortAllocator } from './ip-allocator.ts';
import { jsonPatch, mergePatch } from './json-patch.ts';
import type { Deployment, KubeObject, Pod, ReplicaSet, Service } from './kube-objects.ts';
import { parseLabelSelector, SelectorError, formatSelector, type LabelSelector } from './label-selector.ts';
import { negotiate, type Answer } from './media-type.ts';
import type { ObjectStore } from './object-store.ts';
import { randomSuffix, type PodFactory } from './pod-factory.ts';
import type { PodLifecycle } from './pod-lifecycle.ts';
import type { PodLogs } from './pod-logs.ts';
import { readObject } from './request-body.ts';
import { toTable, type IncludeObject } from './table-convert.ts';
import type { WatchHub } from './watch-hub.ts';
import { DEMO_NODES } from './demo-names.ts';

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

const PROTECTED_NAMESPACES = new Set(['default', 'kube-system', 'kube-public']);
const WRITE_TYPES = ['application/json'];
const PATCH_TYPES = [
  'application/merge-patch+json',
  'application/strategic-merge-patch+json',
  'application/json-patch+json',
  'application/apply-patch+yaml',
];

export function qualified(def: ResourceDef): string {
  return def.group ? `${def.name}.${def.group}` : def.name;
}

function missing(def: ResourceDef, name: string): ApiError {
  return notFound(qualified(def), name, def.name, def.group || undefined);
}

function typed(def: ResourceDef, o: KubeObject): KubeObject {
  return { kind: def.kind, apiVersion: groupVersion(def), ...o };
}

function selectors(url: URL, def: ResourceDef): { labels?: LabelSelector; fields?: FieldSelector } {
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

function include(url: URL): IncludeObject {
  const v = url.searchParams.get('includeObject');
  return v === 'None' || v === 'Object' ? v : 'Metadata';
}

function answerFor(req: IncomingMessage): Answer {
  const a = negotiate(req.headers.accept, { transformable: true });
  if (!a) throw notAcceptable();
  return a;
}

function encodeContinue(rv: number, key: string): string {
  return Buffer.from(JSON.stringify({ v: 'meta.k8s.io/v1', rv, start: key + '\u0000' })).toString('base64');
}

function decodeContinue(token: string): string {
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64').toString('utf8')) as { start?: unknown };
    if (typeof parsed.start !== 'string') throw new Error('no start');
    return parsed.start;
  } catch {
    throw badRequest('continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)');
  }
}

function objKey(o: KubeObject): string {
  return o.metadata.namespace ? `${o.metadata.namespace}/${o.metadata.name}` : o.metadata.name;
}

function isDryRun(url: URL): boolean {
  return url.searchParams.getAll('dryRun').includes('All');
}

export class ResourceHandlers {
  #d: ResourceDeps;

  constructor(deps: ResourceDeps) {
    this.#d = deps;
  }

  async handle(req: IncomingMessage, res: ServerResponse, rr: ResourceRequest, user: UserInfo, url: URL): Promise<void> {
    const method = req.method ?? 'GET';
    if (rr.def.virtual) {
      if (method !== 'POST' || rr.name) throw methodNotAllowed(method);
      return this.#review(req, res, rr, user);
    }
    if (rr.sub) return this.#subresource(req, res, rr, user, url);
    if (!rr.name) {
      if (method === 'GET') return this.#list(req, res, rr, url);
      if (method === 'POST') return this.#create(req, res, rr, url);
      if (method === 'DELETE') return this.#deleteCollection(req, res, rr, url);
      throw methodNotAllowed(method);
    }
    if (method === 'GET') return this.#get(req, res, rr, url);
    if (method === 'PUT') return this.#update(req, res, rr, url);
    if (method === 'PATCH') return this.#patch(req, res, rr, url);
    if (method === 'DELETE') return this.#delete(res, rr, url);
    throw methodNotAllowed(method);
  }

  #present(res: ServerResponse, rr: ResourceRequest, answer: Answer, url: URL, o: KubeObject, code = 200): void {
    if (answer.as === 'table') {
      sendJson(
        res,
        code,
        toTable(rr.def, rr.key, [o], {
          apiVersion: answer.apiVersion,
          resourceVersion: o.metadata.resourceVersion ?? '',
          include: include(url),
          now: this.#d.now().getTime(),
        }),
      );
    } else if (answer.as === 'metadata') {
      sendJson(res, code, { kind: 'PartialObjectMetadata', apiVersion: answer.apiVersion, metadata: o.metadata });
    } else {
      sendJson(res, code, typed(rr.def, o));
    }
  }

  #list(req: IncomingMessage, res: ServerResponse, rr: ResourceRequest, url: URL): void {
    const answer = answerFor(req);
    const sel = selectors(url, rr.def);
    const watch = url.searchParams.get('watch');
    if (watch === 'true' || watch === '1') {
      const timeout = Number(url.searchParams.get('timeoutSeconds') ?? '0');
      const rv = url.searchParams.get('resourceVersion') ?? undefined;
      this.#d.hub.serve(res, {
        def: rr.def,
        key: rr.key,
        ...(rr.namespace !== undefined ? { namespace: rr.namespace } : {}),
        ...sel,
        ...(rv !== undefined ? { resourceVersion: rv } : {}),
        answer,
        include: include(url),
        ...(Number.isFinite(timeout) && timeout > 0 ? { timeoutSeconds: timeout } : {}),
        allowBookmarks: url.searchParams.get('allowWatchBookmarks') === 'true',
        sendInitialEvents: url.searchParams.get('sendInitialEvents') === 'true',
      });
      return;
    }
    const { store } = this.#d;
    const rv = store.resourceVersion;
    const only = singleName(sel.fields);
    let items: KubeObject[];
    if (only !== undefined) {
      if (rr.def.namespaced && rr.namespace === undefined) {
        items = store.list(rr.key).filter((o) => o.metadata.name === only);
      } else {
        const o = store.get(rr.key, rr.namespace, only);
        items = o ? [o] : [];
      }
    } else {
      items = rr.namespace !== undefined ? store.list(rr.key, rr.namespace) : store.list(rr.key);
    }
    if (sel.labels || sel.fields)
      items = items.filter((o) => (!sel.labels || sel.labels.matches(o.metadata.labels)) && (!sel.fields || sel.fields.matches(o)));
    const cont = url.searchParams.get('continue');
    if (cont) {
      const start = decodeContinue(cont);
      items = items.filter((o) => objKey(o) + '\u0000' > start);
    }
    const limit = Number(url.searchParams.get('limit') ?? '0');
    let continueToken: string | undefined;
    let remaining: number | undefined;
    if (Number.isInteger(limit) && limit > 0 && items.length > limit) {
      remaining = items.length - limit;
      items = items.slice(0, limit);
      continueToken = encodeContinue(rv, objKey(items[items.length - 1]!));
    }
    const meta = {
      resourceVersion: String(rv),
      ...(continueToken ? { continue: continueToken } : {}),
      ...(remaining && !sel.labels && !sel.fields ? { remainingItemCount: remaining } : {}),
    };
    if (answer.as === 'table') {
      sendJson(
        res,
        200,
        toTable(rr.def, rr.key, items, {
          apiVersion: answer.apiVersion,
          resourceVersion: String(rv),
          ...(continueToken ? { continueToken } : {}),
          ...(meta.remainingItemCount ? { remaining: meta.remainingItemCount } : {}),
          include: include(url),
          now: this.#d.now().getTime(),
        }),
      );
      return;
    }
    if (answer.as === 'metadata') {
      sendJson(res, 200, {
        kind: 'PartialObjectMetadataList',
        apiVersion: answer.apiVersion,
        metadata: meta,
        items: items.map((o) => ({ kind: 'PartialObjectMetadata', apiVersion: answer.apiVersion, metadata: o.metadata })),
      });
      return;
    }
    sendJson(
      res,
      200,
      `{"kind":${JSON.stringify(rr.def.listKind)},"apiVersion":${JSON.stringify(groupVersion(rr.def))},"metadata":${JSON.stringify(meta)},"items":${JSON.stringify(items)}}`,
    );
  }

  #get(req: IncomingMessage, res: ServerResponse, rr: ResourceRequest, url: URL): void {
    const answer = answerFor(req);
    const o = this.#d.store.get(rr.key, rr.namespace, rr.name!);
    if (!o) throw missing(rr.def, rr.name!);
    this.#present(res, rr, answer, url, o);
  }

  #checkNamespace(rr: ResourceRequest): void {
    if (rr.def.namespaced && rr.namespace !== undefined && !this.#d.store.get(R.namespaces, undefined, rr.namespace)) {
      throw notFound('namespaces', rr.namespace, 'namespaces');
    }
  }

  #checkBody(rr: ResourceRequest, body: Record<string, unknown>): KubeObject {
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

  async #create(req: IncomingMessage, res: ServerResponse, rr: ResourceRequest, url: URL): Promise<void> {
    const answer = answerFor(req);
    const { body } = await readObject(req, WRITE_TYPES);
    if (Array.isArray(body)) throw badRequest('json: cannot unmarshal array into Go value of type struct');
    if (rr.def.namespaced && rr.namespace === undefined) throw methodNotAllowed('POST');
    let obj = this.#checkBody(rr, body);
    const gen = obj.metadata.generateName;
    if (!obj.metadata.name && typeof gen === 'string' && gen) obj.metadata.name = gen + randomSuffix();
    if (!obj.metadata.name) throw invalid(rr.def.kind, '', 'metadata.name', 'Required value: name or generateName is required');
    if (!/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/.test(obj.metadata.name) || obj.metadata.name.length > 253) {
      throw invalid(
        rr.def.kind,
        obj.metadata.name,
        'metadata.name',
        `Invalid value: "${obj.metadata.name}": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character`,
      );
    }
    this.#checkNamespace(rr);
    if (this.#d.store.get(rr.key, rr.namespace, obj.metadata.name)) throw alreadyExists(qualified(rr.def), obj.metadata.name);
    const { uid: _u, resourceVersion: _rv, creationTimestamp: _ct, ...meta } = obj.metadata;
    obj = { ...obj, metadata: { ...meta, name: obj.metadata.name } };
    obj = this.#defaults(rr, obj);
    if (isDryRun(url)) return this.#present(res, rr, answer, url, obj, 201);
    let stored: KubeObject;
    if (rr.key === 'pods' && (obj as Pod).status.phase === 'Running') stored = await this.#d.lifecycle.launch(obj as Pod, undefined);
    else stored = this.#d.store.create(rr.key, obj);
    this.#present(res, rr, answer, url, stored, 201);
  }

  /** Fills what the apiserver's defaulting and the demo's "controllers" would. */
  #defaults(rr: ResourceRequest, obj: KubeObject): KubeObject {
    const { factory, clusterIps, nodePorts } = this.#d;
    if (rr.key === 'namespaces')
      return {
        ...obj,
        spec: { finalizers: ['kubernetes'] },
        status: { phase: 'Active' },
        metadata: { ...obj.metadata, labels: { ...(obj.metadata.labels ?? {}), 'kubernetes.io/metadata.name': obj.metadata.name } },
      };
    if (rr.key === 'services') {
      const s = obj as Service;
      const spec = { ...(s.spec ?? {}) };
      const type = spec.type ?? 'ClusterIP';
      if (type !== 'ExternalName' && !spec.clusterIP) spec.clusterIP = clusterIps.allocate();
      if (spec.clusterIP) spec.clusterIPs = [spec.clusterIP];
      spec.ports = (spec.ports ?? []).map((p) => ({
        protocol: 'TCP',
        targetPort: p.port,
        ...p,
        ...((type === 'NodePort' || type === 'LoadBalancer') && !p.nodePort ? { nodePort: nodePorts.allocate() } : {}),
      }));
      return { ...s, spec: { sessionAffinity: 'None', ...spec, type }, status: { loadBalancer: {} } };
    }
    if (rr.key === 'pods') {
      const p = obj as Partial<Pod> & KubeObject;
      const containers = p.spec?.containers;
      if (!Array.isArray(containers) || containers.length === 0)
        throw invalid('Pod', obj.metadata.name, 'spec.containers', 'Required value');
      const workers = DEMO_NODES.filter((n) => !n.controlPlane);
      const node = p.spec?.nodeName ?? workers[this.#d.store.count(R.pods) % workers.length]!.name;
      const made = factory.makePod({
        namespace: rr.namespace!,
        name: obj.metadata.name,
        labels: obj.metadata.labels ?? {},
        containers,
        nodeName: node,
        state: 'running',
        createdAt: this.#d.now(),
      });
      return {
        ...made,
        metadata: { ...made.metadata, ...obj.metadata, uid: made.metadata.uid },
        spec: { ...made.spec, ...p.spec, nodeName: node },
      };
    }
    return obj;
  }

  async #update(req: IncomingMessage, res: ServerResponse, rr: ResourceRequest, url: URL): Promise<void> {
    const answer = answerFor(req);
    const { body } = await readObject(req, WRITE_TYPES);
    if (Array.isArray(body)) throw badRequest('json: cannot unmarshal array into Go value of type struct');
    const current = this.#d.store.get(rr.key, rr.namespace, rr.name!);
    if (!current) throw missing(rr.def, rr.name!);
    const obj = this.#checkBody(rr, body);
    if (obj.metadata.name && obj.metadata.name !== rr.name)
      throw badRequest(`the name of the object (${obj.metadata.name}) does not match the name on the URL (${rr.name})`);
    const rv = obj.metadata.resourceVersion;
    if (rv && rv !== current.metadata.resourceVersion)
      throw conflict(
        qualified(rr.def),
        rr.name!,
        'the object has been modified; please apply your changes to the latest version and try again',
      );
    const next = { ...obj, metadata: { ...obj.metadata, name: rr.name! } };
    if (isDryRun(url)) return this.#present(res, rr, answer, url, next);
    this.#present(res, rr, answer, url, this.#d.store.update(rr.key, next));
  }

  async #applyPatch(req: IncomingMessage, current: KubeObject): Promise<KubeObject> {
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

  async #patch(req: IncomingMessage, res: ServerResponse, rr: ResourceRequest, url: URL): Promise<void> {
    const answer = answerFor(req);
    const current = this.#d.store.get(rr.key, rr.namespace, rr.name!);
    if (!current) throw missing(rr.def, rr.name!);
    const next = await this.#applyPatch(req, current);
    const rv = next.metadata.resourceVersion;
    if (rv && rv !== current.metadata.resourceVersion)
      throw conflict(
        qualified(rr.def),
        rr.name!,
        'the object has been modified; please apply your changes to the latest version and try again',
      );
    if (isDryRun(url)) return this.#present(res, rr, answer, url, next);
    if (rr.key === 'apps/deployments') {
      const replicas = (next as Deployment).spec?.replicas;
      if (typeof replicas === 'number' && replicas !== (current as Deployment).spec.replicas) {
        await this.#d.lifecycle.scale(rr.namespace!, rr.name!, replicas);
        const fresh = this.#d.store.get(rr.key, rr.namespace, rr.name!)!;
        return this.#present(
          res,
          rr,
          answer,
          url,
          this.#d.store.update(rr.key, { ...next, spec: (fresh as Deployment).spec, status: (fresh as Deployment).status }),
        );
      }
    }
    this.#present(res, rr, answer, url, this.#d.store.update(rr.key, next));
  }

  async #deleteOne(rr: ResourceRequest, name: string): Promise<KubeObject> {
    const { store, lifecycle } = this.#d;
    if (rr.key === 'namespaces') {
      if (PROTECTED_NAMESPACES.has(name)) throw forbidden('namespaces', name, 'this namespace may not be deleted', 'namespaces');
      if (!store.get(rr.key, undefined, name)) throw missing(rr.def, name);
      for (const pod of store.list(R.pods, name)) await lifecycle.terminate(name, pod.metadata.name).catch(() => {});
      for (const def of [R.services, R.endpoints, R.endpointslices, R.configmaps, R.events, R.deployments, R.replicasets]) {
        for (const o of store.list(def, name)) store.delete(def, name, o.metadata.name);
      }
      return store.delete(rr.key, undefined, name)!;
    }
    if (rr.key === 'pods') return lifecycle.deleteViaApi(rr.namespace!, name);
    const gone = store.delete(rr.key, rr.namespace, name);
    if (!gone) throw missing(rr.def, name);
    if (rr.key === 'services') {
      const s = gone as Service;
      this.#d.clusterIps.release(s.spec.clusterIP);
      for (const p of s.spec.ports ?? []) this.#d.nodePorts.release(p.nodePort);
    }
    return gone;
  }

  async #delete(res: ServerResponse, rr: ResourceRequest, url: URL): Promise<void> {
    if (!this.#d.store.get(rr.key, rr.namespace, rr.name!)) throw missing(rr.def, rr.name!);
    if (isDryRun(url)) return sendJson(res, 200, typed(rr.def, this.#d.store.get(rr.key, rr.namespace, rr.name!)!));
    const gone = await this.#deleteOne(rr, rr.name!);
    sendJson(res, 200, typed(rr.def, gone));
  }

  async #deleteCollection(req: IncomingMessage, res: ServerResponse, rr: ResourceRequest, url: URL): Promise<void> {
    if (!rr.def.verbs.includes('deletecollection')) throw methodNotAllowed('DELETE');
    const sel = selectors(url, rr.def);
    const items = (rr.namespace !== undefined ? this.#d.store.list(rr.key, rr.namespace) : this.#d.store.list(rr.key)).filter(
      (o) => (!sel.labels || sel.labels.matches(o.metadata.labels)) && (!sel.fields || sel.fields.matches(o)),
    );
    const out: KubeObject[] = [];
    if (!isDryRun(url)) for (const o of items) out.push(await this.#deleteOne({ ...rr, namespace: o.metadata.namespace }, o.metadata.name));
    sendJson(res, 200, {
      kind: rr.def.listKind,
      apiVersion: groupVersion(rr.def),
      metadata: { resourceVersion: String(this.#d.store.resourceVersion) },
      items: isDryRun(url) ? items : out,
    });
  }

  async #review(req: IncomingMessage, res: ServerResponse, rr: ResourceRequest, user: UserInfo): Promise<void> {
    const { body } = await readObject(req, [...WRITE_TYPES, 'application/vnd.kubernetes.protobuf']);
    if (Array.isArray(body)) throw badRequest('json: cannot unmarshal array into Go value of type struct');
    this.#checkBody(rr, body);
    const created = this.#d
      .now()
      .toISOString()
      .replace(/\.\d+Z$/, 'Z');
    if (rr.def.name === 'selfsubjectreviews') {
      sendJson(res, 201, {
        kind: 'SelfSubjectReview',
        apiVersion: groupVersion(rr.def),
        metadata: { creationTimestamp: created },
        status: {
          userInfo: {
            username: user.username,
            ...(user.uid ? { uid: user.uid } : {}),
            groups: user.groups,
            ...(Object.keys(user.extra).length ? { extra: user.extra } : {}),
          },
        },
      });
      return;
    }
    const spec = (body['spec'] ?? {}) as {
      resourceAttributes?: { resource?: string; subresource?: string; verb?: string };
      nonResourceAttributes?: unknown;
    };
    const ra = spec.resourceAttributes;
    const denied = ra && ra.resource === 'pods' && (ra.subresource === 'exec' || ra.subresource === 'attach');
    sendJson(res, 201, {
      kind: 'SelfSubjectAccessReview',
      apiVersion: groupVersion(rr.def),
      metadata: { creationTimestamp: created },
      spec,
      status: denied
        ? { allowed: false, denied: true, reason: 'the demo cluster runs no containers, so exec and attach are not supported' }
        : {
            allowed: true,
            reason: 'RBAC: allowed by ClusterRoleBinding "cluster-admin" of ClusterRole "cluster-admin" to Group "system:masters"',
          },
    });
  }

  async #subresource(req: IncomingMessage, res: ServerResponse, rr: ResourceRequest, user: UserInfo, url: URL): Promise<void> {
    const method = req.method ?? 'GET';
    const sub = rr.sub!;
    if (!rr.def.subresources?.[sub]) throw missing(rr.def, rr.name!);
    const current = this.#d.store.get(rr.key, rr.namespace, rr.name!);
    if (rr.key === 'pods' && (sub === 'exec' || sub === 'attach')) {
      throw forbidden(
        'pods',
        rr.name!,
        `User "${user.username}" cannot create resource "pods/${sub}" in API group "" in the namespace "${rr.namespace}": the demo cluster runs no containers`,
        'pods',
      );
    }
    if (!current) throw missing(rr.def, rr.name!);
    if (rr.key === 'pods' && sub === 'portforward') throw badRequest('Upgrade request required');
    if (rr.key === 'pods' && sub === 'log') return this.#log(req, res, current as Pod, url);
    const answer = answerFor(req);
    if (sub === 'status') {
      if (method === 'GET') return this.#present(res, rr, answer, url, current);
      if (method === 'PUT' || method === 'PATCH') {
        let next: KubeObject;
        if (method === 'PATCH') next = await this.#applyPatch(req, current);
        else {
          const { body } = await readObject(req, WRITE_TYPES);
          if (Array.isArray(body)) throw badRequest('json: cannot unmarshal array into Go value of type struct');
          next = this.#checkBody(rr, body);
        }
        return this.#present(res, rr, answer, url, this.#d.store.update(rr.key, { ...current, status: next['status'] }));
      }
      throw methodNotAllowed(method);
    }
    if (sub === 'scale') {
      const w = current as Deployment | ReplicaSet;
      const scale = (o: Deployment | ReplicaSet): Record<string, unknown> => ({
        kind: 'Scale',
        apiVersion: 'autoscaling/v1',
        metadata: {
          name: o.metadata.name,
          namespace: o.metadata.namespace,
          uid: o.metadata.uid,
          resourceVersion: o.metadata.resourceVersion,
          creationTimestamp: o.metadata.creationTimestamp,
        },
        spec: { replicas: o.spec.replicas ?? 1 },
        status: { replicas: Number((o.status ?? {})['replicas'] ?? 0), selector: formatSelector(o.spec.selector.matchLabels) },
      });
      if (method === 'GET') return sendJson(res, 200, scale(w));
      if (method === 'PUT' || method === 'PATCH') {
        let replicas: unknown;
        if (method === 'PATCH')
          replicas = ((await this.#applyPatch(req, scale(w) as KubeObject))['spec'] as { replicas?: unknown } | undefined)?.replicas;
        else {
          const { body } = await readObject(req, WRITE_TYPES);
          replicas = ((body as Record<string, unknown>)['spec'] as { replicas?: unknown } | undefined)?.replicas;
        }
        if (typeof replicas !== 'number' || !Number.isInteger(replicas) || replicas < 0)
          throw invalid('Scale', rr.name!, 'spec.replicas', 'Invalid value: must be greater than or equal to 0');
        if (rr.key === 'apps/deployments') await this.#d.lifecycle.scale(rr.namespace!, rr.name!, replicas);
        else this.#d.store.update(rr.key, { ...w, spec: { ...w.spec, replicas } });
        return sendJson(res, 200, scale(this.#d.store.get(rr.key, rr.namespace, rr.name!) as Deployment));
      }
      throw methodNotAllowed(method);
    }
    throw methodNotAllowed(method);
  }

  #log(req: IncomingMessage, res: ServerResponse, pod: Pod, url: URL): void {
    if (!pod.spec.nodeName) throw badRequest(`pod ${pod.metadata.name} does not have a host assigned`);
    const container = url.searchParams.get('container');
    if (container && !pod.spec.containers.some((c) => c.name === container)) {
      throw badRequest(`container ${container} is not valid for pod ${pod.metadata.name}`);
    }
    if (!container && pod.spec.containers.length > 1) {
      throw badRequest(
        `a container name must be specified for pod ${pod.metadata.name}, choose one of: [${pod.spec.containers.map((c) => c.name).join(' ')}]`,
      );
    }
    const ns = pod.metadata.namespace!;
    let lines = [...this.#d.logs.lines(ns, pod.metadata.name)];
    if (lines.length === 0) {
      const crash = pod.status.containerStatuses?.some((s) => s.state['waiting']?.['reason'] === 'CrashLoopBackOff');
      lines = crash
        ? [
            `${pod.status.startTime ?? ''} starting orders service`,
            `${pod.status.startTime ?? ''} panic: ORDERS_DB_URL is not set`,
            '',
            'goroutine 1 [running]:',
            'main.main()',
            '\t/src/cmd/orders/main.go:42 +0x1c5',
          ]
        : [`${pod.status.startTime ?? ''} container ${pod.spec.containers[0]?.name ?? ''} started`];
    }
    const tail = Number(url.searchParams.get('tailLines') ?? '-1');
    if (Number.isInteger(tail) && tail >= 0) lines = tail === 0 ? [] : lines.slice(-tail);
    res.writeHead(200, { 'Content-Type': 'text/plain', 'Cache-Control': 'no-cache, private', 'Transfer-Encoding': 'chunked' });
    if (lines.length) res.write(lines.join('\n') + '\n');
    if (url.searchParams.get('follow') !== 'true') {
      res.end();
      return;
    }
    res.flushHeaders();
    const stop = this.#d.logs.follow(ns, pod.metadata.name, (line) => res.write(line + '\n'));
    const unwatch = this.#d.store.subscribe((e) => {
      if (e.type === 'DELETED' && e.resource === 'pods' && e.object.metadata.uid === pod.metadata.uid) res.end();
    });
    res.on('close', () => {
      stop();
      unwatch();
    });
  }
}
