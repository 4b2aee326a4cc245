// `connect(context?)`: a ClusterConnection for any context KubeDesk knows — kubeconfig files
// (kubectl's merge) and imported contexts (secrets from the keychain) — with every auth kind.
// The proxy, port-forwards, whoami and health all get their connections here.
import { KubeDeskError } from '../errors.ts';
import type { Disposable } from '../lifecycle.ts';
import type { Logger } from '../log.ts';
import { joinUserSecrets } from '../credentials/user-secrets.ts';
import { contextUnion, currentContextOf, type ContextUnion, type UnionContext } from '../kubeconfig/context-union.ts';
import { inClusterConfig } from '../kubeconfig/in-cluster.ts';
import type { KubeconfigSources } from '../kubeconfig/kubeconfig-sources.ts';
import { loadKubeconfig } from '../kubeconfig/load-kubeconfig.ts';
import { locate, validateContextRefs } from '../kubeconfig/validate-kubeconfig.ts';
import { writeBackOidcTokens } from '../kubeconfig/write-back-oidc.ts';
import type { ImportedContexts } from '../store/imported-contexts.ts';
import { buildConnection, type ConnectTarget } from './build-connection.ts';
import type { ClusterConnection } from './cluster-connection.ts';
import type { ExecDeps } from './exec-plugin.ts';
import { SharedAuthCache } from './shared-auth.ts';

export type Connect = (context?: string, signal?: AbortSignal) => Promise<ClusterConnection>;

export interface ConnectionProviderDeps {
  sources: KubeconfigSources;
  imported: ImportedContexts;
  exec: ExecDeps;
  log: Logger;
  /** Which current context applies without `--context` (context-union.ts). */
  rule?: 'kubectl' | 'app';
  now?: () => number;
}

export interface LoadedUnion {
  union: ContextUnion;
  /** Files that could not be read, with why. */
  problems: Array<{ file: string; message: string }>;
}

export class ConnectionProvider implements Disposable {
  #deps: ConnectionProviderDeps;
  #auth: SharedAuthCache;

  constructor(deps: ConnectionProviderDeps) {
    this.#deps = deps;
    this.#auth = new SharedAuthCache(deps.exec, deps.now);
  }

  async load(): Promise<LoadedUnion> {
    const [{ merged, problems }, store] = await Promise.all([loadKubeconfig(this.#deps.sources), this.#deps.imported.read()]);
    if (store.problem) problems.push({ file: this.#deps.imported.store.file, message: store.problem });
    return { union: contextUnion(merged, store.doc, this.#deps.imported.store.file), problems };
  }

  connect: Connect = async (context, signal) => {
    const { union, problems } = await this.load();
    const name = context ?? currentContextOf(union, this.#deps.rule ?? 'kubectl');
    if (name === undefined) return this.#fallback(union);
    const ctx = union.contexts.get(name);
    if (!ctx) {
      const why = problems.length > 0 ? ` (not loaded: ${problems.map((p) => p.message).join('; ')})` : '';
      throw new KubeDeskError('not-found', `context was not found for specified context: ${name}${why}`);
    }
    const target = await this.#target(ctx, signal);
    return buildConnection(target, { env: await this.#deps.exec.env(), auth: this.#auth, now: this.#deps.now });
  };

  async #target(ctx: UnionContext, signal?: AbortSignal): Promise<ConnectTarget> {
    const refs = validateContextRefs(ctx.name, ctx.context.value, {
      cluster: () => ctx.cluster !== undefined,
      user: () => ctx.user !== undefined,
    });
    if (refs[0]) throw new KubeDeskError('invalid-input', locate(ctx.context, 'contexts', refs[0]));
    const cluster = ctx.cluster!;
    const user = ctx.user!;
    const base = { context: ctx.name, namespace: ctx.context.value.namespace, cluster };
    const stored = ctx.storedUser;
    if (ctx.origin.kind === 'imported' && stored) {
      if (signal?.aborted) throw new KubeDeskError('cancelled', 'cancelled');
      const imported = this.#deps.imported;
      let secrets = await imported.secretsOf(stored);
      return {
        ...base,
        user: { ...user, value: joinUserSecrets(user.value, secrets) },
        persistOidc: async (t) => {
          secrets = secrets.with({ 'auth-provider.id-token': t.idToken, 'auth-provider.refresh-token': t.refreshToken });
          await imported.saveSecrets(stored, secrets);
          this.#deps.log.info('oidc tokens refreshed and saved to the keychain', { context: ctx.name, user: stored.name });
        },
      };
    }
    return {
      ...base,
      user,
      persistOidc: async (t) => {
        await writeBackOidcTokens(user.file, user.name, t);
        this.#deps.log.info('oidc tokens refreshed and written back', { context: ctx.name, file: user.file });
      },
    };
  }

  /** No context at all: in-cluster config, else kubectl's http://localhost:8080 (client-go tools/clientcmd; docs/kubeconfig.md). */
  async #fallback(union: ContextUnion): Promise<ClusterConnection> {
    const env = await this.#deps.exec.env();
    if (union.contexts.size === 0 && env['KUBERNETES_SERVICE_HOST'] && env['KUBERNETES_SERVICE_PORT']) {
      const ic = inClusterConfig(env);
      return buildConnection(
        { context: 'in-cluster', namespace: ic.namespace, cluster: ic.cluster, user: ic.user },
        { env, auth: this.#auth },
      );
    }
    if (union.contexts.size > 0)
      throw new KubeDeskError('invalid-input', 'no current context: pass --context NAME or choose one in KubeDesk');
    const at = { file: '(default)', dir: process.cwd() };
    return buildConnection(
      { context: '', cluster: { name: '', value: { server: 'http://localhost:8080' }, ...at }, user: undefined },
      { env, auth: this.#auth },
    );
  }

  /** Drops cached exec/OIDC credentials (after a remove, or when files change). */
  forget(): void {
    this.#auth.clear();
  }

  dispose(): void {
    this.#auth.dispose();
  }
}
