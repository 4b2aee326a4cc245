import type { KubeDeskClient, ProxyInfo, ProxyStartRequest } from '../../../../electron/shared/ipc-contract.ts';
import { ListState } from './list-state.svelte.ts';

/** The API proxies view's state: one proxy per context, kept live by `proxy:state-changed`. */
export class ProxiesState extends ListState<ProxyInfo> {
  listening = $derived(this.items.filter((p) => p.state === 'listening').length);
  #client: KubeDeskClient;

  constructor(client: KubeDeskClient) {
    super({
      idOf: (p) => p.context,
      load: () => client.invoke('proxy:list', undefined),
      order: (a, b) => a.context.localeCompare(b.context),
    });
    this.#client = client;
  }

  /** Follows live changes; returns the unsubscribe (for an `$effect`). */
  follow(): () => void {
    return this.#client.on('proxy:state-changed', (info) => this.#apply(info));
  }

  async start(req: ProxyStartRequest): Promise<boolean> {
    const r = await this.track(req.context, () => this.#client.invoke('proxy:start', req));
    if (r.ok) this.#apply(r.value);
    return r.ok;
  }

  async stop(context: string): Promise<boolean> {
    const r = await this.track(context, () => this.#client.invoke('proxy:stop', { context }));
    if (r.ok) this.remove(context);
    return r.ok;
  }

  /**
   * A URL that opens the proxy in the user's browser, signed in: it carries a one-time code,
   * never the token. Undefined (and the error kept) when the proxy is gone.
   */
  async openUrl(context: string, path = '/api/'): Promise<string | undefined> {
    const r = this.settle(await this.#client.invoke('proxy:open-url', { context, path }));
    return r.ok ? r.value.url : undefined;
  }

  #apply(info: ProxyInfo): void {
    if (info.state === 'stopped') this.remove(info.context);
    else this.upsert(info);
  }
}
