// Where each pod IP + port really is: the demo's pods have fake cluster IPs (10.244.x.y) in the
// API, and this registry maps `ip:port` to the local server that plays the container
// (127.0.0.1:<ephemeral>), or to the apiserver itself for the `kubernetes` endpoints. The
// service proxy and port-forward dial through it; restarting a pod closes its servers, which
// drops every connection to it.
import type { Logger } from '../log.ts';
import { startBackend, type BackendContext, type BackendKind, type RunningBackend } from './backend-servers.ts';

export interface BackendTarget {
  host: string;
  port: number;
}

export interface PodBackendSpec {
  containerPort: number;
  kind: BackendKind;
}

interface PodEntry {
  ip: string;
  running: Array<{ containerPort: number; backend: RunningBackend }>;
}

export class BackendRegistry {
  #byAddress = new Map<string, BackendTarget>();
  #byPod = new Map<string, PodEntry>();
  #tls: BackendContext['tls'];
  #onLog: ((namespace: string, pod: string, line: string) => void) | undefined;
  #log: Logger | undefined;
  #disposed = false;

  constructor(opts: { tls?: BackendContext['tls']; onLog?: (namespace: string, pod: string, line: string) => void; log?: Logger } = {}) {
    this.#tls = opts.tls;
    this.#onLog = opts.onLog;
    this.#log = opts.log;
  }

  /** A fixed mapping, e.g. an apiserver endpoint address to the demo apiserver's port. */
  alias(ip: string, port: number, target: BackendTarget): void {
    this.#byAddress.set(`${ip}:${port}`, target);
  }

  resolve(ip: string, port: number): BackendTarget | undefined {
    return this.#byAddress.get(`${ip}:${port}`);
  }

  /** Starts the servers playing a pod's containers and maps `ip:containerPort` to them. */
  async startPod(namespace: string, pod: string, ip: string, specs: readonly PodBackendSpec[]): Promise<void> {
    if (this.#disposed || specs.length === 0) return;
    const key = `${namespace}/${pod}`;
    const entry: PodEntry = { ip, running: [] };
    this.#byPod.set(key, entry);
    const ctx: BackendContext = {
      namespace,
      pod,
      ...(this.#tls ? { tls: this.#tls } : {}),
      onLog: (line) => this.#onLog?.(namespace, pod, line),
    };
    const started = await Promise.all(
      specs.map(async (s) => ({ containerPort: s.containerPort, backend: await startBackend(s.kind, ctx) })),
    );
    if (this.#disposed || this.#byPod.get(key) !== entry) {
      await Promise.all(started.map((s) => s.backend.close()));
      return;
    }
    for (const s of started) {
      entry.running.push(s);
      this.#byAddress.set(`${ip}:${s.containerPort}`, { host: '127.0.0.1', port: s.backend.port });
    }
    this.#log?.debug('demo backend started', { namespace, pod, count: started.length });
  }

  /** Closes a pod's servers (dropping its connections) and forgets its addresses. */
  async stopPod(namespace: string, pod: string): Promise<void> {
    const key = `${namespace}/${pod}`;
    const entry = this.#byPod.get(key);
    if (!entry) return;
    this.#byPod.delete(key);
    for (const r of entry.running) this.#byAddress.delete(`${entry.ip}:${r.containerPort}`);
    await Promise.all(entry.running.map((r) => r.backend.close()));
  }

  hasPod(namespace: string, pod: string): boolean {
    return this.#byPod.has(`${namespace}/${pod}`);
  }

  async dispose(): Promise<void> {
    if (this.#disposed) return;
    this.#disposed = true;
    const all = [...this.#byPod.values()];
    this.#byPod.clear();
    this.#byAddress.clear();
    await Promise.all(all.flatMap((e) => e.running.map((r) => r.backend.close())));
  }
}
