// Serve mode's guard (issue 3): Host must be a loopback name, a browser's Origin must be this
// server's own, cross-site fetches are refused, and the bridge needs the per-launch token.
// A refused request gets 403 and touches nothing.
import type { IncomingMessage } from 'node:http';
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

export function checkBridgeUpgrade(req: IncomingMessage, port: number, token: string): GuardVerdict {
  const base = checkBrowserRequest(req, port);
  if (!base.ok) return base;
  // Browsers always send Origin on WebSocket handshakes; other local clients must too.
  if (req.headers.origin === undefined) return { ok: false, reason: 'origin' };
  if (!tokensEqual(token, tokenFromProtocols(req.headers['sec-websocket-protocol']))) return { ok: false, reason: 'token' };
  return { ok: true };
}
