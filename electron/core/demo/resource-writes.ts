// The write verbs: create (with the defaulting the apiserver and the demo's "controllers"
// would do), update, patch (a deployment's replicas go through the pod lifecycle), delete and
// deletecollection (a namespace takes its objects with it; protected namespaces stay).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { groupVersion, R } from './api-resources.ts';
import { alreadyExists, badRequest, conflict, forbidden, invalid, methodNotAllowed, notFound, sendJson } from './api-status.ts';
import { DEMO_NODES } from './demo-names.ts';
import type { Deployment, KubeObject, Pod, Service } from '../kube/kube-objects.ts';
import { randomSuffix } from './pod-factory.ts';
import { present, typed } from './resource-answer.ts';
import {
  answerFor,
  applyPatch,
  checkBody,
  isDryRun,
  missing,
  qualified,
  selectors,
  WRITE_TYPES,
  type ResourceDeps,
  type ResourceRequest,
} from './resource-request.ts';
import { readObject } from './request-body.ts';

const PROTECTED_NAMESPACES = new Set(['default', 'kube-system', 'kube-public']);

function checkNamespace(d: ResourceDeps, rr: ResourceRequest): void {
  if (rr.def.namespaced && rr.namespace !== undefined && !d.store.get(R.namespaces, undefined, rr.namespace)) {
    throw notFound('namespaces', rr.namespace, 'namespaces');
  }
}

export async function createResource(
  d: ResourceDeps,
  req: IncomingMessage,
  res: ServerResponse,
  rr: ResourceRequest,
  url: URL,
): Promise<void> {
  const answer = answerFor(req);
  const { body } = await readObject(req, WRITE_TYPES);
  if (Array.isArray(body)) throw badRequest('json: cannot unmarshal array into Go value of type struct');
  if (rr.def.namespaced && rr.namespace === undefined) throw methodNotAllowed('POST');
  let obj = checkBody(rr, body);
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
  checkNamespace(d, rr);
  if (d.store.get(rr.key, rr.namespace, obj.metadata.name)) throw alreadyExists(qualified(rr.def), obj.metadata.name);
  const { uid: _u, resourceVersion: _rv, creationTimestamp: _ct, ...meta } = obj.metadata;
  obj = { ...obj, metadata: { ...meta, name: obj.metadata.name } };
  obj = withDefaults(d, rr, obj);
  if (isDryRun(url)) return present(d, res, rr, answer, url, obj, 201);
  let stored: KubeObject;
  if (rr.key === 'pods' && (obj as Pod).status.phase === 'Running') stored = await d.lifecycle.launch(obj as Pod, undefined);
  else stored = d.store.create(rr.key, obj);
  present(d, res, rr, answer, url, stored, 201);
}

/** Fills what the apiserver's defaulting and the demo's "controllers" would. */
function withDefaults(d: ResourceDeps, rr: ResourceRequest, obj: KubeObject): KubeObject {
  const { factory, clusterIps, nodePorts } = d;
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
    if (!Array.isArray(containers) || containers.length === 0) throw invalid('Pod', obj.metadata.name, 'spec.containers', 'Required value');
    const workers = DEMO_NODES.filter((n) => !n.controlPlane);
    const node = p.spec?.nodeName ?? workers[d.store.count(R.pods) % workers.length]!.name;
    const made = factory.makePod({
      namespace: rr.namespace!,
      name: obj.metadata.name,
      labels: obj.metadata.labels ?? {},
      containers,
      nodeName: node,
      state: 'running',
      createdAt: d.now(),
    });
    return {
      ...made,
      metadata: { ...made.metadata, ...obj.metadata, uid: made.metadata.uid },
      spec: { ...made.spec, ...p.spec, nodeName: node },
    };
  }
  return obj;
}

export async function updateResource(
  d: ResourceDeps,
  req: IncomingMessage,
  res: ServerResponse,
  rr: ResourceRequest,
  url: URL,
): Promise<void> {
  const answer = answerFor(req);
  const { body } = await readObject(req, WRITE_TYPES);
  if (Array.isArray(body)) throw badRequest('json: cannot unmarshal array into Go value of type struct');
  const current = d.store.get(rr.key, rr.namespace, rr.name!);
  if (!current) throw missing(rr.def, rr.name!);
  const obj = checkBody(rr, body);
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
  if (isDryRun(url)) return present(d, res, rr, answer, url, next);
  present(d, res, rr, answer, url, d.store.update(rr.key, next));
}

export async function patchResource(
  d: ResourceDeps,
  req: IncomingMessage,
  res: ServerResponse,
  rr: ResourceRequest,
  url: URL,
): Promise<void> {
  const answer = answerFor(req);
  const current = d.store.get(rr.key, rr.namespace, rr.name!);
  if (!current) throw missing(rr.def, rr.name!);
  const next = await applyPatch(req, current);
  const rv = next.metadata.resourceVersion;
  if (rv && rv !== current.metadata.resourceVersion)
    throw conflict(
      qualified(rr.def),
      rr.name!,
      'the object has been modified; please apply your changes to the latest version and try again',
    );
  if (isDryRun(url)) return present(d, res, rr, answer, url, next);
  if (rr.key === 'apps/deployments') {
    const replicas = (next as Deployment).spec?.replicas;
    if (typeof replicas === 'number' && replicas !== (current as Deployment).spec.replicas) {
      await d.lifecycle.scale(rr.namespace!, rr.name!, replicas);
      const fresh = d.store.get(rr.key, rr.namespace, rr.name!)!;
      return present(
        d,
        res,
        rr,
        answer,
        url,
        d.store.update(rr.key, { ...next, spec: (fresh as Deployment).spec, status: (fresh as Deployment).status }),
      );
    }
  }
  present(d, res, rr, answer, url, d.store.update(rr.key, next));
}

async function deleteOne(d: ResourceDeps, rr: ResourceRequest, name: string): Promise<KubeObject> {
  const { store, lifecycle } = d;
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
    d.clusterIps.release(s.spec.clusterIP);
    for (const p of s.spec.ports ?? []) d.nodePorts.release(p.nodePort);
  }
  return gone;
}

export async function deleteResource(d: ResourceDeps, res: ServerResponse, rr: ResourceRequest, url: URL): Promise<void> {
  if (!d.store.get(rr.key, rr.namespace, rr.name!)) throw missing(rr.def, rr.name!);
  if (isDryRun(url)) return sendJson(res, 200, typed(rr.def, d.store.get(rr.key, rr.namespace, rr.name!)!));
  const gone = await deleteOne(d, rr, rr.name!);
  sendJson(res, 200, typed(rr.def, gone));
}

export async function deleteCollection(
  d: ResourceDeps,
  req: IncomingMessage,
  res: ServerResponse,
  rr: ResourceRequest,
  url: URL,
): Promise<void> {
  if (!rr.def.verbs.includes('deletecollection')) throw methodNotAllowed('DELETE');
  const sel = selectors(url, rr.def);
  const items = (rr.namespace !== undefined ? d.store.list(rr.key, rr.namespace) : d.store.list(rr.key)).filter(
    (o) => (!sel.labels || sel.labels.matches(o.metadata.labels)) && (!sel.fields || sel.fields.matches(o)),
  );
  const out: KubeObject[] = [];
  if (!isDryRun(url)) for (const o of items) out.push(await deleteOne(d, { ...rr, namespace: o.metadata.namespace }, o.metadata.name));
  sendJson(res, 200, {
    kind: rr.def.listKind,
    apiVersion: groupVersion(rr.def),
    metadata: { resourceVersion: String(d.store.resourceVersion) },
    items: isDryRun(url) ? items : out,
  });
}
