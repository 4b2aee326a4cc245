// Which kubeconfig files to read, in precedence order (kubectl's loading rules,
// client-go tools/clientcmd/loader.go; docs/kubeconfig.md).
import { homedir } from 'node:os';
import { delimiter, join, resolve } from 'node:path';
import { toDisposable, type Disposable } from '../lifecycle.ts';

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

/**
 * The sources a long-running face reads, with room for files put in front for a while (the
 * demo cluster's kubeconfig while it runs). `files` is a fresh list on every read: the base
 * sources are never edited in place.
 */
export class LayeredKubeconfigSources implements KubeconfigSources {
  readonly mustExist: boolean;
  readonly origin: KubeconfigSources['origin'];
  #base: readonly string[];
  #front: string[] = [];

  constructor(base: KubeconfigSources) {
    this.#base = [...base.files];
    this.mustExist = base.mustExist;
    this.origin = base.origin;
  }

  get files(): string[] {
    return [...this.#front, ...this.#base.filter((f) => !this.#front.includes(f))];
  }

  /** Reads `file` before every other source until the returned Disposable is disposed. */
  putFirst(file: string): Disposable {
    this.#front.unshift(file);
    return toDisposable(() => {
      const at = this.#front.indexOf(file);
      if (at >= 0) this.#front.splice(at, 1);
    });
  }
}
