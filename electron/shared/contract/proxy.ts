// Contract fragment: local API proxies, kubectl proxy for any context, one per context, each with
// live state pushed as `proxy:state-changed`. No token ever crosses IPC: the browser gets in with
// a one-time launch code (`proxy:open-url`).

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
  /** Require the per-launch token (docs/security.md, H6). Default: on. */
  token?: boolean | undefined;
}

export interface ProxyOpenUrlRequest {
  context: string;
  /** Where to land, e.g. `/api/` (default `/`). */
  path?: string | undefined;
}

export interface ProxyContract {
  /** Starts the context's proxy, or returns the running one. */
  'proxy:start': { req: ProxyStartRequest; res: ProxyInfo };
  'proxy:stop': { req: { context: string }; res: void };
  'proxy:list': { req: void; res: ProxyInfo[] };
  /** A URL for the user's browser; with a token, it carries a one-time code that expires in a minute. */
  'proxy:open-url': { req: ProxyOpenUrlRequest; res: { url: string } };
}

export interface ProxyEvents {
  /** Started, stopped, or its stats changed (at most a few times a second). */
  'proxy:state-changed': ProxyInfo;
}

export const PROXY_CHANNELS = ['proxy:start', 'proxy:stop', 'proxy:list', 'proxy:open-url'] as const;
export const PROXY_EVENT_CHANNELS = ['proxy:state-changed'] as const;
