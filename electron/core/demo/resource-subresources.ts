// The subresources: status (get, put, patch), scale (autoscaling/v1 Scale over a deployment or
// replica set), log (with tailLines and follow), and the refusals: exec and attach are
// forbidden, portforward needs an upgrade (upgrade-router.ts serves it; proxy is
// service-proxy.ts).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { badRequest, forbidden, invalid, methodNotAllowed, sendJson } from './api-status.ts';
import type { UserInfo } from './demo-auth.ts';
import type { Deployment, KubeObject, Pod, ReplicaSet } from '../kube/kube-objects.ts';
import { formatSelector } from '../kube/label-selector.ts';
import { present } from './resource-answer.ts';
import { answerFor, applyPatch, checkBody, missing, WRITE_TYPES, type ResourceDeps, type ResourceRequest } from './resource-request.ts';
import { readObject } from './request-body.ts';

export async function handleSubresource(
  d: ResourceDeps,
  req: IncomingMessage,
  res: ServerResponse,
  rr: ResourceRequest,
  user: UserInfo,
  url: URL,
): Promise<void> {
  const method = req.method ?? 'GET';
  const sub = rr.sub!;
  if (!rr.def.subresources?.[sub]) throw missing(rr.def, rr.name!);
  const current = d.store.get(rr.key, rr.namespace, rr.name!);
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
  if (rr.key === 'pods' && sub === 'log') return podLog(d, req, res, current as Pod, url);
  const answer = answerFor(req);
  if (sub === 'status') {
    if (method === 'GET') return present(d, res, rr, answer, url, current);
    if (method === 'PUT' || method === 'PATCH') {
      let next: KubeObject;
      if (method === 'PATCH') next = await applyPatch(req, current);
      else {
        const { body } = await readObject(req, WRITE_TYPES);
        if (Array.isArray(body)) throw badRequest('json: cannot unmarshal array into Go value of type struct');
        next = checkBody(rr, body);
      }
      return present(d, res, rr, answer, url, d.store.update(rr.key, { ...current, status: next['status'] }));
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
        replicas = ((await applyPatch(req, scale(w) as KubeObject))['spec'] as { replicas?: unknown } | undefined)?.replicas;
      else {
        const { body } = await readObject(req, WRITE_TYPES);
        replicas = ((body as Record<string, unknown>)['spec'] as { replicas?: unknown } | undefined)?.replicas;
      }
      if (typeof replicas !== 'number' || !Number.isInteger(replicas) || replicas < 0)
        throw invalid('Scale', rr.name!, 'spec.replicas', 'Invalid value: must be greater than or equal to 0');
      if (rr.key === 'apps/deployments') await d.lifecycle.scale(rr.namespace!, rr.name!, replicas);
      else d.store.update(rr.key, { ...w, spec: { ...w.spec, replicas } });
      return sendJson(res, 200, scale(d.store.get(rr.key, rr.namespace, rr.name!) as Deployment));
    }
    throw methodNotAllowed(method);
  }
  throw methodNotAllowed(method);
}

function podLog(d: ResourceDeps, req: IncomingMessage, res: ServerResponse, pod: Pod, url: URL): void {
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
  let lines = [...d.logs.lines(ns, pod.metadata.name)];
  if (lines.length === 0) {
    const crash = pod.status.containerStatuses?.some((s) => s.state?.['waiting']?.['reason'] === 'CrashLoopBackOff');
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
  const stop = d.logs.follow(ns, pod.metadata.name, (line) => res.write(line + '\n'));
  const unwatch = d.store.subscribe((e) => {
    if (e.type === 'DELETED' && e.resource === 'pods' && e.object.metadata.uid === pod.metadata.uid) res.end();
  });
  res.on('close', () => {
    stop();
    unwatch();
  });
}
