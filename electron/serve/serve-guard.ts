// Serve mode's guard (docs/security.md, serve mode): Host must be a loopback name, a browser's
// Origin must be this server's own, cross-site fetches are refused, and the bridge needs the
// session token and its own subprotocol. A refused request gets 403 and touches nothing.
import type { IncomingMessage } from 'node:http';
import { BRIDGE_PROTOCOL } from '../shared/bridge-protocol.ts';
import { isLoopbackHostHeader, isOwnOrigin } from '../core/security/host-header.ts';
import { tokenFromProtocols, tokensEqual } from '../core/security/launch-token.ts';

export type GuardVerdict = { ok: true } | { ok: false; reason: string };

export function checkBrowserRequest(req: IncomingMessage, port: number): GuardVerdict {
  if (!isLoopbackHostHeader(req.headers.host)) return { ok: false, reason: 'host' };
  const origin = req.headers.origin;
  if (origin !== undefined && !isOwnOrigin(origin, port)) return { ok: false, reason: 'origin' };
  const site = req.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin' && site !== 'none') return { ok: false, reason: 'sec-fetch-site' };
  return { ok: true };
}

function offersProtocol(header: string | undefined, protocol: string): boolean {
  return (header ?? '').split(',').some((p) => p.trim() === protocol);
}

export function checkBridgeUpgrade(req: IncomingMessage, port: number, token: string): GuardVerdict {
  const base = checkBrowserRequest(req, port);
  if (!base.ok) return base;
  // Browsers always send Origin on WebSocket handshakes; other local clients must too.
  if (req.headers.origin === undefined) return { ok: false, reason: 'origin' };
  const protocols = req.headers['sec-websocket-protocol'];
  if (!tokensEqual(token, tokenFromProtocols(protocols))) return { ok: false, reason: 'token' };
  // A client that does not speak the bridge's protocol gets no socket, token or not.
  if (!offersProtocol(protocols, BRIDGE_PROTOCOL)) return { ok: false, reason: 'protocol' };
  return { ok: true };
}

/** The session token as `Authorization: Bearer <token>` (serve's HTTP endpoints other than the bridge). */
export function checkBearer(req: IncomingMessage, token: string): boolean {
  const m = /^Bearer (\S+)$/.exec(req.headers.authorization ?? '');
  return tokensEqual(token, m?.[1]);
}
