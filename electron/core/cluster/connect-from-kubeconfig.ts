// Builds a ClusterConnection for a context of a merged kubeconfig: static credentials (token,
// tokenFile, basic, client cert) and CA/insecure/tls-server-name. Exec plugins and OIDC are the
// credentials module's (issue 5).
import { readFileSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { KubeDeskError } from '../errors.ts';
import { authKindOf } from '../kubeconfig/auth-kind.ts';
import type { MergedKubeconfig, Sourced, UserFields } from '../kubeconfig/kubeconfig-types.ts';
import { createAgent, type ClusterConnection, type ClusterTls } from './cluster-connection.ts';

function readRelative(file: string, dir: string, field: string, owner: string): Buffer {
  const full = isAbsolute(file) ? file : resolve(dir, file);
  try {
    return readFileSync(full);
  } catch (err) {
    throw new KubeDeskError('invalid-input', `${owner}: ${field}: cannot read ${full}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
}

export function staticAuthHeaders(user: Sourced<UserFields> | undefined): () => Record<string, string> {
  if (!user) return () => ({});
  const u = user.value;
  const imp: Record<string, string> = {};
  if (u.as) imp['Impersonate-User'] = u.as;
  if (u['as-uid']) imp['Impersonate-Uid'] = u['as-uid'];
  if (u['as-groups']?.length) imp['Impersonate-Group'] = u['as-groups'].join(',');
  if (u.token) {
    const header = `Bearer ${u.token}`;
    return () => ({ Authorization: header, ...imp });
  }
  if (u.tokenFile) {
    // Re-read at most once a minute: the file rotates (SPEC.md §4.3).
    let cached: { value: string; at: number } | undefined;
    const file = isAbsolute(u.tokenFile) ? u.tokenFile : resolve(user.dir, u.tokenFile);
    return () => {
      if (!cached || Date.now() - cached.at > 60_000) {
        cached = { value: readRelative(file, user.dir, 'tokenFile', user.file).toString('utf8').trim(), at: Date.now() };
      }
      return { Authorization: `Bearer ${cached.value}`, ...imp };
    };
  }
  if (u.username !== undefined || u.password !== undefined) {
    const header = `Basic ${Buffer.from(`${u.username ?? ''}:${u.password ?? ''}`).toString('base64')}`;
    return () => ({ Authorization: header, ...imp });
  }
  return () => ({ ...imp });
}

export function connectFromKubeconfig(merged: MergedKubeconfig, contextName?: string): ClusterConnection {
  const name = contextName ?? merged.currentContext;
  if (!name) throw new KubeDeskError('invalid-input', 'no context: pass --context or set current-context');
  const ctx = merged.contexts.get(name);
  if (!ctx) throw new KubeDeskError('not-found', `context was not found for specified context: ${name}`);
  const cluster = merged.clusters.get(ctx.value.cluster);
  if (!cluster?.value.server) throw new KubeDeskError('invalid-input', `no server found for cluster "${ctx.value.cluster}"`);
  const user = merged.users.get(ctx.value.user);
  const c = cluster.value;
  let server: URL;
  try {
    server = new URL(c.server!);
  } catch {
    throw new KubeDeskError('invalid-input', `${cluster.file}: cluster "${cluster.name}": server: not a URL`);
  }
  const tls: ClusterTls = {
    ca: c['certificate-authority-data']
      ? Buffer.from(c['certificate-authority-data'], 'base64')
      : c['certificate-authority']
        ? readRelative(c['certificate-authority'], cluster.dir, 'certificate-authority', cluster.file)
        : undefined,
    servername: c['tls-server-name'],
    rejectUnauthorized: c['insecure-skip-tls-verify'] !== true,
  };
  const u = user?.value;
  if (u && user) {
    if (u['client-certificate-data']) tls.cert = Buffer.from(u['client-certificate-data'], 'base64');
    else if (u['client-certificate']) tls.cert = readRelative(u['client-certificate'], user.dir, 'client-certificate', user.file);
    if (u['client-key-data']) tls.key = Buffer.from(u['client-key-data'], 'base64');
    else if (u['client-key']) tls.key = readRelative(u['client-key'], user.dir, 'client-key', user.file);
  }
  const authKind = authKindOf(u);
  if (authKind === 'exec' || authKind === 'oidc') {
    throw new KubeDeskError('invalid-input', `user "${ctx.value.user}": ${authKind} credentials are not supported yet`);
  }
  const headers = staticAuthHeaders(user);
  const agent = createAgent(server, tls);
  return {
    context: name,
    cluster: ctx.value.cluster,
    user: ctx.value.user,
    server,
    namespace: ctx.value.namespace || 'default',
    authKind,
    tls,
    agent,
    authHeaders: async () => headers(),
    invalidate: () => {},
    dispose: () => agent.destroy(),
  };
}
