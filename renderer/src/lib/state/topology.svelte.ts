import type {
  IpcError,
  KubeDeskClient,
  Topology,
  TopologyAction,
  TopologyNode,
  TopologyStatus,
} from '../../../../electron/shared/ipc-contract.ts';
import { browserHost, runAction, type ActionHost } from '../components/topology/topology-actions.ts';
import { toViewGraph, type ViewGraph } from '../components/topology/topology-graph.ts';
import { layoutView, type Positions } from '../components/topology/topology-layout.ts';
import { pathsThrough, type PathHighlight } from '../components/topology/topology-paths.ts';

/** How long events are gathered before one `topology:get` (they come in bursts: a restart moves a forward, a service, its pods). */
const REFETCH_MS = 300;

function structureKey(t: Topology, expanded: Readonly<Record<string, boolean>>): string {
  const ids = t.nodes.map((n) => n.id).sort();
  const edges = t.edges.map((e) => `${e.from}>${e.to}>${e.kind}`).sort();
  const open = Object.entries(expanded)
    .map(([ns, on]) => `${ns}=${on}`)
    .sort();
  return `${ids.join('|')}#${edges.join('|')}#${open.join('|')}`;
}

/**
 * The Topology view's state for one context: the model from `topology:get`, its layout, the
 * chosen node and its paths, and the one-click actions. Live: events that change what the graph
 * shows trigger one re-fetch (REFETCH_MS); the layout is recomputed only when the set of nodes or
 * edges changed, so a status change only recolours.
 */
export class TopologyState {
  topology = $state.raw<Topology | null>(null);
  view = $state.raw<ViewGraph | null>(null);
  positions = $state.raw<Positions | null>(null);
  error = $state<IpcError | null>(null);
  loading = $state(true);
  /** Null: every namespace. */
  namespace = $state<string | null>(null);
  /** Namespace → expanded (true) or collapsed (false), where the user chose. */
  expanded = $state.raw<Readonly<Record<string, boolean>>>({});
  selectedId = $state<string | null>(null);
  /** Namespaces seen across fetches of every namespace, for the picker. */
  namespaces = $state.raw<string[]>([]);
  /** The node whose action is running. */
  busy = $state<string | null>(null);
  actionError = $state<IpcError | null>(null);
  /** What the last action did, in a few words ("Copied 10.96.0.3"). */
  notice = $state<string | null>(null);
  /** How many layouts ran (each one a change to the set of nodes or edges). */
  layouts = $state(0);
  selected = $derived(this.topology?.nodes.find((n) => n.id === this.selectedId) ?? null);
  highlight = $derived<PathHighlight | null>(this.topology && this.selectedId ? pathsThrough(this.topology, this.selectedId) : null);

  readonly context: string;
  #client: KubeDeskClient;
  #host: ActionHost;
  #structure = '';
  #generation = 0;
  #timer: ReturnType<typeof setTimeout> | null = null;
  #inFlight: Promise<void> | null = null;
  #again = false;
  /** Last state seen per forward / proxy / gateway: stats-only events do not re-fetch. */
  #seen: Record<string, string> = {};

  constructor(client: KubeDeskClient, context: string, host: ActionHost = browserHost) {
    this.#client = client;
    this.context = context;
    this.#host = host;
  }

  /** Fetches the model; lays it out again only when its nodes or edges changed. Concurrent calls run once more after the current one. */
  refresh(): Promise<void> {
    if (this.#inFlight) {
      this.#again = true;
      return this.#inFlight;
    }
    this.#inFlight = this.#fetch().finally(() => {
      this.#inFlight = null;
      if (this.#again) {
        this.#again = false;
        void this.refresh();
      }
    });
    return this.#inFlight;
  }

  async #fetch(): Promise<void> {
    const generation = this.#generation;
    const r = await this.#client.invoke('topology:get', { context: this.context, namespace: this.namespace });
    if (generation !== this.#generation) return;
    this.loading = false;
    if (!r.ok) {
      this.error = r.error;
      return;
    }
    this.error = null;
    const t = r.value;
    performance.mark('kubedesk:topology-fetched'); // test/bench/topology-bench.ts splits fetch from layout and paint
    if (this.namespace === null) this.#noteNamespaces(t);
    this.topology = t;
    if (this.selectedId !== null && !t.nodes.some((n) => n.id === this.selectedId)) this.selectedId = null;
    await this.#layout();
  }

  async #layout(): Promise<void> {
    const t = this.topology;
    if (!t) return;
    const view = toViewGraph(t, this.expanded);
    const key = structureKey(t, this.expanded);
    if (key === this.#structure && this.positions) {
      this.view = view; // same shape, new statuses
      return;
    }
    const generation = this.#generation;
    const positions = await layoutView(view);
    if (generation !== this.#generation || this.topology !== t) return;
    this.#structure = key;
    this.view = view;
    this.positions = positions;
    this.layouts++;
    performance.mark('kubedesk:topology-laid-out');
  }

  /** Picks the namespace shown (null: all) and fetches it. */
  setNamespace(namespace: string | null): Promise<void> {
    this.namespace = namespace;
    this.#generation++;
    this.selectedId = null;
    this.loading = true;
    return this.refresh();
  }

  /** Collapses an expanded namespace, expands a collapsed one. */
  toggle(namespace: string): Promise<void> {
    const group = this.view?.groups.find((g) => g.namespace === namespace);
    this.expanded = { ...this.expanded, [namespace]: group ? group.collapsed : true };
    return this.#layout();
  }

  select(id: string | null): void {
    this.selectedId = id;
    this.actionError = null;
    this.notice = null;
  }

  /** Follows what changes the graph; returns the unsubscribe (for an `$effect`). */
  follow(): () => void {
    const ctx = this.context;
    const changed = (key: string, value: string): boolean => {
      if (this.#seen[key] === value) return false;
      this.#seen[key] = value;
      return true;
    };
    let watchId: string | null = null;
    let closed = false;
    // A watch of the context's services: its batches carry pod restarts and readiness changes.
    // Started after the first fetch, so its snapshot does not compete with the first paint.
    void (this.#inFlight ?? Promise.resolve())
      .then(() => (closed ? null : this.#client.invoke('services:watch', { context: ctx, namespace: null })))
      .then((r) => {
        if (!r?.ok) return;
        if (closed) void this.#client.invoke('services:unwatch', { watchId: r.value.watchId });
        else watchId = r.value.watchId;
      });
    const offs = [
      this.#client.on('forward:state-changed', (f) => {
        if (f.spec.context !== ctx) return;
        if (!changed(`forward/${f.id}`, `${f.state}|${f.pods.join(',')}|${f.pod}|${f.reason ?? ''}|${f.bindings.length}`)) return;
        // Recoloured at once (a reconnect can last milliseconds), then fetched for its new path.
        this.#recolour(`port-forward/${f.id}`, f.state === 'starting' ? 'active' : f.state);
        this.#schedule();
      }),
      this.#client.on('forward:removed', ({ id }) => {
        delete this.#seen[`forward/${id}`];
        if (this.topology?.nodes.some((n) => n.id === `port-forward/${id}`)) this.#schedule();
      }),
      this.#client.on('proxy:state-changed', (p) => {
        if (p.context === ctx && changed(`proxy/${p.context}`, `${p.state}|${p.address}`)) this.#schedule();
      }),
      this.#client.on('services:gateway-changed', (g) => {
        if (g.context === ctx && changed(`gateway/${g.id}`, g.state)) this.#schedule();
      }),
      this.#client.on('services:changed', (c) => {
        if (c.context === ctx && (c.upserted.length > 0 || c.removed.length > 0)) this.#schedule();
      }),
    ];
    return () => {
      closed = true;
      offs.forEach((off) => off());
      if (watchId !== null) void this.#client.invoke('services:unwatch', { watchId });
      if (this.#timer !== null) clearTimeout(this.#timer);
      this.#timer = null;
    };
  }

  /** Sets one node's status from an event, keeping the layout (electron/core/topology/laptop-hops.ts maps a forward's state the same way). */
  #recolour(id: string, status: TopologyStatus): void {
    const t = this.topology;
    const n = t?.nodes.find((x) => x.id === id);
    if (!t || !n || n.status === status) return;
    this.topology = { ...t, nodes: t.nodes.map((x) => (x === n ? { ...n, status } : x)) };
    this.view = toViewGraph(this.topology, this.expanded);
  }

  /** One re-fetch REFETCH_MS after the first of a burst of events (later ones join it). */
  #schedule(): void {
    if (this.#timer !== null) return;
    this.#timer = setTimeout(() => {
      this.#timer = null;
      void this.refresh();
    }, REFETCH_MS);
  }

  /** Runs a one-click action on a node (docs/topology.md: each node carries the action that uses it). */
  async act(node: TopologyNode, action: TopologyAction): Promise<void> {
    this.busy = node.id;
    this.actionError = null;
    this.notice = null;
    try {
      const r = await runAction({ client: this.#client, host: this.#host, context: this.context }, node, action);
      if (!r.ok) this.actionError = r.error;
      else {
        this.notice = r.value;
        // A started forward or proxy, a stopped forward: their events re-fetch too; this one makes sure.
        if (action !== 'copy-address' && action !== 'open-service') this.#schedule();
      }
    } finally {
      this.busy = null;
    }
  }

  #noteNamespaces(t: Topology): void {
    const all = [...this.namespaces, ...t.nodes.map((n) => n.namespace).filter((ns): ns is string => ns !== undefined)].sort();
    const unique = all.filter((ns, i) => i === 0 || ns !== all[i - 1]);
    if (unique.length !== this.namespaces.length) this.namespaces = unique;
  }
}
