// A kubeconfig given to `kubedesk import` (a file, stdin, or text pasted or dropped in the app) →
// the contexts to import, each with its own cluster and user. Every problem is an error naming
// the source and field, and nothing is imported unless everything checks out.
import { hasPathSeparator } from '../cluster/find-executable.ts';
import { KubeDeskError } from '../errors.ts';
import type { ImportCandidate } from '../store/imported-contexts.ts';
import type { ClusterFields, KubeconfigFile, Sourced, UserFields } from './kubeconfig-types.ts';
import { parseKubeconfig } from './parse-kubeconfig.ts';
import { locate, resolveAgainst, validateCluster, validateContextRefs, validateUser, type ValidateOptions } from './validate-kubeconfig.ts';

export interface ImportSource {
  /** What error messages call it: a path, `<stdin>` or `<pasted text>`. */
  label: string;
  /** The folder relative paths resolve against; none for pasted text. */
  dir?: string | undefined;
  text: string;
}

function fail(message: string): never {
  throw new KubeDeskError('invalid-input', message);
}

/** Absolute paths for every path field (docs/kubeconfig.md, Paths), so the store never depends on a cwd. */
function absolutePaths<T extends ClusterFields | UserFields>(entry: Sourced<T>, list: 'clusters' | 'users', dir: string | undefined): T {
  const out: Record<string, unknown> = { ...entry.value };
  const fix = (field: string, value: string | undefined, set: (v: string) => void): void => {
    if (!value) return;
    const full = resolveAgainst(dir, value);
    if (full === value && dir === undefined && !/^([a-zA-Z]:)?[\\/]/.test(value)) {
      fail(
        locate(entry, list, {
          field,
          message: `relative path "${value}" in pasted text; use an absolute path or the -data field`,
          level: 'error',
        }),
      );
    }
    set(full);
  };
  if (list === 'clusters') {
    fix('certificate-authority', out['certificate-authority'] as string | undefined, (v) => (out['certificate-authority'] = v));
  } else {
    for (const f of ['client-certificate', 'client-key', 'tokenFile']) fix(f, out[f] as string | undefined, (v) => (out[f] = v));
    const u = entry.value as UserFields;
    if (u.exec && hasPathSeparator(u.exec.command)) fix('exec.command', u.exec.command, (v) => (out['exec'] = { ...u.exec, command: v }));
    const cfg = u['auth-provider']?.config;
    if (cfg?.['idp-certificate-authority']) {
      fix('auth-provider.config.idp-certificate-authority', cfg['idp-certificate-authority'], (v) => {
        out['auth-provider'] = { ...u['auth-provider'], config: { ...cfg, 'idp-certificate-authority': v } };
      });
    }
  }
  return out as T;
}

export function importCandidates(src: ImportSource, names: string[] | undefined, opts: ValidateOptions = {}): ImportCandidate[] {
  const file: KubeconfigFile = parseKubeconfig(src.label, src.text);
  // Pasted text has no folder: parseKubeconfig's `dir` would be the label's; use ours.
  const dir = src.dir;
  if (file.contexts.length === 0) fail(`${src.label}: no contexts to import`);
  const byName = new Map(file.contexts.map((c) => [c.name, c]));
  const selected = names && names.length > 0 ? names : file.contexts.map((c) => c.name);
  const clusters = new Map(file.clusters.map((c) => [c.name, c]));
  const users = new Map(file.users.map((u) => [u.name, u]));
  const out: ImportCandidate[] = [];
  for (const name of selected) {
    const ctx = byName.get(name);
    if (!ctx) fail(`${src.label}: context "${name}" not found (it has ${file.contexts.map((c) => c.name).join(', ')})`);
    const refs = validateContextRefs(name, ctx.value, { cluster: (n) => clusters.has(n), user: (n) => users.has(n) });
    if (refs[0]) fail(locate(ctx, 'contexts', refs[0]));
    const cluster = clusters.get(ctx.value.cluster)!;
    const user = users.get(ctx.value.user)!;
    const clusterProblem = validateCluster(cluster.name, cluster.value, { dir }).find((p) => p.level === 'error');
    if (clusterProblem) fail(locate(cluster, 'clusters', clusterProblem));
    const userProblem = validateUser(user.name, user.value, { dir }, opts).find((p) => p.level === 'error');
    if (userProblem) fail(locate(user, 'users', userProblem));
    out.push({
      name,
      namespace: ctx.value.namespace,
      cluster: { name: cluster.name, fields: absolutePaths(cluster, 'clusters', dir) },
      user: { name: user.name, fields: absolutePaths(user, 'users', dir) },
    });
  }
  return out;
}
