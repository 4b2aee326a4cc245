// The contexts list with its problems: files that failed to load, the store, and kubectl's
// checks on every context's cluster and user, each naming its file and field. A context's
// problem is carried on its row too (`problem`): kubectl lists such a context and fails only
// when it is used (docs/kubeconfig.md). Shared by the app (ContextsService) and `kubedesk contexts`.
import type { ContextProblem, ContextsSnapshot, SourceProblem } from '../../shared/ipc-contract.ts';
import type { SecretStore } from '../credentials/secret-store.ts';
import { describe, KubeDeskError } from '../errors.ts';
import { contextSummaries } from './context-summaries.ts';
import type { ContextUnion, UnionContext } from './context-union.ts';
import type { Sourced } from './kubeconfig-types.ts';
import { fieldPath, locate, validateCluster, validateContextRefs, validateUser, type EntryProblem } from './validate-kubeconfig.ts';

export interface SnapshotOptions {
  rule: 'kubectl' | 'app';
  /** Env for exec command lookups; without it commands are not looked up. */
  execEnv?: NodeJS.ProcessEnv | undefined;
  /** Check that each imported user's keychain entry exists (one keychain call). */
  keychain?: SecretStore | undefined;
  storeFile?: string | undefined;
}

/** kubectl's checks for one context, located in its file. */
export function contextProblems(ctx: UnionContext, execEnv: NodeJS.ProcessEnv | undefined): SourceProblem[] {
  const out: SourceProblem[] = [];
  const add = (entry: Sourced<unknown>, list: 'clusters' | 'users' | 'contexts', p: EntryProblem): void => {
    out.push({
      file: entry.file,
      message: locate(entry, list, p),
      context: ctx.name,
      ...(p.level === 'warning' ? { level: p.level } : {}),
      field: fieldPath(entry, list, p),
      reason: p.message,
    });
  };
  const refs = validateContextRefs(ctx.name, ctx.context.value, {
    cluster: () => ctx.cluster !== undefined,
    user: () => ctx.user !== undefined,
  });
  for (const p of refs) add(ctx.context, 'contexts', p);
  if (ctx.cluster) {
    for (const p of validateCluster(ctx.cluster.name, ctx.cluster.value, { dir: ctx.cluster.dir })) add(ctx.cluster, 'clusters', p);
  }
  if (ctx.user) {
    for (const p of validateUser(ctx.user.name, ctx.user.value, { dir: ctx.user.dir }, { execEnv })) add(ctx.user, 'users', p);
  }
  return out;
}

/** A context's first error (not warning), for its row: kubectl would fail on it when it is used. */
function firstContextProblem(problems: readonly SourceProblem[], name: string): ContextProblem | undefined {
  const p = problems.find((q) => q.context === name && q.level !== 'warning' && q.field !== undefined);
  return p && { field: p.field!, message: p.reason ?? p.message };
}

export async function contextsSnapshot(
  loaded: { union: ContextUnion; problems: Array<{ file: string; message: string }> },
  opts: SnapshotOptions,
): Promise<ContextsSnapshot> {
  const { union } = loaded;
  const problems: SourceProblem[] = loaded.problems.map((p) => ({ file: p.file, message: p.message }));
  for (const ctx of union.contexts.values()) problems.push(...contextProblems(ctx, opts.execEnv));
  for (const name of union.shadowed) {
    const winner = union.contexts.get(name);
    problems.push({
      file: opts.storeFile ?? '',
      message: `imported context "${name}" is hidden by the context of the same name in ${winner?.context.file ?? 'a kubeconfig file'}; rename the imported one`,
      context: name,
      level: 'warning',
    });
  }
  if (opts.keychain) problems.push(...(await keychainProblems(union, opts.keychain)));
  return {
    contexts: contextSummaries(union, opts.rule).map((c) => {
      const problem = firstContextProblem(problems, c.name);
      return problem ? { ...c, problem } : c;
    }),
    problems,
    files: union.files,
    ...(opts.storeFile ? { store: opts.storeFile } : {}),
  };
}

/** Every imported user's keychain entry must exist; one `findAll` for all of them. */
async function keychainProblems(union: ContextUnion, secrets: SecretStore): Promise<SourceProblem[]> {
  const needing = [...union.contexts.values()].filter((c) => c.storedUser?.secret);
  if (needing.length === 0) return [];
  let accounts: Set<string>;
  try {
    accounts = new Set((await secrets.findAll()).map((e) => e.account));
  } catch (err) {
    return [
      {
        file: `keychain (service ${secrets.service})`,
        message: `imported contexts cannot be used: ${err instanceof KubeDeskError ? err.message : describe(err)}`,
      },
    ];
  }
  return needing
    .filter((c) => !accounts.has(c.storedUser!.secret!.account))
    .map((c) => ({
      file: `keychain (service ${secrets.service})`,
      message: `the keychain has no entry "${c.storedUser!.secret!.account}" for imported context "${c.name}"; remove it and import it again`,
      context: c.name,
    }));
}
