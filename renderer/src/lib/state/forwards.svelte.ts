import type { ForwardInfo, ForwardSpecInput, KubeDeskClient, Result } from '../../../../electron/shared/ipc-contract.ts';
import { ListState } from './list-state.svelte.ts';

/** The forwards view's state: loaded through the contract, kept live by `forward:*` events. */
export class ForwardsState extends ListState<ForwardInfo> {
  active = $derived(this.items.filter((f) => f.state === 'active').length);
  contexts = $derived(unique(this.items.map((f) => f.spec.context)).sort());
  #client: KubeDeskClient;

  constructor(client: KubeDeskClient) {
    super({ idOf: (f) => f.id, load: () => client.invoke('forward:list', undefined) });
    this.#client = client;
  }

  /** Follows live changes; returns the unsubscribe (for an `$effect`). */
  follow(): () => void {
    const offChanged = this.#client.on('forward:state-changed', (info) => this.upsert(info));
    const offRemoved = this.#client.on('forward:removed', ({ id }) => this.remove(id));
    return () => {
      offChanged();
      offRemoved();
    };
  }

  /** Adds (and starts) a forward; true when it was saved, even if its start failed. */
  async add(spec: ForwardSpecInput, start = true): Promise<boolean> {
    const r = this.settle(await this.#client.invoke('forward:add', { spec, start }));
    if (r.ok) this.upsert(r.value);
    // A failed start still saved the forward; list again to show it.
    else if (r.error.code !== 'invalid-input') await this.#refreshKeepingError();
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

  /** Deletes the forward (the list's `remove` only drops a row). */
  async delete(id: string): Promise<boolean> {
    const r = await this.track(id, () => this.#client.invoke('forward:remove', { id }));
    if (r.ok) this.remove(id);
    return r.ok;
  }

  async startAll(context?: string): Promise<void> {
    const r = this.settle(await this.#client.invoke('forward:start-all', { context }));
    if (r.ok) r.value.forEach((i) => this.upsert(i));
  }

  async stopAll(context?: string): Promise<void> {
    const r = this.settle(await this.#client.invoke('forward:stop-all', { context }));
    if (r.ok) r.value.forEach((i) => this.upsert(i));
  }

  async #one(id: string, call: () => Promise<Result<ForwardInfo>>): Promise<boolean> {
    const r = await this.track(id, call);
    if (r.ok) this.upsert(r.value);
    // A failed start leaves the forward Failed: show it with its error.
    else await this.#refreshKeepingError();
    return r.ok;
  }

  async #refreshKeepingError(): Promise<void> {
    const error = this.error;
    await this.refresh();
    this.error = error;
  }
}

function unique(values: string[]): string[] {
  return values.filter((v, i) => values.indexOf(v) === i);
}
