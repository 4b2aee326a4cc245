// A kubeconfig for imported contexts that works as it is with kubectl: clusters as imported
// (server, CA and TLS fields), users whose secrets are in the keychain as exec entries calling
// `kubedesk credential --context NAME`, and a current-context (docs/kubeconfig.md, Exporting).
// No secret is ever written: users without a keychain entry (exec plugins, token or key files)
// are kept as they are; basic auth, which an exec credential cannot carry, is not exported.
import { KubeDeskError } from '../errors.ts';
import type { StoreDoc, StoredUser } from '../store/store-schema.ts';
import { kubedeskExec, type KubedeskEntry } from './kubedesk-exec.ts';

export interface ExportOptions {
  /** Context names to export; all imported contexts when undefined. */
  contexts?: string[] | undefined;
  entry: KubedeskEntry;
  /** Env for the exec entries: KUBEDESK_HOME when it is not the default one. */
  env: Array<{ name: string; value: string }>;
}

export interface ExportedKubeconfig {
  config: {
    apiVersion: 'v1';
    kind: 'Config';
    'current-context'?: string;
    clusters: Array<{ name: string; cluster: unknown }>;
    users: Array<{ name: string; user: unknown }>;
    contexts: Array<{ name: string; context: { cluster: string; user: string; namespace?: string } }>;
  };
  /** One line each, for stderr: contexts left out, a missing current-context. */
  warnings: string[];
}

const IMPERSONATION = ['as', 'as-uid', 'as-groups', 'as-user-extra'] as const;

function isBasicAuth(u: StoredUser): boolean {
  return u.user.username !== undefined || u.user.password !== undefined || (u.secret?.fields.includes('password') ?? false);
}

/** Entries of separate imports may share a name (every kubeadm cluster is "kubernetes"): later ones get a suffix. */
function uniqueName(used: Set<string>, base: string): string {
  let n = base;
  for (let i = 2; used.has(n); i++) n = `${base}-${i}`;
  used.add(n);
  return n;
}

export function exportKubeconfig(doc: StoreDoc, opts: ExportOptions): ExportedKubeconfig {
  const warnings: string[] = [];
  const named = opts.contexts !== undefined;
  const selected = (opts.contexts ?? doc.contexts.map((c) => c.name)).map((n) => {
    const ctx = doc.contexts.find((c) => c.name === n);
    if (!ctx) throw new KubeDeskError('not-found', `context "${n}" is not imported`);
    return ctx;
  });
  const clusters = new Map<string, { name: string; cluster: unknown }>();
  const users = new Map<string, { name: string; user: unknown }>();
  const used = { clusters: new Set<string>(), users: new Set<string>() };
  const contexts: ExportedKubeconfig['config']['contexts'] = [];
  for (const ctx of selected) {
    const c = doc.clusters.find((x) => x.id === ctx.context.cluster);
    const u = doc.users.find((x) => x.id === ctx.context.user);
    if (!c || !u) throw new KubeDeskError('invalid-input', `context "${ctx.name}": the app store has no cluster or user for it`);
    if (isBasicAuth(u)) {
      const why = `context "${ctx.name}" uses basic auth, which an exec credential cannot carry`;
      if (named) throw new KubeDeskError('invalid-input', `${why}; not exported`);
      warnings.push(`${why}; left out`);
      continue;
    }
    if (!clusters.has(c.id)) clusters.set(c.id, { name: uniqueName(used.clusters, c.name), cluster: c.cluster });
    if (!users.has(u.id)) {
      const user = u.secret
        ? {
            exec: kubedeskExec(opts.entry, ['--context', ctx.name], opts.env),
            ...Object.fromEntries(IMPERSONATION.filter((k) => u.user[k] !== undefined).map((k) => [k, u.user[k]])),
          }
        : u.user;
      users.set(u.id, { name: uniqueName(used.users, u.name), user });
    }
    contexts.push({
      name: ctx.name,
      context: {
        cluster: clusters.get(c.id)!.name,
        user: users.get(u.id)!.name,
        ...(ctx.context.namespace ? { namespace: ctx.context.namespace } : {}),
      },
    });
  }
  if (contexts.length === 0) throw new KubeDeskError('invalid-input', 'no context to export: none is imported that kubectl could use');
  const current = currentOf(doc['current-context'], contexts, warnings);
  return {
    config: {
      apiVersion: 'v1',
      kind: 'Config',
      ...(current ? { 'current-context': current } : {}),
      clusters: [...clusters.values()],
      users: [...users.values()],
      contexts,
    },
    warnings,
  };
}

/** The store's current context when exported, else the only context; else none, said in a warning. */
function currentOf(storeCurrent: string | undefined, contexts: Array<{ name: string }>, warnings: string[]): string | undefined {
  if (storeCurrent && contexts.some((c) => c.name === storeCurrent)) return storeCurrent;
  if (contexts.length === 1) return contexts[0]!.name;
  warnings.push(
    `no current-context: ${contexts.length} contexts exported and none is KubeDesk's current one; ` +
      'pass --context to kubectl or run `kubectl config use-context NAME` on the file',
  );
  return undefined;
}
