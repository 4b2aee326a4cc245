// Runs the demo cluster inside the app on request (the empty clusters view offers it): its
// kubeconfig goes to a private temp folder for this run only and is read first, so its `demo`
// context becomes current without touching the user's files or keychain.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AreaHandlers } from '../api/dispatch.ts';
import type { DemoContract, DemoStatus } from '../../shared/contract/demo.ts';
import type { KubeconfigSources } from '../kubeconfig/kubeconfig-sources.ts';
import type { Disposable } from '../lifecycle.ts';
import type { Logger } from '../log.ts';
import { DEMO_CONTEXTS } from './demo-names.ts';
import type { DemoCluster } from './demo-cluster.ts';

export interface DemoServiceDeps {
  /** The core's kubeconfig sources; the demo's file is put first while it runs. */
  sources: KubeconfigSources;
  log: Logger;
  /** Called once the demo's contexts are readable (core re-announces its contexts). */
  onStarted(): Promise<void>;
}

export class DemoService implements Disposable {
  #deps: DemoServiceDeps;
  #running: Promise<{ cluster: DemoCluster; dir: string; file: string }> | undefined;
  #cluster: DemoCluster | undefined;

  constructor(deps: DemoServiceDeps) {
    this.#deps = deps;
  }

  status(): DemoStatus {
    const c = this.#cluster;
    return c ? { running: true, server: c.url, contexts: demoContextNames() } : { running: false, contexts: [] };
  }

  async start(): Promise<DemoStatus> {
    this.#running ??= (async () => {
      // Loaded on demand: certificate generation and the demo world cost nothing at app start.
      const { startDemoCluster } = await import('./demo-cluster.ts');
      const cluster = await startDemoCluster({ log: this.#deps.log });
      const dir = await mkdtemp(join(tmpdir(), 'kubedesk-demo-'));
      const file = await cluster.writeKubeconfig(dir);
      this.#deps.sources.files.unshift(file);
      this.#cluster = cluster;
      this.#deps.log.info('demo cluster started', { server: cluster.url });
      return { cluster, dir, file };
    })();
    try {
      await this.#running;
    } catch (err) {
      this.#running = undefined;
      throw err;
    }
    await this.#deps.onStarted();
    return this.status();
  }

  async dispose(): Promise<void> {
    const running = this.#running;
    this.#running = undefined;
    this.#cluster = undefined;
    if (!running) return;
    const { cluster, dir, file } = await running.catch(() => ({ cluster: undefined, dir: undefined, file: undefined }));
    const at = file ? this.#deps.sources.files.indexOf(file) : -1;
    if (at >= 0) this.#deps.sources.files.splice(at, 1);
    await cluster?.dispose();
    // The kubeconfig holds the demo's throwaway secrets: it does not outlive the run.
    if (dir) await rm(dir, { recursive: true, force: true });
  }
}

function demoContextNames(): string[] {
  return Object.values(DEMO_CONTEXTS);
}

export function createDemoHandlers(demo: DemoService): AreaHandlers<DemoContract> {
  return {
    'demo:status': async () => demo.status(),
    'demo:start': () => demo.start(),
  };
}
