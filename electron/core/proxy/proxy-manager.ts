// Many proxies at once: one per context, each on its own port, started and stopped from the
// UI, with live state pushed as `proxy:state-changed`. The core here depends only on an injected
// `connect` (the ConnectionProvider's); each proxy requires the per-launch token unless the user
// turns it off (proxy-token-policy.ts), and the browser gets in with a one-time launch code.
import type { ProxyInfo, ProxyStartRequest } from '../../shared/contract/proxy.ts';
import type { ClusterConnection } from '../cluster/cluster-connection.ts';
import type { Connect } from '../cluster/connection-provider.ts';
import { KubeDeskError } from '../errors.ts';
import type { EventBus } from '../events.ts';
import type { Disposable } from '../lifecycle.ts';
import type { Logger } from '../log.ts';
import { newLaunchToken } from '../security/launch-token.ts';
import { defaultProxyOptions } from './proxy-options.ts';
import { startProxyServer, type ProxyServer, type ProxyServerDeps } from './proxy-server.ts';
import { decideProxyToken } from './proxy-token-policy.ts';

export interface ProxyManagerDeps {
  connect: Connect;
  events: EventBus;
  log: Logger;
  now?: () => Date;
  /** At most one stats event per proxy per this many ms (default 250). */
  statsIntervalMs?: number;
  /** Passed to each proxy server (tests shorten its limits). */
  server?: Pick<ProxyServerDeps, 'idle' | 'codeTtlMs'>;
}

interface Entry {
  server: ProxyServer;
  conn: ClusterConnection;
  token: string | undefined;
  since: string;
  timer: NodeJS.Timeout | undefined;
}

/** The apiserver URL for display: never a `user:password@` a kubeconfig may carry. */
function withoutUserinfo(server: URL): string {
  const u = new URL(server.href);
  u.username = '';
  u.password = '';
  return u.href;
}

export class ProxyManager implements Disposable {
  #deps: ProxyManagerDeps;
  #entries = new Map<string, Entry>();
  #starting = new Map<string, Promise<ProxyInfo>>();
  #disposed = false;

  constructor(deps: ProxyManagerDeps) {
    this.#deps = deps;
  }

  list(): ProxyInfo[] {
    return [...this.#entries.keys()].sort().map((c) => this.#info(c, 'listening'));
  }

  get(context: string): ProxyInfo | undefined {
    return this.#entries.has(context) ? this.#info(context, 'listening') : undefined;
  }

  /** Starts the context's proxy, or returns the one already running (whatever its options). */
  start(req: ProxyStartRequest): Promise<ProxyInfo> {
    if (this.#disposed) return Promise.reject(new KubeDeskError('cancelled', 'KubeDesk is shutting down'));
    if (this.#entries.has(req.context)) return Promise.resolve(this.#info(req.context, 'listening'));
    let p = this.#starting.get(req.context);
    if (!p) {
      p = this.#start(req).finally(() => this.#starting.delete(req.context));
      this.#starting.set(req.context, p);
    }
    return p;
  }

  async #start(req: ProxyStartRequest): Promise<ProxyInfo> {
    const conn = await this.#deps.connect(req.context);
    const listen = { port: req.port ?? 0, address: req.address ?? '127.0.0.1' };
    const token = decideProxyToken('app', { ...listen, asked: req.token }).required ? newLaunchToken() : undefined;
    let server: ProxyServer;
    try {
      server = await startProxyServer(
        {
          ...this.#deps.server,
          connection: conn,
          log: this.#deps.log,
          onStats: () => this.#statsChanged(req.context),
          now: this.#deps.now,
        },
        defaultProxyOptions({ ...listen, token }),
      );
    } catch (err) {
      conn.dispose();
      throw err;
    }
    if (this.#disposed) {
      await server.dispose();
      conn.dispose();
      throw new KubeDeskError('cancelled', 'KubeDesk is shutting down');
    }
    this.#entries.set(req.context, { server, conn, token, since: (this.#deps.now?.() ?? new Date()).toISOString(), timer: undefined });
    const info = this.#info(req.context, 'listening');
    this.#deps.events.emit('proxy:state-changed', info);
    return info;
  }

  async stop(context: string): Promise<void> {
    await this.#starting.get(context)?.catch(() => undefined);
    const entry = this.#entries.get(context);
    if (!entry) throw new KubeDeskError('not-found', `no proxy is running for context "${context}"`);
    const info = this.#info(context, 'stopped');
    this.#entries.delete(context);
    clearTimeout(entry.timer);
    await entry.server.dispose();
    entry.conn.dispose();
    this.#deps.events.emit('proxy:state-changed', { ...info, stats: entry.server.stats() });
  }

  /**
   * A URL for the user's browser: when the proxy needs the token, it carries a one-time code the
   * proxy swaps once for its cookie (launch-codes.ts). The token itself never crosses IPC.
   */
  openUrl(context: string, path = '/'): string {
    const entry = this.#entries.get(context);
    if (!entry) throw new KubeDeskError('not-found', `no proxy is running for context "${context}"`);
    return entry.server.launchUrl(path);
  }

  #info(context: string, state: ProxyInfo['state']): ProxyInfo {
    const e = this.#entries.get(context)!;
    return {
      context,
      state,
      address: e.server.address,
      port: e.server.port,
      url: e.server.url,
      server: withoutUserinfo(e.conn.server),
      tokenRequired: e.token !== undefined,
      since: e.since,
      stats: e.server.stats(),
    };
  }

  #statsChanged(context: string): void {
    const e = this.#entries.get(context);
    if (!e || e.timer) return;
    e.timer = setTimeout(() => {
      e.timer = undefined;
      if (this.#entries.get(context) === e) this.#deps.events.emit('proxy:state-changed', this.#info(context, 'listening'));
    }, this.#deps.statsIntervalMs ?? 250);
    e.timer.unref();
  }

  async dispose(): Promise<void> {
    if (this.#disposed) return;
    this.#disposed = true;
    await Promise.allSettled([...this.#starting.values()]);
    await Promise.allSettled([...this.#entries.keys()].map((c) => this.stop(c)));
  }
}
