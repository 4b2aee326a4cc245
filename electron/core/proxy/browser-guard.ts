// KubeDesk's hardening against hostile web pages (docs/security.md, H2–H4), run before the prefix
// mux and, for upgrades, before dialing. kubectl proxy has only the Host check, which stops DNS
// rebinding but not a page that sends a valid Host (any page can reach 127.0.0.1:8001, and
// WebSocket handshakes ignore CORS), so browser requests must also come from the proxy's own
// origin.
import { matchesAny } from './regex-list.ts';
import { filterHost, hostAccepted } from './request-filter.ts';

export interface BrowserGuard {
  acceptHosts: readonly RegExp[];
  /** Extra origins allowed (`--accept-origins`, with a warning). */
  acceptOrigins: readonly RegExp[];
  /** The bound TCP port; undefined on a Unix socket (no browser origin can be our own). */
  port: number | undefined;
  /** `--disable-filter` turns H2 off (parity with kubectl), never H3/H4. */
  checkHost: boolean;
}

export type GuardReason = 'host' | 'origin' | 'sec-fetch-site';
export type GuardVerdict = { ok: true } | { ok: false; reason: GuardReason };

export interface GuardRequest {
  /** The request's host (the Host header, or the absolute-form authority). */
  host: string | undefined;
  origin: string | undefined;
  secFetchSite: string | undefined;
}

/** `http://<h>:<bound port>` with `<h>` passing accept-hosts (H3). */
export function isOwnProxyOrigin(guard: BrowserGuard, origin: string): boolean {
  if (guard.port === undefined) return false;
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  if (url.protocol !== 'http:' || url.origin !== origin.replace(/\/$/, '')) return false;
  if ((url.port || '80') !== String(guard.port)) return false;
  return hostAccepted(guard.acceptHosts, url.hostname);
}

function originAccepted(guard: BrowserGuard, origin: string): boolean {
  if (origin === 'null') return false;
  return isOwnProxyOrigin(guard, origin) || matchesAny(origin, guard.acceptOrigins);
}

export function checkBrowserGuard(guard: BrowserGuard, req: GuardRequest): GuardVerdict {
  if (guard.checkHost) {
    // H2: a missing or empty Host is refused (kubectl too); IPv6 literals in either spelling.
    if (!req.host || !hostAccepted(guard.acceptHosts, filterHost(req.host))) return { ok: false, reason: 'host' };
  }
  // H3: browsers send Origin on WebSocket handshakes and on non-GET fetches.
  if (req.origin !== undefined && !originAccepted(guard, req.origin)) return { ok: false, reason: 'origin' };
  // H4: Fetch Metadata; `same-site` is refused too (another port on localhost is same-site).
  const site = req.secFetchSite;
  if (site !== undefined && site !== 'same-origin' && site !== 'none') {
    const relaxed = req.origin !== undefined && matchesAny(req.origin, guard.acceptOrigins);
    if (!relaxed) return { ok: false, reason: 'sec-fetch-site' };
  }
  return { ok: true };
}
