import type { ContextSummary } from '../../shared/ipc-contract.ts';
import { authKindOf } from './auth-kind.ts';
import { currentContextOf, type ContextUnion } from './context-union.ts';

/** The contexts as docs/cli.md's `contexts --json` shows them, sorted by name like kubectl. */
export function contextSummaries(union: ContextUnion, rule: 'kubectl' | 'app' = 'kubectl'): ContextSummary[] {
  const current = currentContextOf(union, rule);
  const out: ContextSummary[] = [];
  for (const ctx of union.contexts.values()) {
    out.push({
      name: ctx.name,
      cluster: ctx.context.value.cluster,
      server: ctx.cluster?.value.server ?? '',
      user: ctx.context.value.user,
      namespace: ctx.context.value.namespace ?? '',
      authKind: authKindOf(ctx.user?.value, ctx.storedUser?.secret?.fields),
      source: ctx.origin.kind === 'kubeconfig' ? `kubeconfig:${ctx.origin.file}` : 'imported',
      current: ctx.name === current,
    });
  }
  return out.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
