import type { ForwardInfo, ForwardSpecInput, IpcError, KubeDeskClient, Result } from '../../../../electron/shared/ipc-contract.ts';

/** The forwards view's state: loaded through the contract, kept live by `forward:*` events. */
export class ForwardsState {
  items = $state.raw<ForwardInfo[]>([]);
  error = $state<IpcError | null>(null);
  loading = $state(true);
  /** Ids with a request in flight (buttons disabled meanwhile). */
  busy = $state.raw<readonly string[]>([]);
  active = $derived(this.items.filter((f) => f.state === 'active').length);
  contexts = $derived(unique(this.items.map((f) => f.spec.context)).sort());
  #client: KubeDeskClient;

  constructor(client: KubeDeskClient) {
    this.#client = client;
  }

  async refresh(): Promise<void> {
    const r = await this.#client.invoke('forward:list', undefined);
    this.loading = false;
    if (r.ok) {
      this.items = r.value;
      this.error = null;
    } else {
      this.error = r.error;
    }
  }

  /** Follows live changes; returns the unsubscribe (for an `$effect`). */
  follow(): () => void {
    const offChanged = this.#client.on('forward:state-changed', (info) => this.#upsert(info));
    const offRemoved = this.#client.on('forward:removed', ({ id }) => {
      this.items = this.items.filter((f) => f.id !== id);
    });
    return () => {
      offChanged();
      offRemoved();
    };
  }

  /** Adds (and starts) a forward; true when it was saved, even if its start failed. */
  async add(spec: ForwardSpecInput, start = true): Promise<boolean> {
    const r = await this.#client.invoke('forward:add', { spec, start });
    if (r.ok) this.#upsert(r.value);
    this.error = r.ok ? null : r.error;
    // A failed start still saved the forward; list again to show it.
    if (!r.ok && r.error.code !== 'invalid-input') await this.refresh().then(() => (this.error = r.error));
    return r.ok || r.error.code !== 'invalid-input';
  }

  update(id: string, spec: ForwardSpecInput): Promise<boolean> {
    return this.#one(id, () => this.#client.invoke('forward:update', { id, spec }));
  }

  start(id: string): Promise<boolean> {
    return this.#one(id, () => this.#client.invoke('forward:start', { id }));
  }

  stop(id: string): Promise<boolean> {
    return this.#one(id, () => this.#client.invoke('forward:stop', { id }));
  }

  async remove(id: string): Promise<boolean> {
    this.#setBusy(id, true);
    const r = await this.#client.invoke('forward:remove', { id });
    this.#setBusy(id, false);
    if (r.ok) this.items = this.items.filter((f) => f.id !== id);
    this.error = r.ok ? null : r.error;
    return r.ok;
  }

  async startAll(context?: string): Promise<void> {
    const r = await this.#client.invoke('forward:start-all', { context });
    if (r.ok) r.value.forEach((i) => this.#upsert(i));
    this.error = r.ok ? null : r.error;
  }

  async stopAll(context?: string): Promise<void> {
    const r = await this.#client.invoke('forward:stop-all', { context });
    if (r.ok) r.value.forEach((i) => this.#upsert(i));
    this.error = r.ok ? null : r.error;
  }

  async #one(id: string, call: () => Promise<Result<ForwardInfo>>): Promise<boolean> {
    this.#setBusy(id, true);
    const r = await call();
    this.#setBusy(id, false);
    if (r.ok) this.#upsert(r.value);
    this.error = r.ok ? null : r.error;
    // A failed start leaves the forward Failed: show it with its error.
    if (!r.ok) await this.refresh().then(() => (this.error = r.error));
    return r.ok;
  }

  #setBusy(id: string, on: boolean): void {
    this.busy = on ? [...this.busy, id] : this.busy.filter((x) => x !== id);
  }

  #upsert(info: ForwardInfo): void {
    const i = this.items.findIndex((f) => f.id === info.id);
    this.items = i < 0 ? [...this.items, info] : this.items.map((f) => (f.id === info.id ? info : f));
  }
}

function unique(values: string[]): string[] {
  return values.filter((v, i) => values.indexOf(v) === i);
}
