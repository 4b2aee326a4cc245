// The tray's view of the core: the lists it starts from and the events that keep them current
// (forward:state-changed, forward:removed, proxy:state-changed, services:gateway-changed), and the
// actions its menu runs. Plain Node: tests drive it with a real core.
import type { Handlers } from '../core/api/dispatch.ts';
import type { EventBus } from '../core/events.ts';
import type { Disposable } from '../core/lifecycle.ts';
import type { ForwardInfo } from '../shared/contract/forward.ts';
import type { ProxyInfo } from '../shared/contract/proxy.ts';
import type { GatewayInfo } from '../shared/contract/services.ts';
import type { TrayAction, TraySnapshot } from './tray-model.ts';

export interface TrayCore {
  handlers: Handlers;
  events: EventBus;
}

export class TrayState implements Disposable {
  readonly #forwards = new Map<string, ForwardInfo>();
  readonly #proxies = new Map<string, ProxyInfo>();
  readonly #gateways = new Map<string, GatewayInfo>();
  readonly #offs: Array<() => void>;
  readonly #controller = new AbortController();
  readonly #core: TrayCore;
  readonly #onChange: (snapshot: TraySnapshot) => void;

  constructor(core: TrayCore, onChange: (snapshot: TraySnapshot) => void) {
    this.#core = core;
    this.#onChange = onChange;
    const changed = (): void => onChange(this.snapshot());
    this.#offs = [
      core.events.on('forward:state-changed', (f) => (this.#forwards.set(f.id, f), changed())),
      core.events.on('forward:removed', ({ id }) => (this.#forwards.delete(id), changed())),
      core.events.on('proxy:state-changed', (p) => (this.#proxies.set(p.context, p), changed())),
      core.events.on('services:gateway-changed', (g) => (this.#gateways.set(g.id, g), changed())),
    ];
  }

  /** Reads the current lists (after subscribing, so nothing between the two is lost). */
  async load(): Promise<void> {
    const signal = this.#controller.signal;
    const [forwards, proxies, gateways] = await Promise.all([
      this.#core.handlers['forward:list'](undefined, signal),
      this.#core.handlers['proxy:list'](undefined, signal),
      this.#core.handlers['services:gateways'](undefined, signal),
    ]);
    for (const f of forwards) if (!this.#forwards.has(f.id)) this.#forwards.set(f.id, f);
    for (const p of proxies) if (!this.#proxies.has(p.context)) this.#proxies.set(p.context, p);
    for (const g of gateways) if (!this.#gateways.has(g.id)) this.#gateways.set(g.id, g);
    this.#onChange(this.snapshot());
  }

  snapshot(): TraySnapshot {
    return { forwards: [...this.#forwards.values()], proxies: [...this.#proxies.values()], gateways: [...this.#gateways.values()] };
  }

  dispose(): void {
    this.#controller.abort();
    for (const off of this.#offs) off();
  }
}

export interface TrayActionDeps {
  handlers: Handlers;
  openExternal(url: string): void;
  showWindow(): void;
  quit(): void;
}

/** Runs a tray menu choice against the core; errors surface in the forward's own state. */
export async function runTrayAction(deps: TrayActionDeps, action: TrayAction, signal: AbortSignal): Promise<void> {
  const h = deps.handlers;
  switch (action.kind) {
    case 'show-window':
      return deps.showWindow();
    case 'quit':
      return deps.quit();
    case 'open-url':
      return deps.openExternal(action.url);
    case 'forward-start':
      await h['forward:start']({ id: action.id }, signal);
      return;
    case 'forward-stop':
      await h['forward:stop']({ id: action.id }, signal);
      return;
    case 'forward-stop-all':
      await h['forward:stop-all']({}, signal);
      return;
    case 'proxy-open':
      // A one-time launch code, never the proxy's token (docs/security.md, H6).
      return deps.openExternal((await h['proxy:open-url']({ context: action.context }, signal)).url);
    case 'proxy-stop':
      return h['proxy:stop']({ context: action.context }, signal);
    case 'gateway-stop':
      return h['services:stop-gateway']({ id: action.id }, signal);
    default: {
      const never: never = action;
      throw new Error(`unknown tray action ${(never as { kind: string }).kind}`);
    }
  }
}
