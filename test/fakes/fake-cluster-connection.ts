// A ClusterConnection to a plain-HTTP test server: what the ConnectionProvider would build, minus
// the kubeconfig. `invalidations` counts invalidate() calls (the 401 refresh path).
import { Agent } from 'node:http';
import type { ClusterConnection } from '../../electron/core/cluster/cluster-connection.ts';

export interface FakeConnection extends ClusterConnection {
  invalidations: number;
}

export function fakeClusterConnection(
  url: string,
  opts: { token?: () => string; context?: string; namespace?: string } = {},
): FakeConnection {
  const agent = new Agent({ keepAlive: true, maxSockets: 256 });
  const conn: FakeConnection = {
    context: opts.context ?? 'fake',
    cluster: 'fake',
    user: 'fake',
    server: new URL(url),
    namespace: opts.namespace ?? 'default',
    authKind: 'token',
    tls: { rejectUnauthorized: true },
    agent,
    invalidations: 0,
    authHeaders: async () => ({ Authorization: `Bearer ${opts.token?.() ?? 'fake-token'}` }),
    invalidate: () => {
      conn.invalidations++;
    },
    dispose: () => agent.destroy(),
  };
  return conn;
}
