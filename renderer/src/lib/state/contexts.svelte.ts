import type {
  AddClusterRequest,
  ContextDetail,
  ContextHealth,
  ContextSummary,
  ExecPrompt,
  ImportPreviewEntry,
  IpcError,
  KubeDeskClient,
  SourceProblem,
} from '../../../../electron/shared/ipc-contract.ts';

export type ContextStatus = 'error' | 'warning' | 'ok' | 'unreachable' | 'checking' | 'unknown';

/** The clusters view's state: loaded through the contract, kept live by `contexts:changed`. */
export class ContextsState {
  items = $state.raw<ContextSummary[]>([]);
  problems = $state.raw<SourceProblem[]>([]);
  files = $state.raw<string[]>([]);
  store = $state<string | undefined>(undefined);
  error = $state<IpcError | null>(null);
  loading = $state(true);
  /** Health per context name, from `contexts:health`. */
  health = $state.raw<Record<string, ContextHealth>>({});
  checking = $state.raw<string[]>([]);
  /** Exec plugin prompts (device-code logins) since the last dismiss. */
  prompts = $state.raw<ExecPrompt[]>([]);
  /** The credential plugin waiting for a line from the user (a device-code login), if any. */
  asking = $state.raw<ExecPrompt | null>(null);
  /** The current ask was answered; cleared when the plugin writes more (it asks again). */
  answered = $state(false);
  selected = $state<string | null>(null);
  detail = $state.raw<ContextDetail | null>(null);
  busy = $state(false);
  current = $derived(this.items.find((c) => c.current) ?? null);
  /**
   * Problems shown once each in the banner (a user shared by contexts reports once). A context's
   * own error (a missing user, a plugin not installed) is on its row instead, as a badge.
   */
  banners = $derived(
    this.problems.filter(
      (p, i, all) => !(p.field !== undefined && p.level !== 'warning') && all.findIndex((q) => q.message === p.message) === i,
    ),
  );
  #client: KubeDeskClient;

  constructor(client: KubeDeskClient) {
    this.#client = client;
  }

  async refresh(): Promise<void> {
    const r = await this.#client.invoke('contexts:list', undefined);
    this.loading = false;
    if (r.ok) {
      this.#apply(r.value);
      this.error = null;
    } else {
      this.error = r.error;
    }
  }

  #apply(snap: { contexts: ContextSummary[]; problems: SourceProblem[]; files: string[]; store?: string }): void {
    this.items = snap.contexts;
    this.problems = snap.problems;
    this.files = snap.files;
    this.store = snap.store;
    if (this.selected && !snap.contexts.some((c) => c.name === this.selected)) this.select(null);
    else if (this.selected) void this.#loadDetail(this.selected);
  }

  /** Follows live changes and plugin prompts; returns the unsubscribe (for an `$effect`). */
  follow(): () => void {
    const offs = [
      this.#client.on('contexts:changed', (snap) => {
        this.#apply(snap);
        this.error = null;
      }),
      this.#client.on('contexts:exec-prompt', (p) => {
        if (p.id === undefined) {
          this.prompts = [...this.prompts, p].slice(-20);
        } else if (p.done) {
          if (this.asking?.id === p.id) this.asking = null;
        } else {
          if (this.asking?.id !== p.id || this.asking.text !== p.text) this.answered = false;
          this.asking = p;
        }
      }),
    ];
    return () => offs.forEach((off) => off());
  }

  status(name: string): ContextStatus {
    if (this.checking.includes(name)) return 'checking';
    const mine = this.problems.filter((p) => p.context === name);
    if (mine.some((p) => p.level !== 'warning')) return 'error';
    const h = this.health[name];
    if (h && !h.reachable) return 'unreachable';
    if (mine.length > 0) return 'warning';
    return h ? 'ok' : 'unknown';
  }

  problemsOf(name: string): SourceProblem[] {
    return this.problems.filter((p) => p.context === name);
  }

  select(name: string | null): void {
    this.selected = name;
    this.detail = null;
    if (name) void this.#loadDetail(name);
  }

  async #loadDetail(name: string): Promise<void> {
    const r = await this.#client.invoke('contexts:detail', { name });
    if (this.selected !== name) return;
    if (r.ok) this.detail = r.value;
    else this.error = r.error;
  }

  async check(name: string): Promise<void> {
    if (this.checking.includes(name)) return;
    this.checking = [...this.checking, name];
    const r = await this.#client.invoke('contexts:health', { name });
    this.checking = this.checking.filter((n) => n !== name);
    if (r.ok) this.health = { ...this.health, [name]: r.value };
    else this.error = r.error;
  }

  dismissPrompts(): void {
    this.prompts = [];
  }

  /** Sends the user's line to the waiting plugin's stdin. The text is not kept here. */
  async answer(text: string): Promise<void> {
    const ask = this.asking;
    if (!ask?.id) return;
    this.answered = true;
    const r = await this.#client.invoke('contexts:exec-answer', { id: ask.id, text });
    if (!r.ok) {
      this.error = r.error;
      if (this.asking?.id === ask.id) this.asking = null;
    }
  }

  /** Hides the dialog; the plugin keeps waiting until whatever started it gives up. */
  dismissAsk(): void {
    this.asking = null;
  }

  /** Runs a change; its error lands in `error` (the view shows one banner), success clears it. */
  async #run<T>(
    fn: () => Promise<{ ok: true; value: T } | { ok: false; error: IpcError }>,
  ): Promise<{ ok: true; value: T } | { ok: false }> {
    this.busy = true;
    try {
      const r = await fn();
      if (!r.ok) {
        this.error = r.error;
        return { ok: false };
      }
      this.error = null;
      return r;
    } finally {
      this.busy = false;
    }
  }

  /** What a pasted or dropped kubeconfig holds. */
  async preview(yaml: string): Promise<ImportPreviewEntry[] | undefined> {
    const r = await this.#run(() => this.#client.invoke('contexts:preview', { yaml }));
    return r.ok ? r.value : undefined;
  }

  async importYaml(yaml: string, names?: string[]): Promise<string[] | undefined> {
    const r = await this.#run(() => this.#client.invoke('contexts:import', names ? { yaml, names } : { yaml }));
    if (!r.ok) return undefined;
    await this.refresh();
    return r.value.imported;
  }

  async add(req: AddClusterRequest): Promise<boolean> {
    return this.#change(() => this.#client.invoke('contexts:add', req));
  }

  use(name: string): Promise<boolean> {
    return this.#change(() => this.#client.invoke('contexts:use', { name }));
  }

  async rename(from: string, to: string): Promise<boolean> {
    const ok = await this.#change(() => this.#client.invoke('contexts:rename', { from, to }));
    if (ok && this.selected === from) this.select(to);
    return ok;
  }

  async remove(name: string): Promise<boolean> {
    const ok = await this.#change(() => this.#client.invoke('contexts:remove', { name }));
    if (ok && this.selected === name) this.select(null);
    return ok;
  }

  /** Starts the built-in demo cluster (offered when there is no cluster at all). */
  startDemo(): Promise<boolean> {
    return this.#change(() => this.#client.invoke('demo:start', undefined));
  }

  async #change<T>(fn: () => Promise<{ ok: true; value: T } | { ok: false; error: IpcError }>): Promise<boolean> {
    const r = await this.#run(fn);
    if (r.ok) await this.refresh();
    return r.ok;
  }
}
