// Contract fragment: local API proxies (issue 6), kubectl proxy for any context, one per context,
// each with live state pushed as `proxy:state-changed`. No token ever crosses IPC.

export const PROXY_STATES = ['listening', 'stopped'] as const;
export type ProxyState = (typeof PROXY_STATES)[number];

export interface ProxyStats {
  /** Requests forwarded to the apiserver (upgrades included). */
  requests: number;
  /** Requests the proxy answered itself: filter, Host/Origin/token refusals, 404s. */
  refused: number;
  /** Requests and upgraded connections in flight (watches, logs, port-forwards). */
  active: number;
  upgrades: number;
  /** Bytes from the apiserver to clients. */
  bytesIn: number;
  /** Bytes from clients to the apiserver. */
  bytesOut: number;
  /** The last failure to reach the apiserver (kubectl's `Error while proxying request`). */
  lastError: { message: string; at: string } | null;
}

export interface ProxyInfo {
  /** The context is the key: one proxy per context. */
  context: string;
  state: ProxyState;
  /** As kubectl prints it: `127.0.0.1:8001`, `[::1]:8001`. */
  address: string;
  port: number;
  /** `http://127.0.0.1:8001/` (without any token). */
  url: string;
  /** The apiserver it forwards to. */
  server: string;
  /** H6: requests need the per-launch token. */
  tokenRequired: boolean;
  /** ISO time it started listening. */
  since: string;
  stats: ProxyStats;
}

export interface ProxyStartRequest {
  context: string;
  /** Default 0: the OS picks (many proxies at once); kubectl's 8001 when asked. */
  port?: number | undefined;
  /** Loopback only from the UI. Default `127.0.0.1`. */
  address?: '127.0.0.1' | '::1' | undefined;
  /** Require the per-launch token (H6). */
  token?: boolean | undefined;
}

export interface ProxyContract {
  /** Starts the context's proxy, or returns the running one. */
  'proxy:start': { req: ProxyStartRequest; res: ProxyInfo };
  'proxy:stop': { req: { context: string }; res: void };
  'proxy:list': { req: void; res: ProxyInfo[] };
}

export interface ProxyEvents {
  /** Started, stopped, or its stats changed (at most a few times a second). */
  'proxy:state-changed': ProxyInfo;
}

export const PROXY_CHANNELS = ['proxy:start', 'proxy:stop', 'proxy:list'] as const;
export const PROXY_EVENT_CHANNELS = ['proxy:state-changed'] as const;
