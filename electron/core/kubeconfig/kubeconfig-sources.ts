// Which kubeconfig files to read, in precedence order (SPEC.md §4.1).
import { homedir } from 'node:os';
import { delimiter, join, resolve } from 'node:path';

export interface KubeconfigSourceInput {
  /** `--kubeconfig PATH`: only that file, unmerged; a missing file is an error. */
  flag?: string | undefined;
  /** The `KUBECONFIG` value. */
  env?: string | undefined;
  home?: string | undefined;
  cwd?: string | undefined;
  /** Path-list separator; defaults to the OS's (`:` or `;`). */
  separator?: string;
}

export interface KubeconfigSources {
  files: string[];
  /** True for `--kubeconfig` and the single default file: a missing explicit file is an error. */
  mustExist: boolean;
  origin: 'flag' | 'env' | 'default';
}

export function resolveKubeconfigSources(input: KubeconfigSourceInput): KubeconfigSources {
  const cwd = input.cwd ?? process.cwd();
  if (input.flag !== undefined && input.flag !== '') {
    return { files: [resolve(cwd, input.flag)], mustExist: true, origin: 'flag' };
  }
  if (input.env !== undefined && input.env !== '') {
    const seen = new Set<string>();
    const files: string[] = [];
    for (const entry of input.env.split(input.separator ?? delimiter)) {
      if (entry === '') continue;
      const full = resolve(cwd, entry);
      if (seen.has(full)) continue;
      seen.add(full);
      files.push(full);
    }
    if (files.length > 0) return { files, mustExist: false, origin: 'env' };
  }
  return { files: [join(input.home ?? homedir(), '.kube', 'config')], mustExist: false, origin: 'default' };
}
