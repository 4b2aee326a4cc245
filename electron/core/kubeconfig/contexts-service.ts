// The contexts the app knows, kept current: kubeconfig files and the app store are watched, and
// every change emits `contexts:changed`. Also the app's operations on them: import (paste or drop
// a kubeconfig), add, remove, rename, use, detail and health.
import { mkdirSync, watch, type FSWatcher } from 'node:fs';
import { basename, dirname } from 'node:path';
import type { AddClusterRequest, ContextDetail, ContextHealth, ContextsSnapshot, ImportPreviewEntry } from '../../shared/ipc-contract.ts';
import { clusterHealth } from '../cluster/cluster-health.ts';
import type { ConnectionProvider } from '../cluster/connection-provider.ts';
import type { ExecPromptBroker } from '../cluster/exec-prompts.ts';
import type { SecretStore } from '../credentials/secret-store.ts';
import { KubeDeskError } from '../errors.ts';
import type { EventBus } from '../events.ts';
import type { Disposable } from '../lifecycle.ts';
import type { Logger } from '../log.ts';
import type { ImportedContexts } from '../store/imported-contexts.ts';
import { addClusterCandidate } from './add-cluster.ts';
import { authKindOf } from './auth-kind.ts';
import { contextDetail } from './context-detail.ts';
import { contextProblems, contextsSnapshot } from './contexts-snapshot.ts';
import { contextSummaries } from './context-summaries.ts';
import { importCandidates } from './import-candidates.ts';
import type { KubeconfigSources } from './kubeconfig-sources.ts';
import { parseKubeconfig } from './parse-kubeconfig.ts';

export interface ContextsServiceDeps {
  sources: KubeconfigSources;
  imported: ImportedContexts;
  connections: ConnectionProvider;
  /** The keychain, checked for every imported user's entry on each snapshot. */
  secrets?: SecretStore | undefined;
  events: EventBus;
  log: Logger;
  /** The env exec commands are looked up in (the login shell's for a GUI launch). */
  execEnv: () => Promise<NodeJS.ProcessEnv>;
  /** Interactive exec plugins waiting for a line from the window (the app's `exec.prompter`). */
  prompts?: ExecPromptBroker | undefined;
  now?: () => Date;
}

const PASTED = '<pasted text>';

export class ContextsService implements Disposable {
  #deps: ContextsServiceDeps;
  #watchers: FSWatcher[] = [];
  #timer: NodeJS.Timeout | undefined;
  #last = '';
  /** The exec env once resolved; until then exec commands are not looked up (no false banner). */
  #execEnv: NodeJS.ProcessEnv | undefined;
  #disposed = false;

  constructor(deps: ContextsServiceDeps) {
    this.#deps = deps;
    // The login shell may take a second or two: the list must not wait for it.
    void deps.execEnv().then((env) => {
      this.#execEnv = env;
      if (!this.#disposed) this.#schedule();
    });
  }

  async snapshot(): Promise<ContextsSnapshot> {
    const loaded = await this.#deps.connections.load();
    for (const notice of this.#deps.imported.store.notices) loaded.problems.push({ file: this.#deps.imported.store.file, message: notice });
    return contextsSnapshot(loaded, {
      rule: 'app',
      execEnv: this.#execEnv,
      keychain: this.#deps.secrets,
      storeFile: this.#deps.imported.store.file,
    });
  }

  async detail(name: string): Promise<ContextDetail> {
    const { union } = await this.#deps.connections.load();
    const ctx = union.contexts.get(name);
    if (!ctx) throw new KubeDeskError('not-found', `context was not found for specified context: ${name}`);
    const summary = contextSummaries(union, 'app').find((s) => s.name === name)!;
    const env = await this.#deps.execEnv();
    return contextDetail(ctx, summary, contextProblems(ctx, env), env);
  }

  /** What a pasted or dropped kubeconfig holds, before importing it. */
  async preview(yaml: string): Promise<ImportPreviewEntry[]> {
    const file = parseKubeconfig(PASTED, yaml);
    const { union } = await this.#deps.connections.load();
    const clusters = new Map(file.clusters.map((c) => [c.name, c.value]));
    const users = new Map(file.users.map((u) => [u.name, u.value]));
    return file.contexts.map((c) => ({
      name: c.name,
      cluster: c.value.cluster,
      server: clusters.get(c.value.cluster)?.server ?? '',
      user: c.value.user,
      namespace: c.value.namespace ?? '',
      authKind: authKindOf(users.get(c.value.user)),
      exists: union.contexts.has(c.name) || union.shadowed.includes(c.name),
    }));
  }

  async importYaml(yaml: string, names: string[] | undefined): Promise<{ imported: string[] }> {
    const candidates = importCandidates({ label: PASTED, text: yaml }, names, { execEnv: await this.#deps.execEnv() });
    const r = await this.#deps.imported.import(candidates, 'paste');
    await this.#changed();
    return { imported: r.value };
  }

  async add(req: AddClusterRequest): Promise<{ name: string }> {
    const { union } = await this.#deps.connections.load();
    const existing = union.contexts.get(req.name);
    if (existing)
      throw new KubeDeskError(
        'invalid-input',
        `a context named "${req.name}" already exists (${existing.context.file}); choose another name`,
      );
    await this.#deps.imported.import([addClusterCandidate(req)], 'form');
    await this.#changed();
    return { name: req.name };
  }

  async remove(name: string): Promise<void> {
    await this.#onlyImported(name);
    await this.#deps.imported.remove(name);
    this.#deps.connections.forget();
    await this.#changed();
  }

  async rename(from: string, to: string): Promise<void> {
    await this.#onlyImported(from);
    const { union } = await this.#deps.connections.load();
    const taken = union.contexts.get(to);
    if (taken && to !== from) throw new KubeDeskError('invalid-input', `a context named "${to}" already exists (${taken.context.file})`);
    await this.#deps.imported.rename(from, to);
    await this.#changed();
  }

  /** The app's current context: kept in the store; the user's kubeconfig files are not edited. */
  async use(name: string): Promise<void> {
    const { union } = await this.#deps.connections.load();
    if (!union.contexts.has(name)) throw new KubeDeskError('not-found', `context was not found for specified context: ${name}`);
    await this.#deps.imported.setCurrent(name);
    await this.#changed();
  }

  /** The user's line for an interactive exec plugin; it goes to the plugin's stdin only. */
  async answerPrompt(id: string, text: string): Promise<void> {
    if (!this.#deps.prompts) throw new KubeDeskError('not-found', 'no credential plugin is waiting for an answer');
    this.#deps.prompts.answer(id, text);
  }

  health(name: string, signal?: AbortSignal): Promise<ContextHealth> {
    return clusterHealth(name, () => this.#deps.connections.connect(name, signal), this.#deps.now ?? (() => new Date()), signal);
  }

  async #onlyImported(name: string): Promise<void> {
    const { union } = await this.#deps.connections.load();
    const ctx = union.contexts.get(name);
    if (!ctx) throw new KubeDeskError('not-found', `context was not found for specified context: ${name}`);
    if (ctx.origin.kind === 'kubeconfig') {
      throw new KubeDeskError(
        'invalid-input',
        `context "${name}" comes from ${ctx.origin.file}; KubeDesk does not edit kubeconfig files (use kubectl config delete-context or rename-context there)`,
      );
    }
  }

  /** Watches the kubeconfig files' folders and KUBEDESK_HOME (editors and kubectl replace files by rename). */
  watch(): void {
    if (this.#watchers.length > 0) return;
    // So an import by `kubedesk import` is seen even before the app's first one.
    try {
      mkdirSync(this.#deps.imported.store.home, { recursive: true, mode: 0o700 });
    } catch {}
    const byDir = new Map<string, Set<string>>();
    for (const f of [...this.#deps.sources.files, this.#deps.imported.store.file]) {
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
        // A missing ~/.kube or KUBEDESK_HOME is normal on a new laptop.
        this.#deps.log.debug('folder not watched', { dir, error: (err as Error).message });
      }
    }
  }

  #schedule(): void {
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.#reload(), 100);
  }

  async #changed(): Promise<void> {
    clearTimeout(this.#timer);
    await this.#reload();
  }

  async #reload(): Promise<void> {
    try {
      const snap = await this.snapshot();
      const key = JSON.stringify(snap);
      if (key === this.#last) return;
      this.#last = key;
      this.#deps.events.emit('contexts:changed', snap);
    } catch (err) {
      this.#deps.log.warn('contexts reload failed', { error: (err as Error).message });
    }
  }

  dispose(): void {
    this.#disposed = true;
    clearTimeout(this.#timer);
    for (const w of this.#watchers) w.close();
    this.#watchers = [];
  }
}
