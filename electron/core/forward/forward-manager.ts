// Every saved forward of the app: add/edit/remove, start/stop one or in bulk (per
// context or all), autostart on launch, re-probe on resume, live state for the UI. Each running
// forward is one ForwardSession (saved-forward-session.ts) over its own ClusterConnection from
// the injected `connect`; what the UI sees of each is forward-info.ts.
import { randomUUID } from 'node:crypto';
import type { ForwardInfo, ForwardSpecInput } from '../../shared/ipc-contract.ts';
import type { ClusterConnection } from '../cluster/cluster-connection.ts';
import type { Connect } from '../cluster/connection-provider.ts';
import { KubeDeskError } from '../errors.ts';
import { errorText } from './error-text.ts';
import { newEntry, serial, type Entry } from './forward-entry.ts';
import { failedSnapshot, forwardInfo } from './forward-info.ts';
import { normalizeSpec, parseSpec } from './forward-spec.ts';
import type { ForwardSnapshot } from './forward-snapshot.ts';
import type { ForwardStore, SavedForward } from './forward-store.ts';
import { createSavedForwardSession, type SavedSessionDeps } from './saved-forward-session.ts';

export interface ForwardManagerDeps extends SavedSessionDeps {
  connect: Connect;
  store: ForwardStore;
  /** Called with a fresh ForwardInfo on every state change (and, throttled, stats). */
  onChange?: (info: ForwardInfo) => void;
  onRemove?: (id: string) => void;
  newId?: () => string;
  now?: () => number;
}

export class ForwardManager {
  #deps: ForwardManagerDeps;
  #entries = new Map<string, Entry>();
  #now: () => number;
  #disposed = false;
  #loaded: Promise<void> | undefined;

  constructor(deps: ForwardManagerDeps) {
    this.#deps = deps;
    this.#now = deps.now ?? Date.now;
  }

  /** Loads the saved forwards (once) and starts those marked autostart. */
  async restore(): Promise<ForwardInfo[]> {
    await this.#load();
    const auto = [...this.#entries.values()].filter((e) => e.spec.autostart);
    await Promise.all(auto.map((e) => this.#startEntry(e).catch(() => {})));
    return this.list();
  }

  list(context?: string): ForwardInfo[] {
    return [...this.#entries.values()].filter((e) => context === undefined || e.spec.context === context).map((e) => forwardInfo(e));
  }

  get(id: string): ForwardInfo {
    return forwardInfo(this.#entry(id));
  }

  async add(input: ForwardSpecInput, opts: { start?: boolean } = {}): Promise<ForwardInfo> {
    this.#refuseIfDisposed();
    await this.#load();
    const spec = normalizeSpec(input, input.namespace || (await this.#defaultNamespace(input.context)));
    const entry = newEntry((this.#deps.newId ?? randomUUID)(), spec, this.#now());
    this.#entries.set(entry.id, entry);
    await this.#save();
    this.#emit(entry);
    if (opts.start !== false) await this.#startEntry(entry);
    return forwardInfo(entry);
  }

  async update(id: string, input: ForwardSpecInput): Promise<ForwardInfo> {
    this.#refuseIfDisposed();
    await this.#load();
    const entry = this.#entry(id);
    const spec = normalizeSpec(input, input.namespace || (await this.#defaultNamespace(input.context)));
    const wasRunning = entry.session !== undefined;
    await serial(entry, async () => {
      await this.#stopSession(entry);
      entry.spec = spec;
      entry.last = undefined;
    });
    await this.#save();
    this.#emit(entry);
    if (wasRunning) await this.#startEntry(entry);
    return forwardInfo(entry);
  }

  async start(id: string): Promise<ForwardInfo> {
    await this.#load();
    const entry = this.#entry(id);
    await this.#startEntry(entry);
    return forwardInfo(entry);
  }

  async stop(id: string): Promise<ForwardInfo> {
    await this.#load();
    const entry = this.#entry(id);
    await serial(entry, () => this.#stopSession(entry));
    return forwardInfo(entry);
  }

  async remove(id: string): Promise<void> {
    this.#refuseIfDisposed();
    await this.#load();
    const entry = this.#entry(id);
    await serial(entry, () => this.#stopSession(entry));
    this.#entries.delete(id);
    await this.#save();
    this.#deps.onRemove?.(id);
  }

  /** Starts every forward of `context` (or all); one failing does not stop the others. */
  async startAll(context?: string): Promise<ForwardInfo[]> {
    await this.#load();
    const entries = [...this.#entries.values()].filter((e) => context === undefined || e.spec.context === context);
    await Promise.all(entries.map((e) => this.#startEntry(e).catch(() => {})));
    return entries.map((e) => forwardInfo(e));
  }

  async stopAll(context?: string): Promise<ForwardInfo[]> {
    await this.#load();
    const entries = [...this.#entries.values()].filter((e) => context === undefined || e.spec.context === context);
    await Promise.all(entries.map((e) => serial(e, () => this.#stopSession(e))));
    return entries.map((e) => forwardInfo(e));
  }

  /** After sleep/resume or a network change (Electron powerMonitor): re-probe every forward. */
  onResume(): void {
    for (const e of this.#entries.values()) e.session?.recheck();
  }

  /**
   * Stops every session (saved forwards stay saved), then waits for the saves under way: once this
   * resolves the file holds the last list and no later add, update or remove writes it.
   */
  async dispose(): Promise<void> {
    this.#disposed = true;
    await Promise.all([...this.#entries.values()].map((e) => serial(e, () => this.#stopSession(e))));
    await this.#deps.store.dispose?.();
  }

  // ——— internals ———

  #load(): Promise<void> {
    this.#loaded ??= this.#deps.store.load().then(
      (saved) => {
        for (const s of saved) {
          if (this.#entries.has(s.id)) continue;
          this.#entries.set(s.id, newEntry(s.id, s.spec, this.#now()));
        }
      },
      (err: unknown) => {
        this.#deps.log.warn('forwards not loaded', { error: errorText(err) });
      },
    );
    return this.#loaded;
  }

  #entry(id: string): Entry {
    const e = this.#entries.get(id);
    if (!e) throw new KubeDeskError('not-found', `no forward with id ${id}`);
    return e;
  }

  async #defaultNamespace(context: string): Promise<string> {
    const conn = await this.#deps.connect(context);
    try {
      return conn.namespace || 'default';
    } finally {
      conn.dispose();
    }
  }

  /** After dispose() nothing changes, in memory or on disk: the list stays the one last saved. */
  #refuseIfDisposed(): void {
    if (this.#disposed) throw new KubeDeskError('cancelled', 'KubeDesk is shutting down');
  }

  async #save(): Promise<void> {
    const list: SavedForward[] = [...this.#entries.values()].map((e) => ({ id: e.id, spec: e.spec }));
    await this.#deps.store.save(list);
  }

  #startEntry(entry: Entry): Promise<void> {
    return serial(entry, async () => {
      this.#refuseIfDisposed();
      if (entry.session && entry.session.state !== 'failed' && entry.session.state !== 'stopped') return;
      await this.#stopSession(entry);
      const parsed = parseSpec(entry.spec);
      let conn: ClusterConnection;
      try {
        conn = await this.#deps.connect(entry.spec.context);
      } catch (err) {
        entry.last = failedSnapshot(err, this.#now());
        this.#emit(entry);
        throw err;
      }
      const session = createSavedForwardSession(this.#deps, {
        id: entry.id,
        spec: entry.spec,
        parsed,
        conn,
        changed: (snap) => {
          if (entry.session === session) this.#emit(entry, snap);
        },
      });
      entry.session = session;
      entry.conn = conn;
      entry.last = undefined;
      this.#emit(entry);
      try {
        await session.start();
      } catch (err) {
        entry.last = session.snapshot();
        entry.session = undefined;
        entry.conn = undefined;
        await session.stop();
        conn.dispose();
        this.#emit(entry);
        throw err;
      }
    });
  }

  async #stopSession(entry: Entry): Promise<void> {
    const { session, conn } = entry;
    if (!session) return;
    entry.session = undefined;
    entry.conn = undefined;
    await session.stop();
    conn?.dispose();
    entry.last = session.snapshot();
    this.#emit(entry);
  }

  #emit(entry: Entry, snap?: ForwardSnapshot): void {
    if (!this.#deps.onChange) return;
    try {
      this.#deps.onChange(forwardInfo(entry, snap));
    } catch (err) {
      this.#deps.log.warn('forward listener failed', { error: errorText(err) });
    }
  }
}
