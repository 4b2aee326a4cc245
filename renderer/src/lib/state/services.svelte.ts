import type {
  AccessRecipe,
  ForwardInfo,
  GatewayInfo,
  IpcError,
  KubeDeskClient,
  Result,
  ServiceDetail,
  ServiceSummary,
  ServicesChanged,
  ServicesSync,
} from '../../../../electron/shared/ipc-contract.ts';
import { ListState } from './list-state.svelte.ts';

/** One row of the services list: the summary, its `NS/NAME` key and a lowercase search key. */
export interface ServiceRow {
  key: string;
  /** `namespace name type`, lowercase: the filter box matches substrings of it. */
  search: string;
  service: ServiceSummary;
}

function toRow(s: ServiceSummary): ServiceRow {
  const key = `${s.namespace}/${s.name}`;
  return { key, search: `${s.namespace} ${s.name} ${s.type}${s.headless ? ' headless' : ''}`.toLowerCase(), service: s };
}

/** The index of `key` in `rows` (sorted by key), or where it would go. */
function seek(rows: readonly ServiceRow[], key: string): number {
  let lo = 0;
  let hi = rows.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (rows[mid]!.key < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

// Rows are kept in `NS/NAME` code-unit order, the order the hub's snapshot already has, so the
// first list of 10,000 is checked in one pass instead of sorted.
function sortedByKey(rows: ServiceRow[]): ServiceRow[] {
  for (let i = 1; i < rows.length; i++) {
    if (rows[i - 1]!.key > rows[i]!.key) return rows.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }
  return rows;
}

/** The port a row action uses: the first TCP port (by name when named, as `kubedesk url` takes it). */
function actionPort(s: ServiceSummary): string | undefined {
  const p = s.ports.find((x) => x.protocol === 'TCP');
  return p ? p.name || String(p.port) : undefined;
}

/** What Open asks for: `NAME:PORT` on that port, else the bare name (the gateway picks the only port). */
export function openSpec(s: ServiceSummary): string {
  const port = actionPort(s);
  return port ? `${s.name}:${port}` : s.name;
}

/**
 * The Services view's state: one live watch (`services:watch`) of a context, all namespaces or
 * one, kept current by `services:changed` batches applied by key. Rows stay sorted by `NS/NAME`
 * and unchanged rows keep their objects, so a batch touches only the rows it names.
 */
export class ServicesState {
  /** The context picked by the user; null follows the current context. */
  chosenContext = $state<string | null>(null);
  /** Null: all namespaces. */
  namespace = $state<string | null>(null);
  filter = $state('');
  rows = $state.raw<ServiceRow[]>([]);
  sync = $state<ServicesSync | null>(null);
  /** Why the watch is reconnecting (the core's last error). */
  message = $state<string | undefined>(undefined);
  error = $state<IpcError | null>(null);
  loading = $state(false);
  /** Namespaces seen in this context's items (kept while one namespace is watched). */
  namespaces = $state.raw<string[]>([]);
  shown = $derived.by(() => {
    const q = this.filter.trim().toLowerCase();
    return q ? this.rows.filter((r) => r.search.includes(q)) : this.rows;
  });
  detail = $state.raw<ServiceDetail | null>(null);
  detailError = $state<IpcError | null>(null);
  recipes = $state.raw<AccessRecipe[] | null>(null);
  recipesError = $state<IpcError | null>(null);
  /** The last forward started from a row, with its local URL. */
  forwarded = $state.raw<ForwardInfo | null>(null);
  gateways: ListState<GatewayInfo>;
  #client: KubeDeskClient;
  #watchId: string | null = null;
  /** Events that arrived while `services:watch` was in flight (their watch id was not known yet). */
  #early: ServicesChanged[] | null = null;
  #generation = 0;

  constructor(client: KubeDeskClient) {
    this.#client = client;
    this.gateways = new ListState<GatewayInfo>({
      idOf: (g) => g.id,
      load: () => client.invoke('services:gateways', undefined),
      order: (a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
    });
  }

  /** Follows service batches and gateway changes; returns the unsubscribe (for an `$effect`). */
  follow(): () => void {
    const offs = [
      this.#client.on('services:changed', (c) => {
        if (this.#early && this.#watchId === null) this.#early.push(c);
        else if (c.watchId === this.#watchId) this.apply(c);
      }),
      this.#client.on('services:gateway-changed', (g) => {
        if (g.state === 'stopped') this.gateways.remove(g.id);
        else this.gateways.upsert(g);
      }),
    ];
    return () => offs.forEach((off) => off());
  }

  /**
   * Watches `context` (all namespaces when `namespace` is null) and returns the stop function,
   * which unwatches (for an `$effect`: leaving the view or picking another context or namespace).
   */
  watch(context: string, namespace: string | null): () => void {
    const generation = ++this.#generation;
    this.#watchId = null;
    this.#early = [];
    this.rows = [];
    this.sync = null;
    this.message = undefined;
    this.loading = true;
    const started = this.#client.invoke('services:watch', { context, namespace });
    void started.then((r) => {
      if (generation !== this.#generation) {
        if (r.ok) void this.#client.invoke('services:unwatch', { watchId: r.value.watchId });
        return;
      }
      this.loading = false;
      const early = this.#early ?? [];
      this.#early = null;
      if (!r.ok) {
        this.error = r.error;
        return;
      }
      this.error = null;
      this.#watchId = r.value.watchId;
      this.sync = r.value.sync;
      this.rows = sortedByKey(r.value.items.map(toRow));
      this.#noteNamespaces(r.value.items);
      for (const c of early) if (c.watchId === r.value.watchId) this.apply(c);
    });
    return () => {
      if (generation !== this.#generation) return;
      this.#generation++;
      this.#early = null;
      if (this.#watchId !== null) void this.#client.invoke('services:unwatch', { watchId: this.#watchId });
      this.#watchId = null;
    };
  }

  /** Applies one batch by key: removals and upserts only touch their own rows. */
  apply(c: ServicesChanged): void {
    this.sync = c.sync;
    this.message = c.message;
    if (c.upserted.length === 0 && c.removed.length === 0) return;
    const rows = this.rows.slice();
    for (const key of c.removed) {
      const i = seek(rows, key);
      if (rows[i]?.key === key) rows.splice(i, 1);
    }
    for (const s of c.upserted) {
      const row = toRow(s);
      const i = seek(rows, row.key);
      if (rows[i]?.key === row.key) rows[i] = row;
      else rows.splice(i, 0, row);
    }
    this.rows = rows;
    this.#noteNamespaces(c.upserted);
  }

  /** Forgets what belongs to the previous context (its namespaces, detail and recipes). */
  resetContext(): void {
    this.namespaces = [];
    this.namespace = null;
    this.detail = null;
    this.recipes = null;
  }

  async showDetail(context: string, s: ServiceSummary): Promise<void> {
    const r = await this.#client.invoke('services:detail', { context, namespace: s.namespace, name: s.name });
    this.detail = r.ok ? r.value : null;
    this.detailError = r.ok ? null : r.error;
  }

  closeDetail(): void {
    this.detail = null;
    this.detailError = null;
  }

  async loadRecipes(context: string): Promise<void> {
    const r = await this.#client.invoke('services:recipes', { context });
    this.recipes = r.ok ? r.value : null;
    this.recipesError = r.ok ? null : r.error;
  }

  /** Starts (or reuses) the service's gateway; its URL, or undefined with the error kept. */
  async open(context: string, s: ServiceSummary): Promise<string | undefined> {
    const service = openSpec(s);
    const r = await this.gateways.track(`${s.namespace}/${s.name}`, () =>
      this.#client.invoke('services:open', { context, namespace: s.namespace, service }),
    );
    this.error = r.ok ? null : r.error;
    if (!r.ok) return undefined;
    this.gateways.upsert(r.value);
    return r.value.url;
  }

  /** Saves a forward to `svc/NAME` on the first TCP port and starts it; the result names its URL. */
  async forward(context: string, s: ServiceSummary): Promise<void> {
    const port = actionPort(s);
    if (port === undefined) {
      this.error = { code: 'invalid-input', message: `service ${s.namespace}/${s.name} has no TCP port to forward` };
      return;
    }
    const spec = { context, namespace: s.namespace, target: `svc/${s.name}`, ports: [`:${port}`] };
    const added = await this.#client.invoke('forward:add', { spec, start: false });
    const r: Result<ForwardInfo> = added.ok ? await this.#client.invoke('forward:start', { id: added.value.id }) : added;
    this.error = r.ok ? null : r.error;
    this.forwarded = r.ok ? r.value : null;
  }

  async stopGateway(id: string): Promise<void> {
    const r = await this.gateways.track(id, () => this.#client.invoke('services:stop-gateway', { id }));
    if (r.ok) this.gateways.remove(id);
  }

  #noteNamespaces(items: readonly ServiceSummary[]): void {
    // A plain record, not a Set: a local lookup table that no template reads.
    const seen: Record<string, true> = Object.create(null) as Record<string, true>;
    for (const ns of this.namespaces) seen[ns] = true;
    const added: string[] = [];
    for (const s of items) {
      if (seen[s.namespace]) continue;
      seen[s.namespace] = true;
      added.push(s.namespace);
    }
    if (added.length > 0) this.namespaces = [...this.namespaces, ...added].sort();
  }
}
