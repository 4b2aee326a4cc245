// A ClusterConnection for a context of a merged kubeconfig, synchronously: kept for callers that
// only know the kubeconfig files. Every auth kind works (build-connection.ts); exec plugins run
// with this process's env and no terminal. The ConnectionProvider (connection-provider.ts) is the
// full path: imported contexts, the login shell's env, prompts in the app.
import { KubeDeskError } from '../errors.ts';
import type { MergedKubeconfig } from '../kubeconfig/kubeconfig-types.ts';
import { locate, validateContextRefs } from '../kubeconfig/validate-kubeconfig.ts';
import { writeBackOidcTokens } from '../kubeconfig/write-back-oidc.ts';
import { buildConnection, type BuildDeps } from './build-connection.ts';
import type { ClusterConnection } from './cluster-connection.ts';
import { SharedAuthCache } from './shared-auth.ts';

let defaultAuth: SharedAuthCache | undefined;

export function connectFromKubeconfig(merged: MergedKubeconfig, contextName?: string, deps?: Partial<BuildDeps>): ClusterConnection {
  const name = contextName ?? merged.currentContext;
  if (!name) throw new KubeDeskError('invalid-input', 'no context: pass --context or set current-context');
  const ctx = merged.contexts.get(name);
  if (!ctx) throw new KubeDeskError('not-found', `context was not found for specified context: ${name}`);
  const cluster = merged.clusters.get(ctx.value.cluster);
  const user = merged.users.get(ctx.value.user);
  const refs = validateContextRefs(name, ctx.value, { cluster: () => cluster !== undefined, user: () => user !== undefined });
  if (refs[0]) throw new KubeDeskError('invalid-input', locate(ctx, 'contexts', refs[0]));
  defaultAuth ??= new SharedAuthCache({ env: async () => process.env, stdinIsTTY: false });
  return buildConnection(
    {
      context: name,
      namespace: ctx.value.namespace,
      cluster: cluster!,
      user,
      persistOidc: (t) => writeBackOidcTokens(user!.file, user!.name, t),
    },
    { env: deps?.env ?? process.env, auth: deps?.auth ?? defaultAuth, ...(deps?.now ? { now: deps.now } : {}) },
  );
}
