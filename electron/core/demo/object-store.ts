// The demo apiserver's storage: objects per resource, one cluster-wide resourceVersion counter
// (like etcd's revision), and a bounded history of changes so a watch can resume from a
// resourceVersion (older than the history → 410 Expired, as the apiserver's watch cache does).
// Objects are never mutated in place: every write stores a fresh object, so lists and watch
// events can hand out references safely. They are stored without kind/apiVersion, as list
// items are served; single objects and watch events get them added.
import { randomUUID } from 'node:crypto';
import type { ResourceDef } from './api-resource-table.ts';
import { resourceKey } from './api-resources.ts';
import type { KubeObject } from '../kube/kube-objects.ts';

export type EventType = 'ADDED' | 'MODIFIED' | 'DELETED';

export interface StoreEvent {
  type: EventType;
  /** resourceKey(): 'pods', 'apps/deployments'. */
  resource: string;
  object: KubeObject;
  /** The object before a MODIFIED or DELETED. */
  previous?: KubeObject;
  rv: number;
}

export type StoreListener = (event: StoreEvent) => void;

const HISTORY = 10_000;

function keyOf(namespace: string | undefined, name: string): string {
  return namespace ? `${namespace}/${name}` : name;
}

export class ObjectStore {
  #rv = 1000;
  #items = new Map<string, Map<string, KubeObject>>();
  #sorted = new Map<string, KubeObject[]>();
  #history: StoreEvent[] = [];
  /** Oldest resourceVersion a watch may resume from. */
  #historyFloor = 1000;
  #quietRv = -1;
  #listeners = new Set<StoreListener>();
  #queue: StoreEvent[] = [];
  #dispatching = false;
  #now: () => Date;

  constructor(now: () => Date = () => new Date()) {
    this.#now = now;
  }

  get resourceVersion(): number {
    return this.#rv;
  }

  get historyFloor(): number {
    return this.#historyFloor;
  }

  #map(resource: string): Map<string, KubeObject> {
    let m = this.#items.get(resource);
    if (!m) {
      m = new Map();
      this.#items.set(resource, m);
    }
    return m;
  }

  get(r: ResourceDef | string, namespace: string | undefined, name: string): KubeObject | undefined {
    const key = typeof r === 'string' ? r : resourceKey(r);
    return this.#items.get(key)?.get(keyOf(namespace, name));
  }

  /** All objects of a resource (in a namespace, or everywhere), sorted as etcd keys are. */
  list(r: ResourceDef | string, namespace?: string): KubeObject[] {
    const key = typeof r === 'string' ? r : resourceKey(r);
    let all = this.#sorted.get(key);
    if (!all) {
      const m = this.#items.get(key);
      all = m ? [...m.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map((e) => e[1]) : [];
      this.#sorted.set(key, all);
    }
    return namespace === undefined ? all : all.filter((o) => o.metadata.namespace === namespace);
  }

  count(r: ResourceDef | string): number {
    const key = typeof r === 'string' ? r : resourceKey(r);
    return this.#items.get(key)?.size ?? 0;
  }

  /**
   * Stores a new object: fills uid, creationTimestamp (unless set) and resourceVersion.
   * `quiet` loads the initial world without recording history or notifying listeners.
   */
  create(r: ResourceDef | string, obj: KubeObject, opts: { quiet?: boolean } = {}): KubeObject {
    const key = typeof r === 'string' ? r : resourceKey(r);
    // A quiet (initial) load is one snapshot: every object shares one resourceVersion, so a
    // watch may resume from any of them without replaying the load.
    const rv = opts.quiet && this.#quietRv === this.#rv ? this.#rv : ++this.#rv;
    if (opts.quiet) this.#quietRv = rv;
    const { kind: _k, apiVersion: _a, ...rest } = obj;
    const stored: KubeObject = {
      ...rest,
      metadata: {
        ...obj.metadata,
        uid: obj.metadata.uid ?? randomUUID(),
        creationTimestamp:
          obj.metadata.creationTimestamp ??
          this.#now()
            .toISOString()
            .replace(/\.\d+Z$/, 'Z'),
        resourceVersion: String(rv),
      },
    };
    this.#map(key).set(keyOf(stored.metadata.namespace, stored.metadata.name), stored);
    this.#sorted.delete(key);
    if (opts.quiet) {
      this.#historyFloor = rv;
    } else {
      this.#emit({ type: 'ADDED', resource: key, object: stored, rv });
    }
    return stored;
  }

  /** Replaces an existing object (same namespace/name) and bumps its resourceVersion. */
  update(r: ResourceDef | string, obj: KubeObject): KubeObject {
    const key = typeof r === 'string' ? r : resourceKey(r);
    const k = keyOf(obj.metadata.namespace, obj.metadata.name);
    const previous = this.#map(key).get(k);
    if (!previous) throw new Error(`update of missing ${key} ${k}`);
    const rv = ++this.#rv;
    const { kind: _k, apiVersion: _a, ...rest } = obj;
    const stored: KubeObject = {
      ...rest,
      metadata: {
        ...obj.metadata,
        uid: previous.metadata.uid,
        creationTimestamp: previous.metadata.creationTimestamp,
        resourceVersion: String(rv),
      },
    };
    this.#map(key).set(k, stored);
    this.#sorted.delete(key);
    this.#emit({ type: 'MODIFIED', resource: key, object: stored, previous, rv });
    return stored;
  }

  delete(r: ResourceDef | string, namespace: string | undefined, name: string): KubeObject | undefined {
    const key = typeof r === 'string' ? r : resourceKey(r);
    const k = keyOf(namespace, name);
    const previous = this.#items.get(key)?.get(k);
    if (!previous) return undefined;
    this.#items.get(key)?.delete(k);
    this.#sorted.delete(key);
    const rv = ++this.#rv;
    const gone: KubeObject = { ...previous, metadata: { ...previous.metadata, resourceVersion: String(rv) } };
    this.#emit({ type: 'DELETED', resource: key, object: gone, previous, rv });
    return gone;
  }

  /** Events after `rv` for a resource, or 'expired' when the history no longer reaches back. */
  eventsSince(resource: string, rv: number): StoreEvent[] | 'expired' {
    if (rv < this.#historyFloor) return 'expired';
    const out: StoreEvent[] = [];
    for (const e of this.#history) if (e.rv > rv && e.resource === resource) out.push(e);
    return out;
  }

  /** Listeners run in order of events; a write made by a listener is delivered after the current event. */
  subscribe(listener: StoreListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #emit(event: StoreEvent): void {
    this.#history.push(event);
    if (this.#history.length > HISTORY) {
      const dropped = this.#history.splice(0, this.#history.length - HISTORY);
      this.#historyFloor = dropped[dropped.length - 1]!.rv;
    }
    this.#queue.push(event);
    if (this.#dispatching) return;
    this.#dispatching = true;
    try {
      for (let e = this.#queue.shift(); e; e = this.#queue.shift()) {
        for (const l of [...this.#listeners]) {
          try {
            l(e);
          } catch {
            // A failing listener (a watcher whose socket died) must not stop the others.
          }
        }
      }
    } finally {
      this.#dispatching = false;
    }
  }
}
