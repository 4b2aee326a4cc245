// Where a forwarded request goes: the kubeconfig server URL with its path kept (docs/proxy.md, Flags:
// --append-server-path, always on in KubeDesk), then the request path and raw query.
import { request as httpRequest, type ClientRequest, type IncomingMessage, type RequestOptions } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { AuthHeaders, ClusterConnection } from '../cluster/cluster-connection.ts';
import { buildUpstreamHeaders } from './upstream-headers.ts';

/** What every request to one server URL needs from it, worked out once per URL (not per request). */
interface Endpoint {
  https: boolean;
  protocol: string;
  /** Without IPv6 brackets, as `http.request` takes it. */
  hostname: string;
  port: string | number;
  /** The server URL's path without trailing slashes. */
  base: string;
}

const endpoints = new WeakMap<URL, Endpoint>();

function endpointOf(server: URL): Endpoint {
  let e = endpoints.get(server);
  if (!e) {
    const https = server.protocol === 'https:';
    e = {
      https,
      protocol: server.protocol,
      hostname: server.hostname.replace(/^\[|\]$/g, ''),
      port: server.port || (https ? 443 : 80),
      base: server.pathname.replace(/\/+$/, ''),
    };
    endpoints.set(server, e);
  }
  return e;
}

export function upstreamPathFor(server: URL, path: string, query: string): string {
  const base = endpointOf(server).base;
  const joined = path.startsWith('/') ? base + path : `${base}/${path}`;
  return query ? `${joined}?${query}` : joined;
}

/** Opens a request to the apiserver on the connection's keep-alive agent (TLS settings, client cert). */
function requestUpstream(
  conn: ClusterConnection,
  options: Omit<RequestOptions, 'agent' | 'host' | 'hostname' | 'port' | 'protocol'>,
): ClientRequest {
  const e = endpointOf(conn.server);
  const opts: RequestOptions = { ...options, protocol: e.protocol, hostname: e.hostname, port: e.port, agent: conn.agent };
  return e.https ? httpsRequest(opts) : httpRequest(opts);
}

/** Node's connect-timeout text (`connect ETIMEDOUT host:port`), for the agent's requests and the proxy's pool alike. */
export function connectTimeoutError(server: URL): NodeJS.ErrnoException {
  const port = server.port || (server.protocol === 'https:' ? '443' : '80');
  return Object.assign(new Error(`connect ETIMEDOUT ${server.hostname}:${port}`), { code: 'ETIMEDOUT' });
}

/** Fails the request if TCP connect takes longer than `ms` (a black-holed apiserver never hangs a client). */
function limitConnectTime(req: ClientRequest, conn: ClusterConnection, ms: number): void {
  req.once('socket', (socket) => {
    if (!socket.connecting) return;
    const timer = setTimeout(() => req.destroy(connectTimeoutError(conn.server)), ms);
    timer.unref();
    socket.once('connect', () => clearTimeout(timer));
    socket.once('close', () => clearTimeout(timer));
  });
}

/**
 * One attempt at relaying `req` (plain or upgrade) to the apiserver: headers as docs/proxy.md steps
 * 4 and 5 say, the request on the connection's agent, its connect time bounded. The relays keep
 * their own retry rules; `usedOwnAuthorization` tells them whether a 401 is worth one more try.
 */
export function openUpstream(
  conn: ClusterConnection,
  req: IncomingMessage,
  attempt: { path: string; isUpgrade: boolean; credentials: AuthHeaders; connectTimeoutMs: number },
): { upReq: ClientRequest; usedOwnAuthorization: boolean } {
  const method = req.method ?? 'GET';
  const { headers, usedOwnAuthorization } = buildUpstreamHeaders({
    method,
    rawHeaders: req.rawHeaders,
    isUpgrade: attempt.isUpgrade,
    apiHost: conn.server.host,
    clientAddress: req.socket.remoteAddress,
    credentials: attempt.credentials,
  });
  const upReq = requestUpstream(conn, { method, path: attempt.path, headers });
  // An upgrade answered without 101 would hand its socket back to the keep-alive pool, and an
  // apiserver (or a proxy in front of it) that already spliced that socket to a backend would then
  // carry the next request to the backend. Such a socket is never reused.
  // Set when the answer arrives: Node recomputes shouldKeepAlive from the Connection header when
  // it writes the request head, so setting it here beforehand would be undone.
  if (attempt.isUpgrade) upReq.once('response', () => (upReq.shouldKeepAlive = false));
  limitConnectTime(upReq, conn, attempt.connectTimeoutMs);
  return { upReq, usedOwnAuthorization };
}
