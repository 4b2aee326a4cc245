// The service gateways behind one-click Open (docs/service-gateway.md): one loopback origin per
// service port, started on demand, reused while it runs, on the port it had last time, closed
// after a while without use. `services:gateway-changed` reports each start, stop and (at most
// every 250 ms) stats change, as proxy/proxy-manager.ts does for proxies. `via: 'port-forward'`
// gives the gateway a port-forward of its own (gateway-forwards.ts), stopped with it.
import type { GatewayInfo, ServiceOpenRequest } from '../../../shared/contract/services.ts';
import type { ClusterConnection } from '../../cluster/cluster-connection.ts';
import type { Connect } from '../../cluster/connection-provider.ts';
import { KubeDeskError } from '../../errors.ts';
import type { EventBus } from '../../events.ts';
import type { Disposable } from '../../lifecycle.ts';
import type { Logger } from '../../log.ts';
import { parseServiceRef } from '../proxy-url.ts';
import type { GatewayForward, GatewayForwards } from './gateway-forwards.ts';
import { GatewayPorts } from './gateway-ports.ts';
import { startGatewayServer, type GatewayServer } from './gateway-server.ts';
import { resolveGatewayService, type GatewayService } from './gateway-service.ts';

export interface GatewayManagerDeps {
  connect: Connect;
  log: Logger;
  /** KUBEDESK_HOME: remembered gateway ports live here. */
  home: string;
  /** Emits `services:gateway-changed`. */
  events?: EventBus | undefined;
  /** Default 30 min; 0: never idles out (`kubedesk open`). */
  idleTimeoutMs?: number | undefined;
  /** Port-forwards for `via: 'port-forward'`; without them that `via` is refused. */
  forwards?: GatewayForwards | undefined;
}

type Via = GatewayInfo['via'];

const DEFAULT_IDLE_MS = 30 * 60_000;
const STATS_INTERVAL_MS = 250;

interface Entry {
  id: string;
  context: string;
  service: GatewayService;
  via: Via;
  forward: GatewayForward | undefined;
  server: GatewayServer;
  conn: ClusterConnection;
  since: string;
  timer: NodeJS.Timeout | undefined;
}

export class GatewayManager implements Disposable {
  #deps: GatewayManagerDeps;
  #ports: GatewayPorts;
  #entries = new Map<string, Entry>();
  #starting = new Map<string, Promise<GatewayInfo>>();
  #disposed = false;

  constructor(deps: GatewayManagerDeps) {
    this.#deps = deps;
    this.#ports = new GatewayPorts(deps.home);
  }

  get #idleMs(): number {
    return this.#deps.idleTimeoutMs ?? DEFAULT_IDLE_MS;
  }

  /**
   * Starts the service port's gateway, or returns the one running. An empty `context` is the current
   * one, an empty `namespace` the context's. Checks everything first: on failure nothing is left
   * listening, no forward is left and nothing is remembered.
   */
  async open(req: ServiceOpenRequest, signal?: AbortSignal): Promise<GatewayInfo> {
    if (this.#disposed) throw new KubeDeskError('cancelled', 'KubeDesk is shutting down');
    const via: Via = req.via ?? 'api-proxy';
    if (via !== 'api-proxy' && via !== 'port-forward')
      throw new KubeDeskError('invalid-input', `via "${String(via)}" is not one of: api-proxy, port-forward`);
    if (via === 'port-forward' && !this.#deps.forwards)
      throw new KubeDeskError('invalid-input', 'opening a service through a port-forward is not available here; use via "api-proxy"');
    const ref = parseServiceRef(req.service);
    const conn = await this.#deps.connect(req.context || undefined, signal);
    let keep = false;
    try {
      const namespace = req.namespace || conn.namespace || 'default';
      const service = await resolveGatewayService(conn, namespace, ref, signal);
      const id = `${conn.context}/${namespace}/${service.name}:${service.port}`;
      const running = this.#entries.get(id);
      if (running) return sameVia(this.#info(running, 'listening'), via);
      let starting = this.#starting.get(id);
      if (!starting) {
        keep = true;
        starting = this.#start(id, conn, service, via).finally(() => this.#starting.delete(id));
        this.#starting.set(id, starting);
      }
      return sameVia(await starting, via);
    } finally {
      if (!keep) conn.dispose();
    }
  }

  async #start(id: string, conn: ClusterConnection, service: GatewayService, via: Via): Promise<GatewayInfo> {
    let server: GatewayServer;
    let forward: GatewayForward | undefined;
    try {
      if (via === 'port-forward')
        forward = await this.#deps.forwards!.startEphemeral({
          context: conn.context,
          namespace: service.namespace,
          service: service.name,
          port: service.number,
        });
      server = await startGatewayServer({
        conn,
        log: this.#deps.log,
        service,
        forward,
        port: (await this.#ports.get(id)) ?? 0,
        idleTimeoutMs: this.#idleMs,
        onIdle: () => void this.#stop(id, 'idle').catch(() => undefined),
        onStats: () => this.#statsChanged(id),
      });
      await this.#ports.remember(id, server.port).catch((err: unknown) => {
        this.#deps.log.warn('gateway: could not remember its port', { id, error: (err as Error).message });
      });
    } catch (err) {
      await forward?.stop();
      conn.dispose();
      throw err;
    }
    if (this.#disposed) {
      await server.dispose();
      await forward?.stop();
      conn.dispose();
      throw new KubeDeskError('cancelled', 'KubeDesk is shutting down');
    }
    const entry: Entry = {
      id,
      context: conn.context,
      service,
      via,
      forward,
      server,
      conn,
      since: new Date().toISOString(),
      timer: undefined,
    };
    this.#entries.set(id, entry);
    const info = this.#info(entry, 'listening');
    this.#deps.events?.emit('services:gateway-changed', info);
    return info;
  }

  list(): GatewayInfo[] {
    return [...this.#entries.values()].sort((a, b) => a.id.localeCompare(b.id)).map((e) => this.#info(e, 'listening'));
  }

  async stop(id: string): Promise<void> {
    await this.#starting.get(id)?.catch(() => undefined);
    if (!this.#entries.has(id)) throw new KubeDeskError('not-found', `no gateway is running for "${id}"`);
    await this.#stop(id, 'user');
  }

  async #stop(id: string, why: 'user' | 'idle' | 'shutdown'): Promise<void> {
    const entry = this.#entries.get(id);
    if (!entry) return;
    this.#entries.delete(id);
    clearTimeout(entry.timer);
    await entry.server.dispose();
    await entry.forward?.stop();
    entry.conn.dispose();
    this.#deps.log.info('gateway: closed', { id, why });
    this.#deps.events?.emit('services:gateway-changed', this.#info(entry, 'stopped'));
  }

  #info(e: Entry, state: GatewayInfo['state']): GatewayInfo {
    return {
      id: e.id,
      context: e.context,
      namespace: e.service.namespace,
      service: e.service.name,
      port: e.service.port,
      via: e.via,
      state,
      url: e.server.url,
      since: e.since,
      idleTimeoutMs: this.#idleMs,
      stats: e.server.stats(),
    };
  }

  #statsChanged(id: string): void {
    const e = this.#entries.get(id);
    if (!e || e.timer) return;
    e.timer = setTimeout(() => {
      e.timer = undefined;
      if (this.#entries.get(id) === e) this.#deps.events?.emit('services:gateway-changed', this.#info(e, 'listening'));
    }, STATS_INTERVAL_MS);
    e.timer.unref();
  }

  async dispose(): Promise<void> {
    if (this.#disposed) return;
    this.#disposed = true;
    await Promise.allSettled([...this.#starting.values()]);
    await Promise.allSettled([...this.#entries.keys()].map((id) => this.#stop(id, 'shutdown')));
    // An open that was still connecting when dispose began remembers nothing now (its write is
    // refused and logged); one under way is on disk before this resolves.
    await this.#ports.dispose();
  }
}

/** One gateway per service port: opening it the other way is refused while it runs. */
function sameVia(info: GatewayInfo, via: Via): GatewayInfo {
  if (info.via === via) return info;
  throw new KubeDeskError('invalid-input', `the gateway for "${info.id}" runs via ${info.via}; stop it before opening it via ${via}`);
}
