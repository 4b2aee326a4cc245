// Finds the pod(s) and container ports behind a forward target, as kubectl does at start
// (docs/port-forward.md, Pod choice and Service ports) and as KubeDesk does again after a loss (docs/port-forward.md, Pod loss).
import type { ClusterConnection } from '../cluster/cluster-connection.ts';
import { kubeJson, kubeWatch } from '../cluster/kube-request.ts';
import { KubeDeskError } from '../errors.ts';
import { WaitingForPod } from './failure-reason.ts';
import type { ForwardTarget } from './forward-target.ts';
import type { Deployment, List, Pod, Service } from '../kube/kube-objects.ts';
import { deploymentSelector, serviceSelector } from '../kube/label-selector.ts';
import { isPodReady, isPodUsable, sortPodsForForward } from './pod-order.ts';
import type { PortArg } from './port-args.ts';
import { mapPodPorts, mapServicePorts, type PortPair } from './port-mapping.ts';

export interface ForwardRequest {
  namespace: string;
  target: ForwardTarget;
  ports: readonly PortArg[];
}

export interface ResolvedPod {
  name: string;
  pairs: PortPair[];
}

export interface Resolution {
  /** Best first (docs/port-forward.md, Pod choice); [0] is the pod a non-spreading forward uses. */
  pods: ResolvedPod[];
  /** The pods' label selector (svc/deploy), for the watch. */
  selector: string | undefined;
}

const enc = encodeURIComponent;

function podsPath(ns: string): string {
  return `/api/v1/namespaces/${enc(ns)}/pods`;
}

async function getPod(conn: ClusterConnection, ns: string, name: string, signal?: AbortSignal): Promise<Pod> {
  return kubeJson<Pod>(conn, { path: `${podsPath(ns)}/${enc(name)}`, signal });
}

async function selectorFor(
  conn: ClusterConnection,
  req: ForwardRequest,
  signal?: AbortSignal,
): Promise<{ selector: string; service?: Service }> {
  if (req.target.kind === 'service') {
    const service = await kubeJson<Service>(conn, {
      path: `/api/v1/namespaces/${enc(req.namespace)}/services/${enc(req.target.name)}`,
      signal,
    });
    return { selector: serviceSelector(service), service };
  }
  const d = await kubeJson<Deployment>(conn, {
    path: `/apis/apps/v1/namespaces/${enc(req.namespace)}/deployments/${enc(req.target.name)}`,
    signal,
  });
  return { selector: deploymentSelector(d) };
}

async function listPods(conn: ClusterConnection, ns: string, selector: string, signal?: AbortSignal): Promise<List<Pod>> {
  return kubeJson<List<Pod>>(conn, { path: podsPath(ns), query: { labelSelector: selector || undefined }, signal });
}

function mapPorts(req: ForwardRequest, service: Service | undefined, pod: Pod): PortPair[] {
  return service ? mapServicePorts(req.ports, service, pod) : mapPodPorts(req.ports, pod);
}

function notRunning(pod: Pod): KubeDeskError {
  return new KubeDeskError('invalid-input', `unable to forward port because pod is not running. Current status=${pod.status?.phase ?? ''}`);
}

/** Waits (kubectl: GetPodList's watch) until a pod matching `selector` is added or modified. */
async function waitForPod(
  conn: ClusterConnection,
  ns: string,
  selector: string,
  rv: string | undefined,
  timeoutMs: number,
  signal?: AbortSignal,
): Promise<void> {
  const timeout = AbortSignal.timeout(timeoutMs);
  const stop = new AbortController();
  const both = AbortSignal.any([timeout, stop.signal, ...(signal ? [signal] : [])]);
  await kubeWatch<Pod>(
    conn,
    { path: podsPath(ns), query: { labelSelector: selector || undefined, resourceVersion: rv }, signal: both },
    (ev) => {
      if (ev.type === 'ADDED' || ev.type === 'MODIFIED') stop.abort();
    },
  );
  if (stop.signal.aborted) return;
  if (signal?.aborted) throw new KubeDeskError('cancelled', 'cancelled');
  throw new KubeDeskError('timeout', `timed out waiting for the condition`);
}

/**
 * kubectl's start: `pod/NAME` must be Running; svc/deploy: list by selector (waiting up to
 * `podRunningTimeoutMs` for a first pod), the best pod by ActivePods, then the Running check
 * and the port mapping, with kubectl's errors. `spread`: every Ready, Running pod (best first).
 */
export async function resolveInitial(
  conn: ClusterConnection,
  req: ForwardRequest,
  opts: { podRunningTimeoutMs: number; spread?: boolean; signal?: AbortSignal },
): Promise<Resolution> {
  if (req.target.kind === 'pod') {
    const pod = await getPod(conn, req.namespace, req.target.name, opts.signal);
    const pairs = mapPodPorts(req.ports, pod);
    if (pod.status?.phase !== 'Running') throw notRunning(pod);
    return { pods: [{ name: req.target.name, pairs }], selector: undefined };
  }
  const { selector, service } = await selectorFor(conn, req, opts.signal);
  let list = await listPods(conn, req.namespace, selector, opts.signal);
  if (list.items.length === 0) {
    await waitForPod(conn, req.namespace, selector, list.metadata?.resourceVersion, opts.podRunningTimeoutMs, opts.signal);
    list = await listPods(conn, req.namespace, selector, opts.signal);
    if (list.items.length === 0) throw new KubeDeskError('timeout', 'timed out waiting for the condition');
  }
  const sorted = sortPodsForForward(list.items);
  const best = sorted[0]!;
  // kubectl maps the ports against the chosen pod before its Running check.
  const pairs = mapPorts(req, service, best);
  if (best.status?.phase !== 'Running') throw notRunning(best);
  const pods: ResolvedPod[] = [{ name: best.metadata.name ?? '', pairs }];
  if (opts.spread)
    pods.push(
      ...others(
        req,
        service,
        sorted.slice(1).filter((p) => isPodUsable(p) && isPodReady(p)),
      ),
    );
  return { pods, selector };
}

function others(req: ForwardRequest, service: Service | undefined, pods: Pod[]): ResolvedPod[] {
  const out: ResolvedPod[] = [];
  for (const p of pods) {
    try {
      out.push({ name: p.metadata.name ?? '', pairs: mapPorts(req, service, p) });
    } catch {
      // A pod without the named port cannot serve this forward; skip it.
    }
  }
  return out;
}

/**
 * After a loss (docs/port-forward.md, Pod loss): `pod/NAME` is the same name once it is Running again; svc/deploy:
 * ActivePods over the Running, not-deleting pods, then the port mapping. Throws WaitingForPod
 * while none fits.
 */
export async function resolveAgain(
  conn: ClusterConnection,
  req: ForwardRequest,
  opts: { spread?: boolean; signal?: AbortSignal },
): Promise<Resolution> {
  if (req.target.kind === 'pod') {
    const name = req.target.name;
    const waiting = `waiting for pod ${name} to be Running`;
    let pod: Pod;
    try {
      pod = await getPod(conn, req.namespace, name, opts.signal);
    } catch (err) {
      if (err instanceof KubeDeskError && err.code === 'not-found') throw new WaitingForPod(waiting, name, { cause: err });
      throw err;
    }
    if (!isPodUsable(pod)) throw new WaitingForPod(waiting, name, { cause: notRunning(pod) });
    return { pods: [{ name, pairs: mapPodPorts(req.ports, pod) }], selector: undefined };
  }
  const { selector, service } = await selectorFor(conn, req, opts.signal);
  const list = await listPods(conn, req.namespace, selector, opts.signal);
  const usable = sortPodsForForward(list.items.filter(isPodUsable));
  const first = usable[0];
  if (!first)
    throw new WaitingForPod(`waiting for a Running pod of ${req.target.kind === 'service' ? 'svc' : 'deploy'}/${req.target.name}`);
  const pods = [{ name: first.metadata.name ?? '', pairs: mapPorts(req, service, first) }];
  if (opts.spread) pods.push(...others(req, service, usable.slice(1).filter(isPodReady)));
  return { pods, selector };
}
