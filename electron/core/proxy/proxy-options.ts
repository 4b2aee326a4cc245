// What one API proxy is told to do: kubectl proxy's flags (docs/proxy.md, Flags) plus KubeDesk's
// hardening settings (docs/security.md). Defaults are kubectl's.

export const DEFAULT_PORT = 8001;
export const DEFAULT_ADDRESS = '127.0.0.1';
export const DEFAULT_API_PREFIX = '/';
export const DEFAULT_ACCEPT_HOSTS = '^localhost$,^127\\.0\\.0\\.1$,^\\[::1\\]$';
export const DEFAULT_ACCEPT_PATHS = '^.*';
export const DEFAULT_REJECT_PATHS = '^/api/.*/pods/.*/exec,^/api/.*/pods/.*/attach';
export const DEFAULT_REJECT_METHODS = '^$';
/** How long dialing the apiserver may take before the client gets a 500 (kubectl: 30 s). */
export const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;

export interface ProxyOptions {
  /** `0` = the OS picks. Ignored with `unixSocket`. */
  port: number;
  /** IP to bind; `[::1]` and `::1` both work (docs/proxy.md, Flags, KubeDesk differs). */
  address: string;
  /** Listen on a Unix socket (mode 0600, H7) instead of TCP. */
  unixSocket?: string | undefined;
  acceptHosts: string;
  acceptPaths: string;
  rejectPaths: string;
  rejectMethods: string;
  /** `/` appended when missing. */
  apiPrefix: string;
  /** Skips kubectl's four filters and H2; never H3–H6 (docs/security.md). */
  disableFilter: boolean;
  /** H6: when set, every request must carry this per-launch token. */
  token?: string | undefined;
  /**
   * Relaxes H3/H4: browser origins (regexes on `scheme://host:port`) allowed besides the proxy's
   * own. Empty = none (the default).
   */
  acceptOrigins?: string | undefined;
  /** TCP keep-alive for upgraded connections to the apiserver, ms (kubectl `--keepalive`); 0 = off. */
  keepaliveMs?: number | undefined;
  connectTimeoutMs?: number | undefined;
}

export function defaultProxyOptions(overrides: Partial<ProxyOptions> = {}): ProxyOptions {
  return {
    port: DEFAULT_PORT,
    address: DEFAULT_ADDRESS,
    acceptHosts: DEFAULT_ACCEPT_HOSTS,
    acceptPaths: DEFAULT_ACCEPT_PATHS,
    rejectPaths: DEFAULT_REJECT_PATHS,
    rejectMethods: DEFAULT_REJECT_METHODS,
    apiPrefix: DEFAULT_API_PREFIX,
    disableFilter: false,
    ...overrides,
  };
}

/** kubectl: `if !strings.HasSuffix(o.apiPrefix, "/") { o.apiPrefix += "/" }`. */
export function normalizeApiPrefix(prefix: string): string {
  const p = prefix.startsWith('/') ? prefix : `/${prefix}`;
  return p.endsWith('/') ? p : `${p}/`;
}

/** `[::1]` → `::1`; `localhost` → `127.0.0.1` (Go prefers IPv4 for it; Node may pick ::1). */
export function normalizeListenAddress(address: string): string {
  const a = address.trim();
  if (a.startsWith('[') && a.endsWith(']')) return a.slice(1, -1);
  if (a.toLowerCase() === 'localhost') return '127.0.0.1';
  return a;
}
