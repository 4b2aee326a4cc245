// The first hop (docs/doctor.md, kubeconfig): the context exists, its cluster and user are defined
// and pass kubectl's validation (client-go/tools/clientcmd/validation.go), and a connection can be
// built from them. A failure names the file and the field at fault, as ConnectionProvider does.
import type { ClusterConnection } from '../cluster/cluster-connection.ts';
import type { ConnectionProvider } from '../cluster/connection-provider.ts';
import { KubeDeskError } from '../errors.ts';
import { currentContextOf, type UnionContext } from '../kubeconfig/context-union.ts';
import { fieldPath } from '../kubeconfig/validate-kubeconfig.ts';
import { HopFailure, ok, type HopOutcome } from './hop-runner.ts';

export type DoctorConnections = Pick<ConnectionProvider, 'load' | 'connect'>;

export interface ClusterTarget {
  context: UnionContext;
  conn: ClusterConnection;
}

/** `users[0].user.token`: where a field of the context's cluster or user is, for messages. */
export function fieldOf(ctx: UnionContext, list: 'clusters' | 'users', field: string): string {
  const entry = list === 'clusters' ? ctx.cluster : ctx.user;
  return entry ? fieldPath(entry, list, { field }) : field;
}

/** The context doctor walks: `--context`, else the current one by the face's rule. */
export async function resolveContextName(connections: DoctorConnections, rule: 'kubectl' | 'app', context?: string): Promise<string> {
  if (context) return context;
  const { union } = await connections.load();
  const name = currentContextOf(union, rule);
  if (name === undefined) throw new KubeDeskError('invalid-input', 'no current context: pass --context NAME');
  return name;
}

export async function kubeconfigHop(
  connections: DoctorConnections,
  name: string,
  signal: AbortSignal,
): Promise<{ outcome: HopOutcome; target?: ClusterTarget }> {
  const { union } = await connections.load();
  const ctx = union.contexts.get(name);
  if (!ctx) {
    const known = [...union.contexts.keys()].slice(0, 8).join(', ');
    throw new HopFailure(
      `context was not found for specified context: ${name}`,
      known
        ? `Known contexts: ${known}. Pick one with --context.`
        : 'No kubeconfig defines any context: check KUBECONFIG or ~/.kube/config.',
    );
  }
  let conn: ClusterConnection;
  try {
    conn = await connections.connect(name, signal);
  } catch (err) {
    if (err instanceof KubeDeskError && err.code === 'invalid-input')
      throw new HopFailure(err.message, 'Fix that field in the kubeconfig (docs/kubeconfig.md lists what each one means).');
    throw err;
  }
  const source = ctx.origin.kind === 'kubeconfig' ? ctx.origin.file : 'imported (KubeDesk store)';
  const detail =
    `context ${name}: cluster ${conn.cluster} (${conn.server.origin}), user ${conn.user || '(none)'} (${conn.authKind}), ` +
    `namespace ${conn.namespace}, from ${source}`;
  // insecure-skip-tls-verify is valid here; the tls hop warns about it.
  return { outcome: ok(detail), target: { context: ctx, conn } };
}
