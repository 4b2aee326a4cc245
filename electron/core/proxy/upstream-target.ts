// Where a forwarded request goes: the kubeconfig server URL with its path kept (docs/proxy.md, Flags:
// --append-server-path, always on in KubeDesk), then the request path and raw query.
import { request as httpRequest, type ClientRequest, type IncomingMessage, type RequestOptions } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { AuthHeaders, ClusterConnection } from '../cluster/cluster-connection.ts';
import { buildUpstreamHeaders } from './upstream-headers.ts';

export function upstreamPathFor(server: URL, path: string, query: string): string {
  const base = server.pathname.replace(/\/+$/, '');
  const joined = path.startsWith('/') ? base + path : `${base}/${path}`;
  return query ? `${joined}?${query}` : joined;
}

/** Opens a request to the apiserver on the connection's keep-alive agent (TLS settings, client cert). */
function requestUpstream(
  conn: ClusterConnection,
  options: Omit<RequestOptions, 'agent' | 'host' | 'hostname' | 'port' | 'protocol'>,
): ClientRequest {
  const s = conn.server;
  const https = s.protocol === 'https:';
  const opts: RequestOptions = {
    ...options,
    protocol: s.protocol,
    hostname: s.hostname.replace(/^\[|\]$/g, ''),
    port: s.port || (https ? 443 : 80),
    agent: conn.agent,
  };
  return https ? httpsRequest(opts) : httpRequest(opts);
}

/** Fails the request if TCP connect takes longer than `ms` (a black-holed apiserver never hangs a client). */
function limitConnectTime(req: ClientRequest, conn: ClusterConnection, ms: number): void {
  req.once('socket', (socket) => {
    if (!socket.connecting) return;
    const timer = setTimeout(() => {
      const port = conn.server.port || (conn.server.protocol === 'https:' ? '443' : '80');
      const err = Object.assign(new Error(`connect ETIMEDOUT ${conn.server.hostname}:${port}`), { code: 'ETIMEDOUT' });
      req.destroy(err);
    }, ms);
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
