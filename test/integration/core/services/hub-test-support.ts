// A ServiceHub over the demo cluster's kubeconfig, recording every ServicesChanged and log line.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ServicesChanged, ServiceSummary } from '../../../../electron/shared/contract/services.ts';
import { startDemoCluster, type DemoCluster, type DemoClusterOptions } from '../../../../electron/core/demo/demo-cluster.ts';
import { createLogger } from '../../../../electron/core/log.ts';
import { ServiceHub, type ServiceHubDeps } from '../../../../electron/core/services/service-hub.ts';
import { kubeconfigConnections } from '../../../support/kubeconfig-connect.ts';

export interface HubWorld {
  demo: DemoCluster;
  kubeconfig: string;
  hub: ServiceHub;
  /** Every batch, with when it arrived (performance.now()). */
  changes: Array<{ at: number; change: ServicesChanged }>;
  onChange: (c: ServicesChanged) => void;
  logs: string[];
  dispose(): Promise<void>;
}

export async function startHubWorld(opts: { demo?: DemoClusterOptions; hub?: Partial<ServiceHubDeps> } = {}): Promise<HubWorld> {
  const demo = await startDemoCluster(opts.demo);
  const dir = mkdtempSync(join(tmpdir(), 'kd-hub-'));
  const kubeconfig = await demo.writeKubeconfig(dir);
  const connections = kubeconfigConnections(kubeconfig);
  const logs: string[] = [];
  const log = createLogger({ level: 'debug', write: (line) => logs.push(line) });
  const hub = new ServiceHub({
    connect: connections.connect,
    log,
    lingerMs: 0,
    batchMs: 50,
    reflector: { backoff: (n) => Math.min(1000, 100 * 2 ** n) },
    ...opts.hub,
  });
  const changes: HubWorld['changes'] = [];
  return {
    demo,
    kubeconfig,
    hub,
    changes,
    onChange: (change) => changes.push({ at: performance.now(), change }),
    logs,
    dispose: async () => {
      await hub.dispose();
      connections.dispose();
      await demo.dispose();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Resolves with the first recorded batch (from index `from`) that `match` accepts. */
export async function nextChange(
  w: HubWorld,
  match: (c: ServicesChanged) => boolean,
  opts: { from?: number; timeoutMs?: number; what: string },
): Promise<{ at: number; change: ServicesChanged }> {
  const deadline = performance.now() + (opts.timeoutMs ?? 10_000);
  for (;;) {
    const found = w.changes.slice(opts.from ?? 0).find((c) => match(c.change));
    if (found) return found;
    if (performance.now() > deadline)
      throw new Error(
        `no change ${opts.what} within ${opts.timeoutMs ?? 10_000} ms; got ${JSON.stringify(w.changes.map((c) => ({ sync: c.change.sync, up: c.change.upserted.map((s) => s.name), removed: c.change.removed })))}`,
      );
    await new Promise((r) => setTimeout(r, 10));
  }
}

export function upserted(c: ServicesChanged, namespace: string, name: string): ServiceSummary | undefined {
  return c.upserted.find((s) => s.namespace === namespace && s.name === name);
}
