// What kube-controller-manager's endpoints and endpointslice controllers do for services with
// a selector: ready pods become `addresses`, running-but-unready ones `notReadyAddresses`,
// terminating and IP-less pods are left out; named target ports resolve per pod. Reacts to
// pod and service changes in the store so restarts show up in Endpoints/EndpointSlices (and
// in the service proxy and in watchers).
import { R, resourceKey } from './api-resources.ts';
import type { EndpointAddress, EndpointPort, EndpointSlice, EndpointSubset, Endpoints, KubeObject, Pod, Service } from '../kube/kube-objects.ts';
import { mapSelects } from '../kube/label-selector.ts';
import type { ObjectStore, StoreEvent } from './object-store.ts';

const PODS = resourceKey(R.pods);
const SERVICES = resourceKey(R.services);

function podReady(pod: Pod): boolean {
  return (pod.status.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');
}

/** Resolves every service port against one pod; undefined for a port the pod lacks (named target port not found). */
function portsFor(svc: Service, pod: Pod): EndpointPort[] {
  const out: EndpointPort[] = [];
  for (const sp of svc.spec.ports ?? []) {
    let port: number | undefined;
    const tp = sp.targetPort;
    if (typeof tp === 'string' && !/^\d+$/.test(tp)) {
      for (const c of pod.spec.containers) {
        const cp = (c.ports ?? []).find((p) => p.name === tp && (p.protocol ?? 'TCP') === (sp.protocol ?? 'TCP'));
        if (cp) {
          port = cp.containerPort;
          break;
        }
      }
    } else {
      port = tp === undefined || tp === 0 || tp === '0' ? sp.port : Number(tp);
    }
    if (port !== undefined)
      out.push({
        ...(sp.name ? { name: sp.name } : {}),
        port,
        protocol: sp.protocol ?? 'TCP',
        ...(sp.appProtocol ? { appProtocol: sp.appProtocol } : {}),
      });
  }
  return out;
}

function address(pod: Pod): EndpointAddress {
  return {
    ip: pod.status.podIP!,
    ...(pod.spec.nodeName ? { nodeName: pod.spec.nodeName } : {}),
    targetRef: { kind: 'Pod', namespace: pod.metadata.namespace!, name: pod.metadata.name, uid: pod.metadata.uid! },
  };
}

interface Group {
  ports: EndpointPort[];
  ready: Pod[];
  notReady: Pod[];
}

function groupPods(svc: Service, pods: readonly Pod[]): Group[] {
  const groups = new Map<string, Group>();
  for (const pod of pods) {
    if (!pod.status.podIP || pod.metadata.deletionTimestamp) continue;
    if (pod.status.phase === 'Succeeded' || pod.status.phase === 'Failed') continue;
    const ports = portsFor(svc, pod);
    if ((svc.spec.ports ?? []).length > 0 && ports.length === 0) continue;
    const key = ports.map((p) => `${p.name ?? ''}/${p.port}/${p.protocol ?? ''}`).join(',');
    let g = groups.get(key);
    if (!g) {
      g = { ports, ready: [], notReady: [] };
      groups.set(key, g);
    }
    (podReady(pod) ? g.ready : g.notReady).push(pod);
  }
  return [...groups.values()];
}

export function endpointsFor(svc: Service, pods: readonly Pod[]): Endpoints {
  const subsets: EndpointSubset[] = groupPods(svc, pods).map((g) => ({
    ...(g.ready.length ? { addresses: g.ready.map(address) } : {}),
    ...(g.notReady.length ? { notReadyAddresses: g.notReady.map(address) } : {}),
    ports: g.ports,
  }));
  return {
    apiVersion: 'v1',
    kind: 'Endpoints',
    metadata: {
      name: svc.metadata.name,
      namespace: svc.metadata.namespace!,
      ...(svc.metadata.creationTimestamp ? { creationTimestamp: svc.metadata.creationTimestamp } : {}),
      labels: { ...(svc.metadata.labels ?? {}), 'endpoints.kubernetes.io/managed-by': 'endpoint-controller' },
    },
    ...(subsets.length ? { subsets } : {}),
  };
}

/** A stable 5-character suffix per service (FNV-1a: cheap enough for 10 000 services). */
function sliceName(svc: Service, i: number): string {
  let h = 0x811c9dc5;
  const text = `${svc.metadata.namespace}/${svc.metadata.name}/${i}`;
  for (let k = 0; k < text.length; k++) h = Math.imul(h ^ text.charCodeAt(k), 0x01000193) >>> 0;
  let s = '';
  const alphabet = 'bcdfghjklmnpqrstvwxz2456789';
  for (let k = 0; k < 5; k++) {
    s += alphabet[h % alphabet.length];
    h = Math.floor(h / alphabet.length) ^ Math.imul(h, 31);
    h >>>= 0;
  }
  return `${svc.metadata.name}-${s}`;
}

export function endpointSlicesFor(
  svc: Service,
  pods: readonly Pod[],
  zoneOf: (node: string | undefined) => string | undefined,
): EndpointSlice[] {
  const groups = groupPods(svc, pods);
  if (groups.length === 0) groups.push({ ports: [], ready: [], notReady: [] });
  return groups.map((g, i) => ({
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: {
      name: sliceName(svc, i),
      generateName: `${svc.metadata.name}-`,
      ...(svc.metadata.creationTimestamp ? { creationTimestamp: svc.metadata.creationTimestamp } : {}),
      namespace: svc.metadata.namespace!,
      labels: {
        ...(svc.metadata.labels ?? {}),
        'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io',
        'kubernetes.io/service-name': svc.metadata.name,
      },
      ownerReferences: [
        { apiVersion: 'v1', kind: 'Service', name: svc.metadata.name, uid: svc.metadata.uid!, controller: true, blockOwnerDeletion: true },
      ],
    },
    addressType: 'IPv4',
    endpoints: [...g.ready.map((p) => [p, true] as const), ...g.notReady.map((p) => [p, false] as const)].map(([p, ready]) => ({
      addresses: [p.status.podIP!],
      conditions: { ready, serving: ready, terminating: false },
      ...(p.spec.nodeName ? { nodeName: p.spec.nodeName } : {}),
      ...(zoneOf(p.spec.nodeName) ? { zone: zoneOf(p.spec.nodeName)! } : {}),
      targetRef: { kind: 'Pod', namespace: p.metadata.namespace!, name: p.metadata.name, uid: p.metadata.uid! },
    })),
    ports: g.ports,
  }));
}

function sameContent(a: KubeObject | undefined, b: KubeObject, fields: string[]): boolean {
  if (!a) return false;
  return (
    fields.every((f) => JSON.stringify(a[f]) === JSON.stringify(b[f])) &&
    JSON.stringify(a.metadata.labels) === JSON.stringify(b.metadata.labels)
  );
}

export class EndpointsController {
  #store: ObjectStore;
  #zoneOf: (node: string | undefined) => string | undefined;
  #unsubscribe: (() => void) | undefined;
  /** `namespace/service` → names of the slices this controller made for it. */
  #slices = new Map<string, Set<string>>();

  constructor(store: ObjectStore, zoneOf: (node: string | undefined) => string | undefined) {
    this.#store = store;
    this.#zoneOf = zoneOf;
  }

  start(): void {
    this.#unsubscribe ??= this.#store.subscribe((e) => this.#onEvent(e));
  }

  stop(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
  }

  /** Creates or updates the Endpoints and EndpointSlices of one service. */
  sync(svc: Service, opts: { quiet?: boolean } = {}): void {
    const ns = svc.metadata.namespace!;
    if (!svc.spec.selector || Object.keys(svc.spec.selector).length === 0) return;
    const pods = (this.#store.list(R.pods, ns) as Pod[]).filter((p) => mapSelects(svc.spec.selector, p.metadata.labels));
    const ep = endpointsFor(svc, pods);
    const existing = this.#store.get(R.endpoints, ns, svc.metadata.name);
    if (!existing) this.#store.create(R.endpoints, ep, opts);
    else if (!sameContent(existing, ep, ['subsets']))
      this.#store.update(R.endpoints, { ...ep, metadata: { ...existing.metadata, labels: ep.metadata.labels } });

    const slices = endpointSlicesFor(svc, pods, this.#zoneOf);
    const key = `${ns}/${svc.metadata.name}`;
    const wanted = new Set(slices.map((s) => s.metadata.name));
    // Only this controller makes these slices, so it remembers their names instead of
    // scanning every slice in the namespace (10 000 services would make that quadratic).
    for (const old of this.#slices.get(key) ?? []) {
      if (!wanted.has(old)) this.#store.delete(R.endpointslices, ns, old);
    }
    this.#slices.set(key, wanted);
    for (const s of slices) {
      const cur = this.#store.get(R.endpointslices, ns, s.metadata.name);
      if (!cur) this.#store.create(R.endpointslices, s, opts);
      else if (!sameContent(cur, s, ['endpoints', 'ports']))
        this.#store.update(R.endpointslices, { ...s, metadata: { ...cur.metadata, labels: s.metadata.labels } });
    }
  }

  #remove(svc: KubeObject): void {
    const ns = svc.metadata.namespace!;
    if (
      this.#store.get(R.endpoints, ns, svc.metadata.name)?.metadata.labels?.['endpoints.kubernetes.io/managed-by'] === 'endpoint-controller'
    ) {
      this.#store.delete(R.endpoints, ns, svc.metadata.name);
    }
    const key = `${ns}/${svc.metadata.name}`;
    for (const name of this.#slices.get(key) ?? []) this.#store.delete(R.endpointslices, ns, name);
    this.#slices.delete(key);
  }

  #onEvent(e: StoreEvent): void {
    if (e.resource === SERVICES) {
      if (e.type === 'DELETED') this.#remove(e.object);
      else this.sync(e.object as Service);
      return;
    }
    if (e.resource !== PODS) return;
    const ns = e.object.metadata.namespace!;
    for (const svc of this.#store.list(R.services, ns) as Service[]) {
      if (
        mapSelects(svc.spec.selector, e.object.metadata.labels) ||
        (e.previous && mapSelects(svc.spec.selector, e.previous.metadata.labels))
      ) {
        this.sync(svc);
      }
    }
  }
}
