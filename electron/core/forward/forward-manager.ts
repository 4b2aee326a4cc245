// Every saved forward of the app: add/edit/remove, start/stop one or in bulk (per
// context or all), autostart on launch, re-probe on resume, live state for the UI. Each running
// forward is one ForwardSession over its own ClusterConnection from the injected `connect`.
import { randomUUID } from 'node:crypto';
import type { ForwardInfo, ForwardSpec, ForwardSpecInput } from '../../shared/ipc-contract.ts';
import type { ClusterConnection } from '../cluster/cluster-connection.ts';
import type { Connect } from '../cluster/connection-provider.ts';
import { KubeDeskError } from '../errors.ts';
import { errorText } from './error-text.ts';
import { failureReason } from './failure-reason.ts';
import type { Logger } from '../log.ts';
import { normalizeSpec, parseSpec } from './forward-spec.ts';
import { ForwardSession, type SessionOptions } from './forward-session.ts';
import type { ForwardSnapshot } from './session-state.ts';
import type { ForwardStore, SavedForward } from './forward-store.ts';
import { createKubeBackend, type KubeBackendOptions } from './kube-backend.ts';
import type { ForwardBackend } from './forward-backend.ts';
import { joinHostPort } from './listen-addresses.ts';

export interface ForwardManagerDeps {
  connect: Connect;
  store: ForwardStore;
  log: Logger;
  /** Called with a fresh ForwardInfo on every state change (and, throttled, stats). */
  onChange?: (info: ForwardInfo) => void;
  onRemove?: (id: string) => void;
  /** Session tuning (tests shorten timers). */
  session?: Partial<Pick<SessionOptions, 'connectionWaitMs' | 'healthIntervalMs' | 'statsIntervalMs' | 'backoff' | 'findOwner'>>;
  probeSettleMs?: number;
  /** The cluster side of each session; default the real one (kube-backend.ts). */
  createBackend?: (o: KubeBackendOptions) => ForwardBackend;
  newId?: () => string;
  now?: () => number;
}

interface Entry {
  id: string;
  spec: ForwardSpec;
  created: number;
  session: ForwardSession | undefined;
  conn: ClusterConnection | undefined;
  /** The last snapshot of a session that ended (Failed/Stopped). */
  last: ForwardSnapshot | undefined;
  /** Serialises start/stop/update of this forward. */
  queue: Promise<unknown>;
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
    return [...this.#entries.values()].filter((e) => context === undefined || e.spec.context === context).map((e) => this.#info(e));
  }

  get(id: string): ForwardInfo {
    return this.#info(this.#entry(id));
  }

  async add(input: ForwardSpecInput, opts: { start?: boolean } = {}): Promise<ForwardInfo> {
    await this.#load();
    const spec = normalizeSpec(input, input.namespace || (await this.#defaultNamespace(input.context)));
    const entry: Entry = {
      id: (this.#deps.newId ?? randomUUID)(),
      spec,
      created: this.#now(),
      session: undefined,
      conn: undefined,
      last: undefined,
      queue: Promise.resolve(),
    };
    this.#entries.set(entry.id, entry);
    await this.#save();
    this.#emit(entry);
    if (opts.start !== false) await this.#startEntry(entry);
    return this.#info(entry);
  }

  async update(id: string, input: ForwardSpecInput): Promise<ForwardInfo> {
    await this.#load();
    const entry = this.#entry(id);
    const spec = normalizeSpec(input, input.namespace || (await this.#defaultNamespace(input.context)));
    const wasRunning = entry.session !== undefined;
    await this.#serial(entry, async () => {
      await this.#stopSession(entry);
      entry.spec = spec;
      entry.last = undefined;
    });
    await this.#save();
    this.#emit(entry);
    if (wasRunning) await this.#startEntry(entry);
    return this.#info(entry);
  }

  async start(id: string): Promise<ForwardInfo> {
    await this.#load();
    const entry = this.#entry(id);
    await this.#startEntry(entry);
    return this.#info(entry);
  }

  async stop(id: string): Promise<ForwardInfo> {
    await this.#load();
    const entry = this.#entry(id);
    await this.#serial(entry, () => this.#stopSession(entry));
    return this.#info(entry);
  }

  async remove(id: string): Promise<void> {
    await this.#load();
    const entry = this.#entry(id);
    await this.#serial(entry, () => this.#stopSession(entry));
    this.#entries.delete(id);
    await this.#save();
    this.#deps.onRemove?.(id);
  }

  /** Starts every forward of `context` (or all); one failing does not stop the others. */
  async startAll(context?: string): Promise<ForwardInfo[]> {
    await this.#load();
    const entries = [...this.#entries.values()].filter((e) => context === undefined || e.spec.context === context);
    await Promise.all(entries.map((e) => this.#startEntry(e).catch(() => {})));
    return entries.map((e) => this.#info(e));
  }

  async stopAll(context?: string): Promise<ForwardInfo[]> {
    await this.#load();
    const entries = [...this.#entries.values()].filter((e) => context === undefined || e.spec.context === context);
    await Promise.all(entries.map((e) => this.#serial(e, () => this.#stopSession(e))));
    return entries.map((e) => this.#info(e));
  }

  /** After sleep/resume or a network change (Electron powerMonitor): re-probe every forward. */
  onResume(): void {
    for (const e of this.#entries.values()) e.session?.recheck();
  }

  /** Stops every session (saved forwards stay saved). */
  async dispose(): Promise<void> {
    this.#disposed = true;
    await Promise.all([...this.#entries.values()].map((e) => this.#serial(e, () => this.#stopSession(e))));
  }

  // ——— internals ———

  #load(): Promise<void> {
    this.#loaded ??= this.#deps.store.load().then(
      (saved) => {
        for (const s of saved) {
          if (this.#entries.has(s.id)) continue;
          this.#entries.set(s.id, {
            id: s.id,
            spec: s.spec,
            created: this.#now(),
            session: undefined,
            conn: undefined,
            last: undefined,
            queue: Promise.resolve(),
          });
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

  async #save(): Promise<void> {
    const list: SavedForward[] = [...this.#entries.values()].map((e) => ({ id: e.id, spec: e.spec }));
    await this.#deps.store.save(list);
  }

  #serial<T>(entry: Entry, fn: () => Promise<T>): Promise<T> {
    const run = entry.queue.then(fn, fn);
    entry.queue = run.catch(() => {});
    return run;
  }

  #startEntry(entry: Entry): Promise<void> {
    return this.#serial(entry, async () => {
      if (this.#disposed) throw new KubeDeskError('cancelled', 'KubeDesk is shutting down');
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
      const session = new ForwardSession({
        backend: (this.#deps.createBackend ?? createKubeBackend)({
          conn,
          request: { namespace: entry.spec.namespace, target: parsed.target, ports: parsed.ports },
          spread: entry.spec.spread,
          ...(this.#deps.probeSettleMs !== undefined ? { probeSettleMs: this.#deps.probeSettleMs } : {}),
        }),
        addresses: parsed.addresses,
        log: this.#deps.log,
        spread: entry.spec.spread,
        ...this.#deps.session,
        observer: {
          changed: (snap) => {
            if (entry.session === session) this.#emit(entry, snap);
          },
          lost: (pod, reason) => this.#deps.log.info('forward lost its pod', { id: entry.id, pod, reason }),
          attemptFailed: (pod, reason) => this.#deps.log.info('forward could not reach its pod', { id: entry.id, pod, reason }),
          reconnected: (pod) => this.#deps.log.info('forward reconnected', { id: entry.id, pod }),
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
      this.#deps.onChange(this.#info(entry, snap));
    } catch (err) {
      this.#deps.log.warn('forward listener failed', { error: errorText(err) });
    }
  }

  #info(entry: Entry, snap?: ForwardSnapshot): ForwardInfo {
    const s = snap ?? entry.session?.snapshot() ?? entry.last;
    return {
      id: entry.id,
      spec: { ...entry.spec, ports: [...entry.spec.ports], addresses: [...entry.spec.addresses] },
      state: s?.state ?? 'stopped',
      since: new Date(s?.since ?? entry.created).toISOString(),
      pod: s?.pod ?? null,
      pods: s?.pods ?? [],
      bindings: (s?.state === 'stopped' || s?.state === 'failed' ? [] : (s?.bindings ?? [])).map((b) => ({
        address: b.address,
        local: b.local,
        remote: b.remote,
        url: `http://${joinHostPort(b.address, b.local)}/`,
      })),
      stats: s?.stats ?? { connectionsOpen: 0, connectionsTotal: 0, bytesIn: 0, bytesOut: 0 },
      served: Object.entries(s?.served ?? {}).map(([pod, connections]) => ({ pod, connections })),
      lastError: s?.lastError ? { code: s.lastError.code, message: s.lastError.message, at: new Date(s.lastError.at).toISOString() } : null,
      ...(s?.reason ? { reason: s.reason } : {}),
      ...(s?.transport ? { transport: s.transport } : {}),
    };
  }
}

function failedSnapshot(err: unknown, now: number): ForwardSnapshot {
  return {
    state: 'failed',
    since: now,
    pod: undefined,
    pods: [],
    bindings: [],
    stats: { connectionsOpen: 0, connectionsTotal: 0, bytesIn: 0, bytesOut: 0 },
    served: {},
    lastError: { code: err instanceof KubeDeskError ? err.code : 'unreachable', message: errorText(err), at: now },
    reason: failureReason(err).reason,
  };
}
