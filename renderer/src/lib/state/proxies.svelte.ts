import type { IpcError, KubeDeskClient, ProxyInfo, ProxyStartRequest } from '../../../../electron/shared/ipc-contract.ts';

/** The API proxies view's state: one proxy per context, kept live by `proxy:state-changed`. */
export class ProxiesState {
  items = $state.raw<ProxyInfo[]>([]);
  error = $state<IpcError | null>(null);
  loading = $state(true);
  /** Contexts with a start/stop in flight (their buttons are disabled meanwhile). */
  busy = $state.raw<readonly string[]>([]);
  listening = $derived(this.items.filter((p) => p.state === 'listening').length);
  #client: KubeDeskClient;

  constructor(client: KubeDeskClient) {
    this.#client = client;
  }

  get(context: string): ProxyInfo | undefined {
    return this.items.find((p) => p.context === context);
  }

  async refresh(): Promise<void> {
    const r = await this.#client.invoke('proxy:list', undefined);
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
    return this.#client.on('proxy:state-changed', (info) => this.#apply(info));
  }

  async start(req: ProxyStartRequest): Promise<boolean> {
    this.#setBusy(req.context, true);
    const r = await this.#client.invoke('proxy:start', req);
    this.#setBusy(req.context, false);
    if (r.ok) this.#apply(r.value);
    this.error = r.ok ? null : r.error;
    return r.ok;
  }

  async stop(context: string): Promise<boolean> {
    this.#setBusy(context, true);
    const r = await this.#client.invoke('proxy:stop', { context });
    this.#setBusy(context, false);
    if (r.ok) this.items = this.items.filter((p) => p.context !== context);
    this.error = r.ok ? null : r.error;
    return r.ok;
  }

  #apply(info: ProxyInfo): void {
    if (info.state === 'stopped') {
      this.items = this.items.filter((p) => p.context !== info.context);
      return;
    }
    const i = this.items.findIndex((p) => p.context === info.context);
    this.items =
      i < 0 ? [...this.items, info].sort((a, b) => a.context.localeCompare(b.context)) : this.items.map((p, j) => (j === i ? info : p));
  }

  #setBusy(context: string, on: boolean): void {
    this.busy = on ? [...this.busy, context] : this.busy.filter((c) => c !== context);
  }
}
