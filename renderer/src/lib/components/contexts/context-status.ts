// How a context's status shows in the clusters table: its label, and a title naming why.
import type { ContextStatus, ContextsState } from '../../state/contexts.svelte.ts';

export const STATUS_LABEL: Record<ContextStatus, string> = {
  error: 'Broken',
  warning: 'Warning',
  ok: 'Reachable',
  unreachable: 'Unreachable',
  checking: 'Checking…',
  unknown: '—',
};

/** The context's problems, then its last check: the failure, or the server version and user. */
export function statusTitle(contexts: ContextsState, name: string): string {
  const msgs = contexts.problemsOf(name).map((p) => p.message);
  const h = contexts.health[name];
  if (h?.error) msgs.push(h.error.message);
  else if (h?.reachable) msgs.push(`${h.serverVersion ?? ''}${h.username ? ` as ${h.username}` : ''}`);
  return msgs.join('\n');
}
