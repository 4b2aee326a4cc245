// Every context KubeDesk knows: the merged kubeconfig files first, then the imported contexts of
// the app store, as if the store were one more file at the end of KUBECONFIG (so `kubedesk
// contexts` matches `kubectl config get-contexts` over the files plus an exported kubeconfig).
// A kubeconfig context hides an imported one of the same name; the hidden one is reported.
import { dirname } from 'node:path';
import type { StoreDoc, StoredUser } from '../store/store-schema.ts';
import type { ClusterFields, ContextFields, MergedKubeconfig, Sourced, UserFields } from './kubeconfig-types.ts';

export type ContextOrigin = { kind: 'kubeconfig'; file: string } | { kind: 'imported'; storeFile: string };

export interface UnionContext {
  name: string;
  origin: ContextOrigin;
  context: Sourced<ContextFields>;
  /** Undefined when the context names a cluster or user that does not exist. */
  cluster: Sourced<ClusterFields> | undefined;
  /** For imported contexts: the user's non-secret fields; secrets are in the keychain. */
  user: Sourced<UserFields> | undefined;
  /** The store entry of an imported context's user (its keychain reference). */
  storedUser?: StoredUser | undefined;
  /** Imported contexts: the file (or `stdin`, `paste`, `form`) and time of the import. */
  importedFrom?: string | undefined;
  importedAt?: string | undefined;
}

export interface ContextUnion {
  contexts: Map<string, UnionContext>;
  /** The first kubeconfig file's current-context that sets one (kubectl's rule). */
  kubeconfigCurrent?: string | undefined;
  /** The app store's current context. */
  storeCurrent?: string | undefined;
  /** Imported contexts hidden by a kubeconfig context of the same name. */
  shadowed: string[];
  files: string[];
}

export function contextUnion(merged: MergedKubeconfig, store: StoreDoc, storeFile: string): ContextUnion {
  const contexts = new Map<string, UnionContext>();
  for (const ctx of merged.contexts.values()) {
    contexts.set(ctx.name, {
      name: ctx.name,
      origin: { kind: 'kubeconfig', file: ctx.file },
      context: ctx,
      cluster: merged.clusters.get(ctx.value.cluster),
      user: merged.users.get(ctx.value.user),
    });
  }
  const shadowed: string[] = [];
  store.contexts.forEach((ctx, index) => {
    if (contexts.has(ctx.name)) {
      shadowed.push(ctx.name);
      return;
    }
    const ci = store.clusters.findIndex((c) => c.id === ctx.context.cluster);
    const ui = store.users.findIndex((u) => u.id === ctx.context.user);
    const cluster = store.clusters[ci];
    const user = store.users[ui];
    // Imported paths are absolute already (import-candidates.ts); `dir` is only a formality.
    const at = { file: storeFile, dir: dirname(storeFile) };
    contexts.set(ctx.name, {
      name: ctx.name,
      origin: { kind: 'imported', storeFile },
      context: {
        name: ctx.name,
        value: { cluster: cluster?.name ?? ctx.context.cluster, user: user?.name ?? ctx.context.user, namespace: ctx.context.namespace },
        ...at,
        index,
      },
      cluster: cluster && { name: cluster.name, value: cluster.cluster, ...at, index: ci },
      user: user && { name: user.name, value: user.user, ...at, index: ui },
      storedUser: user,
      importedFrom: ctx.origin,
      importedAt: ctx['imported-at'],
    });
  });
  return {
    contexts,
    kubeconfigCurrent: merged.currentContext,
    storeCurrent: store['current-context'],
    shadowed,
    files: merged.files,
  };
}

/**
 * The current context. `kubectl` (the CLI, docs/cli.md): the kubeconfig's current-context, else the
 * store's. `app`: the context last chosen in the app (kept in the store, never written into the
 * user's kubeconfig), else the kubeconfig's.
 */
export function currentContextOf(union: ContextUnion, rule: 'kubectl' | 'app'): string | undefined {
  const store = union.storeCurrent && union.contexts.has(union.storeCurrent) ? union.storeCurrent : undefined;
  return rule === 'kubectl' ? (union.kubeconfigCurrent ?? store) : (store ?? union.kubeconfigCurrent);
}
