// Reads and merges kubeconfig files with kubectl's rules (docs/kubeconfig.md, Merging), not client-node's:
// the first file to define a name wins, whole entry; current-context from the first file that
// sets it; missing files in KUBECONFIG are skipped. One bad file is reported as a problem and
// never hides the contexts of the others (Headlamp's ContextLoadError pattern, docs/architecture.md).
import { readFile } from 'node:fs/promises';
import type { SourceProblem } from '../../shared/ipc-contract.ts';
import { describe, KubeDeskError } from '../errors.ts';
import type { KubeconfigFile, MergedKubeconfig } from './kubeconfig-types.ts';
import { MAX_KUBECONFIG_BYTES, parseKubeconfig } from './parse-kubeconfig.ts';
import type { KubeconfigSources } from './kubeconfig-sources.ts';

export interface LoadedKubeconfig {
  merged: MergedKubeconfig;
  problems: SourceProblem[];
}

function mergeKubeconfigs(files: KubeconfigFile[], allFiles: string[]): MergedKubeconfig {
  const merged: MergedKubeconfig = { files: allFiles, clusters: new Map(), users: new Map(), contexts: new Map() };
  for (const f of files) {
    for (const c of f.clusters) if (!merged.clusters.has(c.name)) merged.clusters.set(c.name, c);
    for (const u of f.users) if (!merged.users.has(u.name)) merged.users.set(u.name, u);
    for (const c of f.contexts) if (!merged.contexts.has(c.name)) merged.contexts.set(c.name, c);
    if (merged.currentContext === undefined && f.currentContext) merged.currentContext = f.currentContext;
  }
  return merged;
}

/** A kubeconfig file's text; undefined when it does not exist; errors name the file. */
export async function readKubeconfigText(file: string): Promise<string | undefined> {
  try {
    const buf = await readFile(file);
    if (buf.length > MAX_KUBECONFIG_BYTES) {
      throw new KubeDeskError(
        'invalid-input',
        `${file}: file is larger than ${MAX_KUBECONFIG_BYTES / (1024 * 1024)} MiB; not a kubeconfig`,
      );
    }
    return buf.toString('utf8');
  } catch (err) {
    if (err instanceof KubeDeskError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined;
    if (code === 'EACCES' || code === 'EPERM') throw new KubeDeskError('invalid-input', `${file}: permission denied`);
    if (code === 'EISDIR') throw new KubeDeskError('invalid-input', `${file}: is a directory, not a file`);
    throw new KubeDeskError('invalid-input', `${file}: ${describe(err)}`);
  }
}

/** Loads every source file. Throws only when an explicit file (`--kubeconfig`) is missing. */
export async function loadKubeconfig(sources: KubeconfigSources): Promise<LoadedKubeconfig> {
  const parsed: KubeconfigFile[] = [];
  const problems: SourceProblem[] = [];
  for (const file of sources.files) {
    let text: string | undefined;
    try {
      text = await readKubeconfigText(file);
      if (text === undefined) {
        if (sources.origin === 'flag') throw new KubeDeskError('not-found', `${file}: no such file`);
        continue;
      }
      parsed.push(parseKubeconfig(file, text));
    } catch (err) {
      if (err instanceof KubeDeskError && err.code === 'not-found') throw err;
      problems.push({ file, message: err instanceof Error ? err.message : String(err) });
    }
  }
  return { merged: mergeKubeconfigs(parsed, sources.files), problems };
}
