// The contexts the app knows, kept current: reloads when a kubeconfig file changes and emits
// `contexts:changed`.
import { watch, type FSWatcher } from 'node:fs';
import { basename, dirname } from 'node:path';
import type { ContextsSnapshot } from '../../shared/ipc-contract.ts';
import type { EventBus } from '../events.ts';
import type { Disposable } from '../lifecycle.ts';
import type { Logger } from '../log.ts';
import { contextSummaries } from './context-summaries.ts';
import type { KubeconfigSources } from './kubeconfig-sources.ts';
import { loadKubeconfig } from './load-kubeconfig.ts';

export interface ContextsServiceDeps {
  sources: KubeconfigSources;
  events: EventBus;
  log: Logger;
}

export class ContextsService implements Disposable {
  #deps: ContextsServiceDeps;
  #watchers: FSWatcher[] = [];
  #timer: NodeJS.Timeout | undefined;
  #last = '';

  constructor(deps: ContextsServiceDeps) {
    this.#deps = deps;
  }

  async snapshot(): Promise<ContextsSnapshot> {
    const { merged, problems } = await loadKubeconfig(this.#deps.sources);
    return { contexts: contextSummaries(merged), problems, files: merged.files };
  }

  /** Watches the source files' folders (editors and kubectl replace files by rename). */
  watch(): void {
    if (this.#watchers.length > 0) return;
    const byDir = new Map<string, Set<string>>();
    for (const f of this.#deps.sources.files) {
      const names = byDir.get(dirname(f)) ?? new Set<string>();
      names.add(basename(f));
      byDir.set(dirname(f), names);
    }
    for (const [dir, names] of byDir) {
      try {
        const w = watch(dir, { persistent: false }, (_type, file) => {
          if (file === null || names.has(file.toString())) this.#schedule();
        });
        w.on('error', (err) => this.#deps.log.warn('kubeconfig watch failed', { dir, error: err.message }));
        this.#watchers.push(w);
      } catch (err) {
        // A missing ~/.kube is normal on a new laptop.
        this.#deps.log.debug('kubeconfig folder not watched', { dir, error: (err as Error).message });
      }
    }
  }

  #schedule(): void {
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.#reload(), 100);
  }

  async #reload(): Promise<void> {
    try {
      const snap = await this.snapshot();
      const key = JSON.stringify(snap);
      if (key === this.#last) return;
      this.#last = key;
      this.#deps.events.emit('contexts:changed', snap);
    } catch (err) {
      this.#deps.log.warn('kubeconfig reload failed', { error: (err as Error).message });
    }
  }

  dispose(): void {
    clearTimeout(this.#timer);
    for (const w of this.#watchers) w.close();
    this.#watchers = [];
  }
}
