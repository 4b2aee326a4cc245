// What relaying a request to the apiserver needs from the proxy that accepted it.
import type { ClusterConnection } from '../cluster/cluster-connection.ts';
import type { Logger } from '../log.ts';
import type { ProxyStatsRecorder } from './proxy-stats.ts';

export interface RelayContext {
  conn: ClusterConnection;
  log: Logger;
  stats: ProxyStatsRecorder;
  connectTimeoutMs: number;
  /** kubectl `--keepalive` for upgraded connections; 0 = off. */
  keepaliveMs: number;
  /** A failure before any upstream answer: kubectl's `Error while proxying request: …`. */
  proxyError(message: string): void;
  /** Registers something to destroy when the proxy is disposed; returns the unregister. */
  track(resource: { destroy(): void }): () => void;
}

/** Request bodies up to this size are kept so a request can be replayed once after a 401. */
export const REPLAY_LIMIT = 1024 * 1024;
