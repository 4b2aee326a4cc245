// The one way the built-in demo cluster starts (docs/demo-cluster.md): the app's "Start the demo"
// offer, `kubedesk serve --demo` and `kubedesk demo` all run it through a DemoService. Its
// kubeconfig goes to the folder asked for, or to a private temp folder removed with the run; a
// face that reads kubeconfig sources gets that file put first while the demo runs (so its `demo`
// context is current), without touching the user's files or keychain.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AreaHandlers } from '../api/dispatch.ts';
import type { DemoContract, DemoStatus } from '../../shared/contract/demo.ts';
import { DisposableStore, toDisposable, type Disposable } from '../lifecycle.ts';
import type { Logger } from '../log.ts';
import type { DemoChaos } from './chaos.ts';
import { startRestartLoop, type RestartLoopOptions } from './chaos-loop.ts';
import { DEMO_CONTEXTS } from './demo-names.ts';

export interface DemoServiceDeps {
  log: Logger;
  /** Kubeconfig sources that read the demo's file first while it runs (the face's); absent: none. */
  sources?: { putFirst(file: string): Disposable } | undefined;
}

export interface DemoStartOptions {
  /** The apiserver's port; 0 (default) = the OS picks. */
  port?: number;
  /** Extra services in namespace `bulk`, for scale tests. */
  services?: number;
  /** Latency added to every apiserver request. */
  latencyMs?: number;
  /** Where DIR/kubeconfig is written (kept on stop); absent: a temp folder removed on stop. */
  dir?: string | undefined;
  /** Restart the oldest pod of a Deployment on a timer while the demo runs (`--restart-every`). */
  restart?: RestartLoopOptions | undefined;
}

export interface RunningDemo {
  /** https://127.0.0.1:PORT */
  url: string;
  /** The kubeconfig written for this run. */
  kubeconfig: string;
  chaos: DemoChaos;
}

interface Run extends RunningDemo {
  store: DisposableStore;
}

export class DemoService implements Disposable {
  #deps: DemoServiceDeps;
  #starting: Promise<Run> | undefined;
  #run: Run | undefined;
  #onStarted = new Set<() => Promise<void>>();

  constructor(deps: DemoServiceDeps) {
    this.#deps = deps;
  }

  /** Runs `listener` after each start, once the demo's contexts are readable; start() awaits it. */
  onStarted(listener: () => Promise<void>): Disposable {
    this.#onStarted.add(listener);
    return toDisposable(() => void this.#onStarted.delete(listener));
  }

  status(): DemoStatus {
    const r = this.#run;
    return r ? { running: true, server: r.url, contexts: Object.values(DEMO_CONTEXTS) } : { running: false, contexts: [] };
  }

  /** Starts the demo once; later calls (the UI's button pressed twice) get the same run. */
  async start(opts: DemoStartOptions = {}): Promise<RunningDemo> {
    this.#starting ??= this.#start(opts);
    let run: Run;
    try {
      run = await this.#starting;
    } catch (err) {
      this.#starting = undefined;
      throw err;
    }
    for (const listener of this.#onStarted) await listener();
    return { url: run.url, kubeconfig: run.kubeconfig, chaos: run.chaos };
  }

  async #start(opts: DemoStartOptions): Promise<Run> {
    const store = new DisposableStore();
    try {
      // Loaded on demand: certificates and the demo world cost nothing until the demo runs.
      const { startDemoCluster } = await import('./demo-cluster.ts');
      const cluster = store.add(
        await startDemoCluster({ port: opts.port, services: opts.services, latencyMs: opts.latencyMs, log: this.#deps.log }),
      );
      let dir = opts.dir;
      if (dir === undefined) {
        const temp = await mkdtemp(join(tmpdir(), 'kubedesk-demo-'));
        // The kubeconfig holds the demo's throwaway secrets: a folder we made does not outlive the run.
        store.defer(() => rm(temp, { recursive: true, force: true }));
        dir = temp;
      }
      const kubeconfig = await cluster.writeKubeconfig(dir);
      if (this.#deps.sources) store.add(this.#deps.sources.putFirst(kubeconfig));
      if (opts.restart) store.add(startRestartLoop(cluster.chaos, opts.restart));
      this.#deps.log.info('demo cluster started', { server: cluster.url });
      const run: Run = { url: cluster.url, kubeconfig, chaos: cluster.chaos, store };
      this.#run = run;
      return run;
    } catch (err) {
      await store.dispose();
      throw err;
    }
  }

  async dispose(): Promise<void> {
    const starting = this.#starting;
    this.#starting = undefined;
    this.#run = undefined;
    if (!starting) return;
    const run = await starting.catch(() => undefined);
    this.#run = undefined;
    await run?.store.dispose();
  }
}

export function createDemoHandlers(demo: DemoService): AreaHandlers<DemoContract> {
  return {
    'demo:status': async () => demo.status(),
    'demo:start': async () => {
      await demo.start();
      return demo.status();
    },
  };
}
