// One local API proxy: `kubectl proxy` for one ClusterConnection (docs/proxy.md), with KubeDesk's
// hardening (docs/security.md). Node's http server and client directly, not a proxy library: the
// behaviours kubectl pins down (kubectl's error bodies, refusing upgrades before dialing, classifying the
// upgrade answer, one 401 retry with the body replayed, per-chunk relay and byte counts) are
// exactly the parts a library abstracts away, and the cluster's own keep-alive agent is used.
import { chmodSync, lstatSync, unlinkSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { ClusterConnection } from '../cluster/cluster-connection.ts';
import { KubeDeskError } from '../errors.ts';
import type { Disposable } from '../lifecycle.ts';
import type { Logger } from '../log.ts';
import type { ProxyStats } from '../../shared/contract/proxy.ts';
import { DEFAULT_HEADER_TIMEOUT_MS, DEFAULT_MAX_IDLE, limitIdleConnections } from './idle-connections.ts';
import { CODE_QUERY, LaunchCodes } from '../security/launch-codes.ts';
import { writePlain, writePlainToSocket } from './plain-response.ts';
import { DEFAULT_CONNECT_TIMEOUT_MS, normalizeApiPrefix, normalizeListenAddress, type ProxyOptions } from './proxy-options.ts';
import { ProxyStatsRecorder } from './proxy-stats.ts';
import { compileRegexList } from './regex-list.ts';
import { compileRequestFilter } from './request-filter.ts';
import { relayHttp, type HttpRelayContext } from './relay-http.ts';
import { relayUpgrade } from './relay-upgrade.ts';
import { UpstreamPools } from './upstream-pool.ts';
import { decideRequest, type PipelineConfig, type PipelineDecision } from './request-pipeline.ts';
import { InFlightList } from '../http/in-flight-list.ts';

export interface ProxyServerDeps {
  connection: ClusterConnection;
  log: Logger;
  /** Called with kubectl's `Error while proxying request: …` text (the CLI prints it on stderr). */
  onProxyError?: (line: string) => void;
  /** Called whenever the stats change (the manager throttles). */
  onStats?: () => void;
  now?: () => Date;
  /** H9 limits (tests shorten them): header timeout and idle-connection cap. */
  idle?: { timeoutMs?: number; maxIdle?: number } | undefined;
  /** One-time launch codes' lifetime (tests shorten it). */
  codeTtlMs?: number | undefined;
}

export interface ProxyServer extends Disposable {
  /** The bound socket as kubectl's ready line prints it: `127.0.0.1:8001`, `[::1]:8001`, or the socket path. */
  readonly address: string;
  /** The bound TCP port; 0 on a Unix socket. */
  readonly port: number;
  /** `http://127.0.0.1:8001/`; empty on a Unix socket. */
  readonly url: string;
  /**
   * A URL to open in a browser: with a token, it carries a one-time `kubedesk_code` that the proxy
   * swaps once for its cookie, so the token itself never reaches a browser's argv or history.
   */
  launchUrl(path?: string): string;
  stats(): ProxyStats;
  dispose(): Promise<void>;
}

function countHostHeaders(raw: readonly string[]): number {
  let n = 0;
  for (let i = 0; i < raw.length; i += 2) if (raw[i]!.length === 4 && raw[i]!.toLowerCase() === 'host') n++;
  return n;
}

function formatBound(addr: AddressInfo | string | null): { address: string; port: number; url: string } {
  if (addr === null) return { address: '', port: 0, url: '' };
  if (typeof addr === 'string') return { address: addr, port: 0, url: '' };
  const host = addr.family === 'IPv6' ? `[${addr.address}]` : addr.address;
  return { address: `${host}:${addr.port}`, port: addr.port, url: `http://${host}:${addr.port}/` };
}

function listenError(err: NodeJS.ErrnoException, where: string): KubeDeskError {
  if (err.code === 'EADDRINUSE') return new KubeDeskError('port-in-use', `listen tcp ${where}: bind: address already in use`);
  if (err.code === 'EACCES') return new KubeDeskError('invalid-input', `listen ${where}: bind: permission denied`);
  if (err.code === 'EADDRNOTAVAIL') return new KubeDeskError('invalid-input', `listen tcp ${where}: bind: cannot assign requested address`);
  return new KubeDeskError('invalid-input', `listen ${where}: ${err.message}`);
}

function removeStaleSocket(path: string): void {
  try {
    if (lstatSync(path).isSocket()) unlinkSync(path);
  } catch {}
}

export async function startProxyServer(deps: ProxyServerDeps, options: ProxyOptions): Promise<ProxyServer> {
  const { log } = deps;
  const address = normalizeListenAddress(options.address);
  const unixSocket = options.unixSocket;
  const filter = compileRequestFilter(options);
  const acceptOrigins = compileRegexList('accept-origins', options.acceptOrigins ?? '');
  const stats = new ProxyStatsRecorder(deps.onStats, deps.now);
  const live = new InFlightList<{ destroy(): void }>();

  const codes = options.token !== undefined ? new LaunchCodes({ ttlMs: deps.codeTtlMs }) : undefined;
  const cfg: PipelineConfig = {
    prefix: normalizeApiPrefix(options.apiPrefix),
    filter: options.disableFilter ? undefined : filter,
    guard: { acceptHosts: filter.acceptHosts, acceptOrigins, port: undefined, checkHost: !options.disableFilter },
    token: options.token,
    codes,
  };
  const connectTimeoutMs = options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
  const upstream = new UpstreamPools(connectTimeoutMs);
  const ctx: HttpRelayContext = {
    conn: deps.connection,
    log,
    stats,
    connectTimeoutMs,
    upstream,
    keepaliveMs: options.keepaliveMs ?? 0,
    proxyError: (message) => {
      log.warn('proxy: error while proxying request', { context: deps.connection.context, error: message });
      deps.onProxyError?.(`Error while proxying request: ${message}`);
    },
    track: (resource) => live.add(resource),
  };

  const decide = (req: IncomingMessage, isUpgrade: boolean): PipelineDecision => {
    const d = decideRequest(cfg, {
      method: req.method ?? 'GET',
      url: req.url ?? '/',
      headers: req.headers,
      hostHeaders: countHostHeaders(req.rawHeaders),
      isUpgrade,
    });
    if (d.kind === 'respond') {
      stats.refused();
      // Never the query (it may hold the token) nor any header.
      log.debug('proxy: answered locally', { reason: d.reason, status: d.response.status, method: req.method, upgrade: isUpgrade });
    }
    return d;
  };

  const headerTimeoutMs = deps.idle?.timeoutMs ?? DEFAULT_HEADER_TIMEOUT_MS;
  const server = createServer(
    {
      noDelay: true,
      // Bodies and responses may last for ever (watches, follow logs, uploads): no request timeout.
      // With requestTimeout 0 Node defaults headersTimeout to 0 too (off), so it is set here.
      requestTimeout: 0,
      headersTimeout: headerTimeoutMs,
      connectionsCheckingInterval: Math.min(30_000, Math.max(10, Math.floor(headerTimeoutMs / 4))),
      keepAliveTimeout: Math.min(30_000, headerTimeoutMs),
      // A request that declares no body (most GETs) starts already ended: no stream events for
      // an empty body (Node ≥ 24.12; older Node ignores it). ~3 µs less per request, measured.
      optimizeEmptyRequests: true,
    },
    (req: IncomingMessage, res: ServerResponse) => {
      const d = decide(req, false);
      if (d.kind === 'respond') writePlain(res, d.response);
      else relayHttp(ctx, req, res, d);
    },
  );
  const idle = limitIdleConnections(server, { timeoutMs: headerTimeoutMs, maxIdle: deps.idle?.maxIdle ?? DEFAULT_MAX_IDLE });
  server.on('upgrade', (req: IncomingMessage, socket: Socket, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    const d = decide(req, true);
    if (d.kind === 'respond') writePlainToSocket(socket, d.response);
    else relayUpgrade(ctx, req, socket, head, d);
  });
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Socket) => {
    // Headers too slow (Node's headersTimeout): close, as Go's ReadHeaderTimeout does.
    if (!socket.writable || err.code === 'ECONNRESET' || err.code === 'ERR_HTTP_REQUEST_TIMEOUT') return void socket.destroy();
    socket.end('HTTP/1.1 400 Bad Request\r\nContent-Type: text/plain; charset=utf-8\r\nConnection: close\r\n\r\n400 Bad Request');
  });

  const where = unixSocket ?? `${address.includes(':') ? `[${address}]` : address}:${options.port}`;
  await new Promise<void>((resolve, reject) => {
    const onError = (err: NodeJS.ErrnoException): void => {
      idle.dispose();
      reject(listenError(err, where));
    };
    server.once('error', onError);
    const listening = (): void => {
      server.off('error', onError);
      resolve();
    };
    if (unixSocket !== undefined) {
      removeStaleSocket(unixSocket);
      // H7: only the user may connect (kubectl: umask 077 around the listen).
      const old = process.umask(0o077);
      try {
        server.listen({ path: unixSocket }, listening);
      } finally {
        process.umask(old);
      }
    } else {
      server.listen({ port: options.port, host: address }, listening);
    }
  });
  if (unixSocket !== undefined) chmodSync(unixSocket, 0o600);
  const bound = formatBound(server.address());
  cfg.guard.port = unixSocket !== undefined ? undefined : bound.port;
  log.info('proxy: listening', { context: deps.connection.context, address: bound.address });

  let disposed: Promise<void> | undefined;
  return {
    address: bound.address,
    port: bound.port,
    url: bound.url,
    launchUrl: (path = '/') => {
      // Only the path and query are taken from `path`: the code never goes to another origin.
      const wanted = new URL(path, 'http://localhost/');
      const url = new URL(bound.url || 'http://localhost/');
      url.pathname = wanted.pathname;
      url.search = wanted.search;
      if (codes !== undefined) url.searchParams.set(CODE_QUERY, codes.issue());
      return url.href;
    },
    stats: () => stats.snapshot(),
    dispose: () =>
      (disposed ??= new Promise<void>((resolve) => {
        idle.dispose();
        server.close(() => resolve());
        server.closeAllConnections();
        live.destroyAll();
      })
        .then(() => upstream.dispose())
        .then(() => {
        if (unixSocket !== undefined) removeStaleSocket(unixSocket);
        log.info('proxy: stopped', { context: deps.connection.context });
      })),
  };
}
