// The service path up to the pod (docs/doctor.md, Service path): the service exists and has the
// port asked for, its selector matches pods, some of them are ready (the others named, with the
// reason `kubectl get pods` shows), and its targetPort resolves on the pod a forward would pick.
import type { ClusterConnection } from '../cluster/cluster-connection.ts';
import { kubeJson } from '../cluster/kube-request.ts';
import { KubeDeskError } from '../errors.ts';
import { choosePod } from '../forward/pod-order.ts';
import type { Endpoints, List, Pod, Service, ServicePort } from '../kube/kube-objects.ts';
import { formatSelector } from '../kube/label-selector.ts';
import { podReason } from '../services/discovery/records.ts';
import type { ServiceRef } from '../services/proxy-url.ts';
import { HopFailure, ok, skipped, unknown, type HopOutcome } from './hop-runner.ts';

export interface ServiceWalk {
  namespace: string;
  ref: ServiceRef;
  service?: Service;
  port?: ServicePort;
  /** Pods the selector matches; undefined for a service without a selector. */
  pods?: Pod[];
  /** The pod a port-forward would use (kubectl's choice among the ready ones). */
  pod?: Pod;
  /** The container port the service port leads to on that pod. */
  containerPort?: number;
}

const enc = encodeURIComponent;
const portText = (p: ServicePort): string => `${p.name ? p.name + ' ' : ''}${p.port}/${p.protocol ?? 'TCP'}`;

export async function serviceHop(conn: ClusterConnection, w: ServiceWalk, signal: AbortSignal): Promise<HopOutcome> {
  const id = `${w.namespace}/${w.ref.name}`;
  try {
    w.service = await kubeJson<Service>(conn, { path: `/api/v1/namespaces/${enc(w.namespace)}/services/${enc(w.ref.name)}`, signal });
  } catch (err) {
    if (err instanceof KubeDeskError && err.code === 'not-found')
      throw new HopFailure(`service ${id} not found`, `List the services with \`kubedesk services -n ${w.namespace}\`.`);
    throw err;
  }
  const spec = w.service.spec;
  if (spec.type === 'ExternalName')
    throw new HopFailure(
      `service ${id} is an ExternalName for ${spec.externalName ?? ''}`,
      'It has no pods: connect to that name directly.',
    );
  const ports = spec.ports ?? [];
  const wanted = w.ref.port;
  w.port = wanted === '' ? ports[0] : ports.find((p) => p.name === wanted || String(p.port) === wanted);
  if (!w.port) {
    const has = ports.map(portText).join(', ') || 'none';
    throw new HopFailure(`service ${id} has no port ${wanted || '(any)'} (ports: ${has})`, 'Pick one of its ports: NS/NAME:PORT.');
  }
  const more = wanted === '' && ports.length > 1 ? ` (first of ${ports.length}; pick another with :PORT)` : '';
  const ip = spec.clusterIP === 'None' ? 'headless' : `${spec.type ?? 'ClusterIP'} ${spec.clusterIP ?? ''}`.trim();
  return ok(`${id}: ${ip}, port ${portText(w.port)} → targetPort ${w.port.targetPort ?? w.port.port}${more}`);
}

export async function selectorHop(conn: ClusterConnection, w: ServiceWalk, signal: AbortSignal): Promise<HopOutcome> {
  const selector = w.service?.spec.selector;
  if (!selector || Object.keys(selector).length === 0) return skipped('no selector: its endpoints are managed by hand');
  const text = formatSelector(selector);
  const list = await kubeJson<List<Pod>>(conn, {
    path: `/api/v1/namespaces/${enc(w.namespace)}/pods`,
    query: { labelSelector: text },
    signal,
  });
  w.pods = list.items;
  if (w.pods.length === 0)
    throw new HopFailure(
      `no pod in ${w.namespace} matches ${text}`,
      `Compare the labels (\`kubectl get pods -n ${w.namespace} --show-labels\`) with the service's selector.`,
    );
  return ok(`${w.pods.length === 1 ? '1 pod matches' : `${w.pods.length} pods match`} ${text}`);
}

function names(pods: readonly Pod[], max = 4): string {
  const shown = pods.slice(0, max).map((p) => p.metadata.name);
  return shown.join(', ') + (pods.length > max ? ` and ${pods.length - max} more` : '');
}

export async function endpointsHop(conn: ClusterConnection, w: ServiceWalk, signal: AbortSignal): Promise<HopOutcome> {
  if (!w.pods) {
    // A service without a selector: whatever addresses were written by hand.
    const ep = await kubeJson<Endpoints>(conn, {
      path: `/api/v1/namespaces/${enc(w.namespace)}/endpoints/${enc(w.ref.name)}`,
      signal,
    }).catch((err: unknown) => {
      if (err instanceof KubeDeskError && err.code === 'not-found') return undefined;
      throw err;
    });
    const addresses = (ep?.subsets ?? []).flatMap((s) => s.addresses ?? []).map((a) => a.ip);
    if (addresses.length === 0)
      throw new HopFailure(
        'no endpoints: the service has no selector and no Endpoints addresses',
        'Create its Endpoints (or EndpointSlice), or give the service a selector.',
      );
    return ok(`${addresses.length} address${addresses.length === 1 ? '' : 'es'} set by hand: ${addresses.slice(0, 4).join(', ')}`);
  }
  const notReady = w.pods.filter((p) => podReason(p) !== null);
  const ready = w.pods.filter((p) => podReason(p) === null);
  const why = notReady
    .slice(0, 4)
    .map((p) => `${p.metadata.name} ${podReason(p) ?? ''}`)
    .join(', ');
  if (ready.length === 0) {
    const pending = notReady.some((p) => p.status?.phase === 'Pending');
    throw new HopFailure(
      `no ready pod: ${why}`,
      pending
        ? `A Pending pod is not scheduled or not started: \`kubectl describe pod -n ${w.namespace} ${notReady[0]!.metadata.name}\` shows why.`
        : `Read the pod's logs (\`kubectl logs -n ${w.namespace} ${notReady[0]!.metadata.name} --previous\`) and events.`,
    );
  }
  w.pod = choosePod(ready);
  return ok(`${ready.length} ready: ${names(ready)}${notReady.length ? `; not ready: ${why}` : ''}`);
}

export function targetPortHop(w: ServiceWalk): HopOutcome {
  const sp = w.port!;
  const t = sp.targetPort;
  if (t === undefined || t === 0 || t === '' || typeof t === 'number' || /^\d+$/.test(t)) {
    const n = t === undefined || t === 0 || t === '' ? sp.port : Number(t);
    w.containerPort = n;
    return ok(`targetPort ${n} (a number, used as is)`);
  }
  const pod = w.pod;
  if (!pod) return unknown(`targetPort "${t}" is a name, and there is no pod to look it up on`);
  const protocol = sp.protocol ?? 'TCP';
  const all = pod.spec.containers.flatMap((c) => (c.ports ?? []).map((p) => ({ ...p, container: c.name })));
  const found = all.find((p) => p.name === t && (p.protocol ?? 'TCP') === protocol);
  if (!found) {
    const has = all.map((p) => `${p.name ?? '(unnamed)'} ${p.containerPort}/${p.protocol ?? 'TCP'}`).join(', ') || 'none';
    throw new HopFailure(
      `pod ${pod.metadata.name} has no ${protocol} container port named "${t}" (its ports: ${has})`,
      `Name the container port "${t}" in the pod template, or change the service's targetPort to one of those.`,
    );
  }
  w.containerPort = found.containerPort;
  return ok(`targetPort "${t}" is ${found.containerPort}/${protocol} on pod ${pod.metadata.name} (container ${found.container})`);
}
