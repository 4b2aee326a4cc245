import type { ContextSummary } from '../../shared/ipc-contract.ts';
import { authKindOf } from './auth-kind.ts';
import type { MergedKubeconfig } from './kubeconfig-types.ts';

/** The contexts as CLI.md's `contexts --json` shows them, sorted by name like kubectl. */
export function contextSummaries(merged: MergedKubeconfig): ContextSummary[] {
  const out: ContextSummary[] = [];
  for (const ctx of merged.contexts.values()) {
    const cluster = merged.clusters.get(ctx.value.cluster);
    const user = merged.users.get(ctx.value.user);
    out.push({
      name: ctx.name,
      cluster: ctx.value.cluster,
      server: cluster?.value.server ?? '',
      user: ctx.value.user,
      namespace: ctx.value.namespace ?? '',
      authKind: authKindOf(user?.value),
      source: `kubeconfig:${ctx.file}`,
      current: ctx.name === merged.currentContext,
    });
  }
  return out.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
