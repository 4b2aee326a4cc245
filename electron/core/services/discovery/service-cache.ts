// The objects of one watch set with the indexes that keep every change O(affected) (docs/services.md,
// Scale; client-go/tools/cache/thread_safe_store.go keeps indexers the same way): endpoints by
// service, pods by `namespace + label=value`, services by `namespace + selector label=value`. Each
// change names the services whose summary it may change; nothing scans every service.
import type { ServiceReadiness } from '../../../shared/contract/services.ts';
import { mapSelects } from '../../kube/label-selector.ts';
import { readinessOf } from './readiness.ts';
import { keyOf, type EndpointRecord, type NodeRecord, type PodRecord, type ServiceRecord } from './records.ts';

export interface CacheHooks {
  /** A service whose summary may have changed. */
  dirty(key: string): void;
  /** A service that is gone. */
  removed(key: string): void;
}

function labelKey(namespace: string, k: string, v: string): string {
  return `${namespace}\0${k}=${v}`;
}

function addTo(index: Map<string, Set<string>>, key: string, value: string): void {
  let set = index.get(key);
  if (!set) index.set(key, (set = new Set()));
  set.add(value);
}

function removeFrom(index: Map<string, Set<string>>, key: string, value: string): void {
  const set = index.get(key);
  if (!set) return;
  set.delete(value);
  if (set.size === 0) index.delete(key);
}

/** Only what summaries read: a pod's resourceVersion-only change dirties nothing. */
function samePod(a: PodRecord, b: PodRecord): boolean {
  return (
    a.ip === b.ip &&
    a.ready === b.ready &&
    a.reason === b.reason &&
    a.node === b.node &&
    JSON.stringify(a.labels) === JSON.stringify(b.labels)
  );
}

export class ServiceCache {
  readonly services = new Map<string, ServiceRecord>();
  readonly pods = new Map<string, PodRecord>();
  readonly nodes = new Map<string, NodeRecord>();
  #endpoints = new Map<string, EndpointRecord>();
  #endpointsByService = new Map<string, Map<string, EndpointRecord>>();
  #podsByLabel = new Map<string, Set<string>>();
  #servicesBySelector = new Map<string, Set<string>>();
  #hooks: CacheHooks;

  constructor(hooks: CacheHooks) {
    this.#hooks = hooks;
  }

  upsertService(s: ServiceRecord): void {
    const key = keyOf(s);
    const old = this.services.get(key);
    if (old) this.#unindexService(key, old);
    this.services.set(key, s);
    for (const [k, v] of Object.entries(s.selector ?? {})) addTo(this.#servicesBySelector, labelKey(s.namespace, k, v), key);
    this.#hooks.dirty(key);
  }

  removeService(s: { namespace: string; name: string }): void {
    const key = keyOf(s);
    const old = this.services.get(key);
    if (!old) return;
    this.#unindexService(key, old);
    this.services.delete(key);
    this.#hooks.removed(key);
  }

  replaceServices(items: ServiceRecord[]): void {
    const keep = new Set(items.map(keyOf));
    for (const [key, s] of [...this.services]) if (!keep.has(key)) this.removeService(s);
    for (const s of items) this.upsertService(s);
  }

  #unindexService(key: string, s: ServiceRecord): void {
    for (const [k, v] of Object.entries(s.selector ?? {})) removeFrom(this.#servicesBySelector, labelKey(s.namespace, k, v), key);
  }

  upsertEndpoints(e: EndpointRecord): void {
    const key = keyOf(e);
    const old = this.#endpoints.get(key);
    if (old) this.#unindexEndpoints(key, old);
    this.#endpoints.set(key, e);
    const svc = `${e.namespace}/${e.service}`;
    let m = this.#endpointsByService.get(svc);
    if (!m) this.#endpointsByService.set(svc, (m = new Map()));
    m.set(key, e);
    this.#hooks.dirty(svc);
  }

  removeEndpoints(e: { namespace: string; name: string }): void {
    const key = keyOf(e);
    const old = this.#endpoints.get(key);
    if (!old) return;
    this.#unindexEndpoints(key, old);
    this.#endpoints.delete(key);
  }

  replaceEndpoints(items: EndpointRecord[]): void {
    const keep = new Set(items.map(keyOf));
    for (const [key, e] of [...this.#endpoints]) if (!keep.has(key)) this.removeEndpoints(e);
    for (const e of items) this.upsertEndpoints(e);
  }

  #unindexEndpoints(key: string, e: EndpointRecord): void {
    const svc = `${e.namespace}/${e.service}`;
    const m = this.#endpointsByService.get(svc);
    m?.delete(key);
    if (m?.size === 0) this.#endpointsByService.delete(svc);
    this.#hooks.dirty(svc);
  }

  upsertPod(p: PodRecord): void {
    const key = keyOf(p);
    const old = this.pods.get(key);
    if (old && samePod(old, p)) {
      this.pods.set(key, p);
      return;
    }
    if (old) this.#unindexPod(key, old);
    this.pods.set(key, p);
    for (const [k, v] of Object.entries(p.labels)) addTo(this.#podsByLabel, labelKey(p.namespace, k, v), key);
    this.#dirtySelecting(p);
  }

  removePod(p: { namespace: string; name: string }): void {
    const key = keyOf(p);
    const old = this.pods.get(key);
    if (!old) return;
    this.#unindexPod(key, old);
    this.pods.delete(key);
  }

  replacePods(items: PodRecord[]): void {
    const keep = new Set(items.map(keyOf));
    for (const [key, p] of [...this.pods]) if (!keep.has(key)) this.removePod(p);
    for (const p of items) this.upsertPod(p);
  }

  #unindexPod(key: string, p: PodRecord): void {
    for (const [k, v] of Object.entries(p.labels)) removeFrom(this.#podsByLabel, labelKey(p.namespace, k, v), key);
    this.#dirtySelecting(p);
  }

  /** Marks the services whose selector matches the pod's labels. */
  #dirtySelecting(p: PodRecord): void {
    const seen = new Set<string>();
    for (const [k, v] of Object.entries(p.labels)) {
      for (const key of this.#servicesBySelector.get(labelKey(p.namespace, k, v)) ?? []) {
        if (seen.has(key)) continue;
        seen.add(key);
        if (mapSelects(this.services.get(key)?.selector ?? undefined, p.labels)) this.#hooks.dirty(key);
      }
    }
  }

  replaceNodes(items: NodeRecord[]): void {
    this.nodes.clear();
    for (const n of items) this.nodes.set(n.name, n);
  }

  endpointsOf(key: string): Iterable<EndpointRecord> {
    return this.#endpointsByService.get(key)?.values() ?? [];
  }

  /** The pods a service's selector matches, from the smallest label index it hits. */
  selectedPods(s: ServiceRecord): PodRecord[] {
    if (!s.selector) return [];
    let smallest: Set<string> | undefined;
    for (const [k, v] of Object.entries(s.selector)) {
      const set = this.#podsByLabel.get(labelKey(s.namespace, k, v));
      if (!set) return [];
      if (!smallest || set.size < smallest.size) smallest = set;
    }
    const out: PodRecord[] = [];
    for (const key of smallest ?? []) {
      const p = this.pods.get(key);
      if (p && mapSelects(s.selector, p.labels)) out.push(p);
    }
    return out;
  }

  readiness(s: ServiceRecord): ServiceReadiness {
    return readinessOf(s, {
      endpoints: this.endpointsOf(keyOf(s)),
      pod: (name) => this.pods.get(`${s.namespace}/${name}`),
      selected: () => this.selectedPods(s),
    });
  }
}
