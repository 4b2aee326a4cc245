// One service gateway (docs/service-gateway.md): a loopback HTTP listener whose origin belongs to
// one service port. Every request is checked (gateway-guard.ts), its path put under the service's
// proxy prefix (gateway-path.ts) and relayed with the connection's own credentials: the
// browser's `Authorization` and `Impersonate-*` never go up, so a page on the gateway can reach
// its service and nothing else. With a `forward`, the cleaned path goes to that port-forward
// instead (gateway-forward-relay.ts). Idle-out: no request or upgraded stream for `idleTimeoutMs`.
import { Agent, createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { GatewayInfo } from '../../../shared/contract/services.ts';
import type { ClusterConnection } from '../../cluster/cluster-connection.ts';
import { KubeDeskError } from '../../errors.ts';
import type { Disposable } from '../../lifecycle.ts';
import type { Logger } from '../../log.ts';
import { DEFAULT_HEADER_TIMEOUT_MS, DEFAULT_MAX_IDLE, limitIdleConnections } from '../../proxy/idle-connections.ts';
import { badRequest, forbidden, writePlain, writePlainToSocket, type PlainResponse } from '../../proxy/plain-response.ts';
import { DEFAULT_CONNECT_TIMEOUT_MS } from '../../proxy/proxy-options.ts';
import { ProxyStatsRecorder } from '../../proxy/proxy-stats.ts';
import type { RelayContext } from '../../proxy/relay-context.ts';
import { relayUpgrade } from '../../proxy/relay-upgrade.ts';
import { relayForwardHttp, relayForwardUpgrade, type ForwardRelay } from './gateway-forward-relay.ts';
import type { GatewayForward } from './gateway-forwards.ts';
import { checkGatewayRequest } from './gateway-guard.ts';
import { gatewayTarget, type GatewayTarget } from './gateway-path.ts';
import { relayGatewayHttp } from './gateway-relay.ts';
import type { GatewayService } from './gateway-service.ts';
import { InFlightList } from '../../http/in-flight-list.ts';

export interface GatewayServerOptions {
  conn: ClusterConnection;
  log: Logger;
  service: GatewayService;
  /** Relay through this port-forward rather than the apiserver's service proxy. */
  forward?: GatewayForward | undefined;
  /** The remembered port; another is picked when it is taken. 0: any. */
  port: number;
  /** 0: never idles out. */
  idleTimeoutMs: number;
  onIdle(): void;
  onStats(): void;
  now?: () => Date;
}

export interface GatewayServer extends Disposable {
  readonly port: number;
  /** `http://127.0.0.1:PORT/`. */
  readonly url: string;
  stats(): GatewayInfo['stats'];
  dispose(): Promise<void>;
}

/** Credentials a page may send never authenticate upstream: the connection's own always do. */
function dropClientCredentials(raw: string[]): void {
  for (let i = raw.length - 2; i >= 0; i -= 2) {
    const lower = raw[i]!.toLowerCase();
    if (lower === 'authorization' || lower.startsWith('impersonate-')) raw.splice(i, 2);
  }
}

function countHostHeaders(raw: readonly string[]): number {
  let n = 0;
  for (let i = 0; i < raw.length; i += 2) if (raw[i]!.toLowerCase() === 'host') n++;
  return n;
}

function listenOn(server: ReturnType<typeof createServer>, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (err: Error): void => reject(err);
    server.once('error', onError);
    server.listen({ port, host: '127.0.0.1' }, () => {
      server.off('error', onError);
      resolve();
    });
  });
}

export async function startGatewayServer(opts: GatewayServerOptions): Promise<GatewayServer> {
  const { conn, log, service } = opts;
  const now = opts.now ?? (() => new Date());
  const stats = new ProxyStatsRecorder(opts.onStats, now);
  const live = new InFlightList<{ destroy(): void }>();
  const links = { prefix: service.prefix, server: conn.server };
  let port = 0;
  let lastUsed: string | null = null;
  let idleTimer: NodeJS.Timeout | undefined;

  const armIdle = (): void => {
    clearTimeout(idleTimer);
    idleTimer = undefined;
    if (opts.idleTimeoutMs <= 0 || live.size > 0) return;
    idleTimer = setTimeout(opts.onIdle, opts.idleTimeoutMs);
    idleTimer.unref();
  };
  const ctx: RelayContext = {
    conn,
    log,
    stats,
    connectTimeoutMs: DEFAULT_CONNECT_TIMEOUT_MS,
    keepaliveMs: 0,
    proxyError: (message) =>
      log.warn('gateway: error while proxying request', { context: conn.context, service: service.name, error: message }),
    track: (resource) => {
      const untrack = live.add(resource);
      lastUsed = now().toISOString();
      armIdle();
      return () => {
        untrack();
        lastUsed = now().toISOString();
        armIdle();
        opts.onStats();
      };
    },
  };

  const decide = (req: IncomingMessage, upgrade: boolean): GatewayTarget | PlainResponse => {
    const method = req.method ?? 'GET';
    const refusal = checkGatewayRequest(port, { method, headers: req.headers, hostHeaders: countHostHeaders(req.rawHeaders) });
    const target = refusal === undefined ? gatewayTarget(opts.forward ? '' : service.prefix, req.url ?? '/') : undefined;
    if (target !== undefined) {
      dropClientCredentials(req.rawHeaders);
      return target;
    }
    stats.refused();
    log.debug('gateway: refused', { service: service.name, reason: refusal ?? 'path', method, upgrade });
    return refusal === undefined ? badRequest() : forbidden();
  };

  const agent = opts.forward ? new Agent({ keepAlive: true, maxFreeSockets: 16 }) : undefined;
  const relay: ForwardRelay | undefined =
    opts.forward && agent
      ? { ctx, forward: opts.forward, agent, what: `service "${service.namespace}/${service.name}" port ${service.number}` }
      : undefined;

  const server = createServer(
    {
      noDelay: true,
      requestTimeout: 0,
      headersTimeout: DEFAULT_HEADER_TIMEOUT_MS,
      keepAliveTimeout: 5_000,
    },
    (req: IncomingMessage, res: ServerResponse) => {
      const d = decide(req, false);
      if ('status' in d) writePlain(res, d);
      else if (relay) relayForwardHttp(relay, req, res, d);
      else relayGatewayHttp(ctx, links, req, res, d);
    },
  );
  const idle = limitIdleConnections(server, { timeoutMs: DEFAULT_HEADER_TIMEOUT_MS, maxIdle: DEFAULT_MAX_IDLE });
  server.on('upgrade', (req: IncomingMessage, socket: Socket, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    const d = decide(req, true);
    if ('status' in d) writePlainToSocket(socket, d);
    else if (relay) relayForwardUpgrade(relay, req, socket, head, d);
    else relayUpgrade(ctx, req, socket, head, { upstreamPath: d.path, upstreamQuery: d.query });
  });
  server.on('clientError', (_err: Error, socket: Socket) => {
    if (!socket.writable) return void socket.destroy();
    socket.end('HTTP/1.1 400 Bad Request\r\nContent-Type: text/plain; charset=utf-8\r\nConnection: close\r\n\r\n400 Bad Request');
  });

  try {
    await listenOn(server, opts.port).catch((err: NodeJS.ErrnoException) => {
      // The remembered port is taken (by another program, or another KubeDesk): take any other.
      if (err.code === 'EADDRINUSE' && opts.port !== 0) return listenOn(server, 0);
      throw err;
    });
  } catch (err) {
    idle.dispose();
    agent?.destroy();
    throw new KubeDeskError('internal', `gateway for service "${service.namespace}/${service.name}": listen: ${(err as Error).message}`);
  }
  port = (server.address() as AddressInfo).port;
  armIdle();
  log.info('gateway: listening', { context: conn.context, service: `${service.namespace}/${service.name}:${service.port}`, port });

  let disposed: Promise<void> | undefined;
  return {
    port,
    url: `http://127.0.0.1:${port}/`,
    stats: () => {
      const s = stats.snapshot();
      return { requests: s.requests, refused: s.refused, active: s.active, bytesIn: s.bytesIn, bytesOut: s.bytesOut, lastUsed };
    },
    dispose: () =>
      (disposed ??= new Promise<void>((resolve) => {
        clearTimeout(idleTimer);
        idle.dispose();
        agent?.destroy();
        server.close(() => resolve());
        server.closeAllConnections();
        live.destroyAll();
      }).then(() => log.info('gateway: stopped', { context: conn.context, service: service.name, port }))),
  };
}
