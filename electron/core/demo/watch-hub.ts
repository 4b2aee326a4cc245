// `?watch=1` streams: one JSON event per line (`{"type":"ADDED","object":{…}}`), chunked and
// written as each change happens, with kube-apiserver's semantics: no resourceVersion (or "0")
// → synthetic ADDED for what exists, then changes; resourceVersion N → changes after N, or an
// ERROR event with a 410 Expired Status when N has left the history; label/field selectors
// turn MODIFIED into ADDED/DELETED as objects enter or leave the selection; BOOKMARKs when
// asked; `timeoutSeconds` ends the stream.
import type { ServerResponse } from 'node:http';
import type { ResourceDef } from './api-resource-table.ts';
import { groupVersion } from './api-resources.ts';
import { gone } from './api-status.ts';
import type { FieldSelector } from './field-selector.ts';
import type { KubeObject } from '../kube/kube-objects.ts';
import type { Selector } from '../kube/label-selector.ts';
import type { Answer } from './media-type.ts';
import type { EventType, ObjectStore, StoreEvent } from './object-store.ts';
import { toTable, type IncludeObject } from './table-convert.ts';

export interface WatchParams {
  def: ResourceDef;
  key: string;
  namespace?: string;
  labels?: Selector;
  fields?: FieldSelector;
  /** undefined or '' or '0' = start with the current state. */
  resourceVersion?: string;
  answer: Answer;
  include: IncludeObject;
  timeoutSeconds?: number;
  allowBookmarks: boolean;
  sendInitialEvents: boolean;
}

interface Watcher {
  params: WatchParams;
  res: ServerResponse;
  close(): void;
}

/** A bookmark a minute to a watch that asked for them, as kube-apiserver's watch cache sends them (`defaultBookmarkFrequency`, apiserver/pkg/storage/cacher/cacher.go). */
const BOOKMARK_MS = 60_000;
/** A client this far behind is cut off rather than buffered without bound. */
const MAX_BUFFER = 32 * 1024 * 1024;

export class WatchHub {
  #store: ObjectStore;
  #now: () => number;
  #watchers = new Map<string, Set<Watcher>>();
  #unsubscribe: () => void;

  constructor(store: ObjectStore, now: () => number = Date.now) {
    this.#store = store;
    this.#now = now;
    this.#unsubscribe = store.subscribe((e) => this.#dispatch(e));
  }

  get count(): number {
    let n = 0;
    for (const s of this.#watchers.values()) n += s.size;
    return n;
  }

  #matches(p: WatchParams, o: KubeObject | undefined): boolean {
    if (!o) return false;
    if (p.namespace !== undefined && o.metadata.namespace !== p.namespace) return false;
    if (p.labels && !p.labels.matches(o.metadata.labels)) return false;
    if (p.fields && !p.fields.matches(o)) return false;
    return true;
  }

  #encode(p: WatchParams, type: EventType | 'BOOKMARK', o: KubeObject): string {
    let object: unknown;
    if (type === 'BOOKMARK') {
      object = { kind: p.def.kind, apiVersion: groupVersion(p.def), metadata: o.metadata };
    } else if (p.answer.as === 'table') {
      object = toTable(p.def, p.key, [o], {
        apiVersion: p.answer.apiVersion,
        resourceVersion: o.metadata.resourceVersion ?? '',
        include: p.include,
        now: this.#now(),
      });
    } else if (p.answer.as === 'metadata') {
      object = { kind: 'PartialObjectMetadata', apiVersion: p.answer.apiVersion, metadata: o.metadata };
    } else {
      object = { kind: p.def.kind, apiVersion: groupVersion(p.def), ...o };
    }
    return JSON.stringify({ type, object }) + '\n';
  }

  #write(w: Watcher, text: string): void {
    if (w.res.destroyed || w.res.writableEnded) return;
    if (w.res.writableLength > MAX_BUFFER) {
      w.close();
      return;
    }
    w.res.write(text);
  }

  #dispatch(e: StoreEvent): void {
    const set = this.#watchers.get(e.resource);
    if (!set) return;
    for (const w of set) {
      const p = w.params;
      const now = this.#matches(p, e.object);
      const before =
        e.type === 'MODIFIED' ? this.#matches(p, e.previous) : e.type === 'DELETED' ? this.#matches(p, e.previous ?? e.object) : false;
      let type: EventType | undefined;
      if (e.type === 'ADDED') type = now ? 'ADDED' : undefined;
      else if (e.type === 'DELETED') type = before ? 'DELETED' : undefined;
      else if (now && before) type = 'MODIFIED';
      else if (now) type = 'ADDED';
      else if (before) type = 'DELETED';
      if (type) this.#write(w, this.#encode(p, type, e.object));
    }
  }

  /** Answers a watch request; the response stays open until the client leaves or the hub closes. */
  serve(res: ServerResponse, p: WatchParams): void {
    const rv = p.resourceVersion;
    let initial: Array<{ type: EventType; object: KubeObject }>;
    if (rv === undefined || rv === '' || rv === '0' || p.sendInitialEvents) {
      const objs = p.namespace !== undefined ? this.#store.list(p.key, p.namespace) : this.#store.list(p.key);
      initial = objs.filter((o) => this.#matches(p, o)).map((object) => ({ type: 'ADDED' as const, object }));
    } else {
      const n = Number(rv);
      const events = Number.isFinite(n) ? this.#store.eventsSince(p.key, n) : 'expired';
      res.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-cache, private', 'Transfer-Encoding': 'chunked' });
      if (events === 'expired') {
        const err = gone(`too old resource version: ${rv} (${this.#store.historyFloor})`);
        res.end(JSON.stringify({ type: 'ERROR', object: err.status }) + '\n');
        return;
      }
      initial = [];
      for (const e of events) {
        const now = this.#matches(p, e.object);
        const before = e.previous ? this.#matches(p, e.previous) : false;
        if (e.type === 'ADDED' && now) initial.push({ type: 'ADDED', object: e.object });
        else if (e.type === 'DELETED' && before) initial.push({ type: 'DELETED', object: e.object });
        else if (e.type === 'MODIFIED' && (now || before))
          initial.push({ type: now && before ? 'MODIFIED' : now ? 'ADDED' : 'DELETED', object: e.object });
      }
    }
    if (!res.headersSent) {
      res.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-cache, private', 'Transfer-Encoding': 'chunked' });
    }
    res.flushHeaders();
    const timers: NodeJS.Timeout[] = [];
    let closed = false;
    const watcher: Watcher = {
      params: p,
      res,
      close: () => {
        if (closed) return;
        closed = true;
        for (const t of timers) clearTimeout(t);
        this.#watchers.get(p.key)?.delete(watcher);
        if (!res.writableEnded) res.end();
      },
    };
    let set = this.#watchers.get(p.key);
    if (!set) {
      set = new Set();
      this.#watchers.set(p.key, set);
    }
    set.add(watcher);
    res.on('close', () => watcher.close());
    res.on('error', () => watcher.close());
    if (initial.length > 0) this.#write(watcher, initial.map((e) => this.#encode(p, e.type, e.object)).join(''));
    const bookmark = (extra?: Record<string, string>): void =>
      this.#write(
        watcher,
        this.#encode(p, 'BOOKMARK', {
          metadata: { name: '', resourceVersion: String(this.#store.resourceVersion), ...(extra ? { annotations: extra } : {}) },
        }),
      );
    if (p.sendInitialEvents && p.allowBookmarks) bookmark({ 'k8s.io/initial-events-end': 'true' });
    if (p.allowBookmarks) {
      const tick = (): void => {
        bookmark();
        timers[0] = setTimeout(tick, BOOKMARK_MS);
      };
      timers[0] = setTimeout(tick, BOOKMARK_MS);
    }
    if (p.timeoutSeconds && p.timeoutSeconds > 0) timers.push(setTimeout(() => watcher.close(), p.timeoutSeconds * 1000));
  }

  /** Ends every watch (dispose, or the apiserver "going down"). */
  closeAll(): void {
    for (const set of this.#watchers.values()) for (const w of [...set]) w.close();
    this.#watchers.clear();
  }

  dispose(): void {
    this.closeAll();
    this.#unsubscribe();
  }
}
