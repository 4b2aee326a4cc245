// The contexts list with its problems: files that failed to load, the store, and kubectl's
// checks on every context's cluster and user, each naming its file and field (issue 5). Shared
// by the app (ContextsService) and `kubedesk contexts`.
import type { ContextsSnapshot, SourceProblem } from '../../shared/ipc-contract.ts';
import type { SecretStore } from '../credentials/secret-store.ts';
import { describe, KubeDeskError } from '../errors.ts';
import { contextSummaries } from './context-summaries.ts';
import type { ContextUnion, UnionContext } from './context-union.ts';
import { locate, validateCluster, validateContextRefs, validateUser } from './validate-kubeconfig.ts';

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
  const add = (file: string, message: string, level: 'error' | 'warning'): void => {
    out.push({ file, message, context: ctx.name, ...(level === 'warning' ? { level } : {}) });
  };
  const refs = validateContextRefs(ctx.name, ctx.context.value, {
    cluster: () => ctx.cluster !== undefined,
    user: () => ctx.user !== undefined,
  });
  for (const p of refs) add(ctx.context.file, locate(ctx.context, 'contexts', p), 'error');
  if (ctx.cluster) {
    for (const p of validateCluster(ctx.cluster.name, ctx.cluster.value, { dir: ctx.cluster.dir })) {
      add(ctx.cluster.file, locate(ctx.cluster, 'clusters', p), p.level);
    }
  }
  if (ctx.user) {
    for (const p of validateUser(ctx.user.name, ctx.user.value, { dir: ctx.user.dir }, { execEnv })) {
      add(ctx.user.file, locate(ctx.user, 'users', p), p.level);
    }
  }
  return out;
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
    contexts: contextSummaries(union, opts.rule),
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
