// Shared by the forward integration tests: the demo cluster, a ForwardManager on it, echo
// clients with sha256 checks, and percentile helpers.
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { connect, createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ForwardInfo } from '../../../../electron/shared/ipc-contract.ts';
import { kubeJson } from '../../../../electron/core/cluster/kube-request.ts';
import { startDemoCluster } from '../../../../electron/core/demo/demo-cluster.ts';
import { ForwardManager, type ForwardManagerDeps } from '../../../../electron/core/forward/forward-manager.ts';
import { createKubeBackend } from '../../../../electron/core/forward/kube-backend.ts';
import type { ForwardTransport } from '../../../../electron/core/forward/spdy/link-pool.ts';
import { JsonFileForwardStore } from '../../../../electron/core/forward/json-file-forward-store.ts';
import type { List, Pod } from '../../../../electron/core/kube/kube-objects.ts';
import { silentLogger } from '../../../../electron/core/log.ts';
import { connectKubeconfig, kubeconfigConnections } from '../../../support/kubeconfig-connect.ts';

export type Demo = Awaited<ReturnType<typeof startDemoCluster>>;

export interface DemoForwards {
  demo: Demo;
  kubeconfig: string;
  dir: string;
  manager: ForwardManager;
  events: ForwardInfo[];
  /** Calls `fn` with every ForwardInfo the manager publishes; returns the unsubscribe. */
  subscribe(fn: (info: ForwardInfo) => void): () => void;
  dispose(): Promise<void>;
}

export async function startDemoForwards(opts: Partial<ForwardManagerDeps> = {}): Promise<DemoForwards> {
  const demo = await startDemoCluster({});
  const dir = mkdtempSync(join(tmpdir(), 'kd-fwd-it-'));
  const kubeconfig = await demo.writeKubeconfig(dir);
  const connections = kubeconfigConnections(kubeconfig);
  const events: ForwardInfo[] = [];
  const listeners = new Set<(info: ForwardInfo) => void>();
  const manager = new ForwardManager({
    connect: connections.connect,
    store: new JsonFileForwardStore(join(dir, 'forwards.json')),
    log: silentLogger,
    onChange: (i) => {
      events.push(i);
      for (const l of listeners) l(i);
    },
    ...opts,
  });
  return {
    demo,
    kubeconfig,
    dir,
    manager,
    events,
    subscribe: (fn) => {
      listeners.add(fn);
      return () => void listeners.delete(fn);
    },
    dispose: async () => {
      await manager.dispose();
      connections.dispose();
      await demo.dispose();
    },
  };
}

/** Forwards that speak only `transport` (an apiserver offering only that path, as far as they know). */
export function startTransportForwards(transport: ForwardTransport, session: ForwardManagerDeps['session'] = {}): Promise<DemoForwards> {
  return startDemoForwards({
    createBackend: (o) => createKubeBackend({ ...o, transports: [transport] }),
    session: { healthIntervalMs: 0, ...session },
  });
}

/** Forwards a local port to the demo's `shop/echo` service port 9000 (a TCP echo). */
export function addEchoForward(t: DemoForwards): Promise<ForwardInfo> {
  return t.manager.add({ context: 'demo', namespace: 'shop', target: 'svc/echo', ports: [':9000'], addresses: ['127.0.0.1'] });
}

/** Pods of `shop` matching a label selector, as the apiserver lists them. */
async function listPods(kubeconfig: string, selector: string, namespace = 'shop'): Promise<Pod[]> {
  const conn = await connectKubeconfig(kubeconfig, 'demo');
  try {
    return (await kubeJson<List<Pod>>(conn, { path: `/api/v1/namespaces/${namespace}/pods`, query: { labelSelector: selector } })).items;
  } finally {
    conn.dispose();
  }
}

export async function runningPod(kubeconfig: string, selector: string): Promise<string> {
  for (let i = 0; i < 200; i++) {
    const pods = await listPods(kubeconfig, selector);
    const p = pods.find((x) => x.status?.phase === 'Running' && !x.metadata.deletionTimestamp);
    if (p) return p.metadata.name!;
    await sleep(50);
  }
  throw new Error(`no running pod for ${selector}`);
}

export function sha256(b: Buffer): string {
  return createHash('sha256').update(b).digest('hex');
}

/**
 * Writes `payload` to 127.0.0.1:port, reads as many bytes back, resolves with them. Rejects on
 * error, early close or timeout.
 */
export function echoRoundTrip(port: number, payload: Buffer, timeoutMs = 20_000, host = '127.0.0.1'): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let n = 0;
    const s = connect({ host, port }, () => s.end(payload));
    const timer = setTimeout(() => {
      s.destroy();
      reject(new Error(`echo timed out after ${n}/${payload.length} bytes`));
    }, timeoutMs);
    s.setNoDelay(true);
    s.on('data', (d: Buffer) => {
      chunks.push(d);
      n += d.length;
      if (n >= payload.length) {
        clearTimeout(timer);
        s.destroy();
        resolve(Buffer.concat(chunks));
      }
    });
    s.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    s.on('close', () => {
      clearTimeout(timer);
      if (n < payload.length) reject(new Error(`closed after ${n}/${payload.length} bytes`));
    });
  });
}

/** True when a fresh connection echoes a small random payload byte-exactly. */
export async function echoWorks(port: number, timeoutMs = 3000): Promise<boolean> {
  const p = randomBytes(64);
  try {
    return (await echoRoundTrip(port, p, timeoutMs)).equals(p);
  } catch {
    return false;
  }
}

export function percentile(values: number[], p: number): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))]!;
}

export async function freePort(host = '127.0.0.1'): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, host, r));
  const port = (s.address() as AddressInfo).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

export async function until(cond: () => boolean | Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}
