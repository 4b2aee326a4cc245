// docs/proxy.md, steps 4–5 and Upgrades: the headers sent to the apiserver. Like Go's ReverseProxy:
// hop-by-hop headers dropped (kept for upgrades, which kubectl writes as they came), `Host` =
// the apiserver, `X-Forwarded-For` appended. Like client-go's round trippers: the kubeconfig's
// `Authorization` only when the client sent none, its `Impersonate-*` only without the client's
// `Impersonate-User`. Token carriers (H6) never leave the proxy.
import type { AuthHeaders } from '../cluster/cluster-connection.ts';
import { HOP_BY_HOP } from '../http/hop-by-hop.ts';
import { cookieWithoutToken, protocolsWithoutToken, TOKEN_HEADER } from './token-carriers.ts';

/** Methods Node sends without a body unless told otherwise. */
const BODYLESS_METHODS = new Set(['GET', 'HEAD', 'DELETE', 'OPTIONS', 'TRACE', 'CONNECT']);

const NO_TOKENS: ReadonlySet<string> = new Set();

/** Lower-cased header names listed in Connection headers (they are hop-by-hop too). */
export function connectionTokens(rawHeaders: readonly string[]): ReadonlySet<string> {
  // Allocates only when a Connection header names something: most requests and answers have none.
  let names: Set<string> | undefined;
  for (let i = 0; i < rawHeaders.length; i += 2) {
    const name = rawHeaders[i]!;
    if (name.length !== 10 || name.toLowerCase() !== 'connection') continue;
    for (const t of rawHeaders[i + 1]!.split(',')) if (t.trim()) (names ??= new Set()).add(t.trim().toLowerCase());
  }
  return names ?? NO_TOKENS;
}

export interface UpstreamHeaderInput {
  method: string;
  rawHeaders: readonly string[];
  isUpgrade: boolean;
  /** The apiserver's `host[:port]`. */
  apiHost: string;
  clientAddress: string | undefined;
  /** `ClusterConnection.authHeaders()`. */
  credentials: AuthHeaders;
}

export interface UpstreamHeaders {
  /**
   * Flat `[name, value, …]`, in the client's order, as `http.request` takes it raw (no per-header
   * validation or copying: the proxy's hot path).
   */
  headers: string[];
  /** True when the kubeconfig's Authorization was added (so a 401 may mean it expired). */
  usedOwnAuthorization: boolean;
}

function clientIp(address: string | undefined): string | undefined {
  if (!address) return undefined;
  return address.startsWith('::ffff:') && address.includes('.') ? address.slice(7) : address;
}

export function buildUpstreamHeaders(input: UpstreamHeaderInput): UpstreamHeaders {
  const raw = input.rawHeaders;
  const dropped = input.isUpgrade ? undefined : connectionTokens(raw);
  const out: string[] = ['Host', input.apiHost];
  let forwardedFor: string | undefined;
  let hasAuthorization = false;
  let hasImpersonateUser = false;
  let framed = false;

  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i]!;
    const value = raw[i + 1]!;
    const lower = name.toLowerCase();
    if (lower === 'content-length' || lower === 'transfer-encoding') framed = true;
    if (lower === 'host' || lower === TOKEN_HEADER || lower === 'expect') continue;
    if (dropped !== undefined && (HOP_BY_HOP.has(lower) || dropped.has(lower))) continue;
    switch (lower) {
      case 'x-forwarded-for':
        forwardedFor = forwardedFor === undefined ? value : `${forwardedFor}, ${value}`;
        continue;
      case 'cookie': {
        const kept = cookieWithoutToken(value);
        if (kept !== undefined) out.push(name, kept);
        continue;
      }
      case 'sec-websocket-protocol': {
        const kept = protocolsWithoutToken(value);
        if (kept !== undefined) out.push(name, kept);
        continue;
      }
      case 'authorization':
        hasAuthorization = true;
        break;
      case 'impersonate-user':
        hasImpersonateUser = true;
        break;
    }
    out.push(name, value);
  }

  // Raw headers are written at once, before Node knows the body is empty: say so, as Go's
  // Request.Write does, or Node would chunk it (and a SPDY upgrade would carry a stray `0\r\n\r\n`).
  if (!framed && !BODYLESS_METHODS.has(input.method)) out.push('Content-Length', '0');

  const ip = clientIp(input.clientAddress);
  if (ip !== undefined) out.push('X-Forwarded-For', forwardedFor === undefined ? ip : `${forwardedFor}, ${ip}`);
  else if (forwardedFor !== undefined) out.push('X-Forwarded-For', forwardedFor);

  let usedOwnAuthorization = false;
  for (const k in input.credentials) {
    const lower = k.toLowerCase();
    if (lower === 'authorization') {
      if (hasAuthorization) continue;
      usedOwnAuthorization = true;
    } else if (lower.startsWith('impersonate-')) {
      if (hasImpersonateUser) continue;
      // The kubeconfig's impersonation replaces any partial one the client sent (client-go).
      for (let i = out.length - 2; i >= 0; i -= 2) if (out[i]!.toLowerCase() === lower) out.splice(i, 2);
    }
    // A list is one header line per value (Impersonate-Group, as client-go sends it).
    for (const v of [input.credentials[k]!].flat()) out.push(k, v);
  }
  return { headers: out, usedOwnAuthorization };
}
