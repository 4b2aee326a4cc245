// One context's health for the clusters view: reachable, server version, who we are, whether
// TLS is verified, and the last error as a value (never a throw).
import type { ContextHealth } from '../../shared/ipc-contract.ts';
import { describe, KubeDeskError } from '../errors.ts';
import type { ClusterConnection } from './cluster-connection.ts';
import { kubeJson } from './kube-request.ts';
import { whoAmI } from './whoami.ts';

export async function clusterHealth(
  context: string,
  connect: () => Promise<ClusterConnection>,
  now: () => Date,
  signal?: AbortSignal,
): Promise<ContextHealth> {
  let conn: ClusterConnection | undefined;
  const checkedAt = now().toISOString();
  try {
    conn = await connect();
    const tlsVerified = conn.server.protocol === 'https:' && conn.tls.rejectUnauthorized;
    const base: ContextHealth = { context, checkedAt, reachable: false, tlsVerified };
    try {
      const version = await kubeJson<{ gitVersion?: string }>(conn, { path: '/version', signal, timeoutMs: 10_000 });
      base.reachable = true;
      if (version.gitVersion) base.serverVersion = version.gitVersion;
      const me = await whoAmI(conn, signal);
      return { ...base, username: me.username, groups: me.groups };
    } catch (err) {
      return { ...base, error: asIpcError(err) };
    }
  } catch (err) {
    return { context, checkedAt, reachable: false, tlsVerified: false, error: asIpcError(err) };
  } finally {
    conn?.dispose();
  }
}

function asIpcError(err: unknown): ContextHealth['error'] {
  if (err instanceof KubeDeskError) return { code: err.code, message: err.message };
  return { code: 'internal', message: describe(err) };
}
