import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import type { ForwardInfo } from '../../../../electron/shared/ipc-contract.ts';
import { startDemoCluster } from '../../../../electron/core/demo/demo-cluster.ts';
import { ForwardManager } from '../../../../electron/core/forward/forward-manager.ts';
import { MemoryForwardStore } from '../../../fakes/memory-forward-store.ts';
import { silentLogger } from '../../../../electron/core/log.ts';
import { kubeconfigConnections } from '../../../support/kubeconfig-connect.ts';
import { echoWorks, freePort, until } from './forward-test-support.ts';

describe('a forward that can never succeed (docs/port-forward.md, when a forward fails)', () => {
  it(
    'the apiserver comes back with a new CA: Failed with the TLS reason after a few tries; new connections close at once',
    { timeout: 90_000 },
    async () => {
      const port = await freePort();
      let demo = await startDemoCluster({ port });
      onTestFinished(() => demo.dispose());
      const dir = mkdtempSync(join(tmpdir(), 'kd-fwd-ca-'));
      const connections = kubeconfigConnections(await demo.writeKubeconfig(dir));
      onTestFinished(() => connections.dispose());
      const events: ForwardInfo[] = [];
      const manager = new ForwardManager({
        connect: connections.connect,
        store: new MemoryForwardStore(),
        log: silentLogger,
        onChange: (i) => events.push(i),
        session: { healthIntervalMs: 200, backoff: { initialMs: 100, maxMs: 400 } },
      });
      onTestFinished(() => manager.dispose());
      const info = await manager.add({
        context: 'demo',
        namespace: 'shop',
        target: 'svc/echo',
        ports: [':9000'],
        addresses: ['127.0.0.1'],
      });
      expect(info.state).toBe('active');
      const local = info.bindings[0]!.local;
      expect(await echoWorks(local)).toBe(true);

      // The cluster is rebuilt on the same address with a fresh CA (and fresh credentials).
      await demo.dispose();
      demo = await startDemoCluster({ port });

      await until(() => manager.get(info.id).state === 'failed', 60_000, 'Failed');
      const failed = manager.get(info.id);
      expect(failed.reason).toBe('TLS: certificate signed by unknown authority');
      expect(failed.lastError?.message).toMatch(/TLS: certificate signed by unknown authority \(gave up after 3 tries\)$/);
      // The event carries the reason too, and the Reconnecting events before it named it.
      expect(events.at(-1)).toMatchObject({ id: info.id, state: 'failed', reason: 'TLS: certificate signed by unknown authority' });
      expect(events.some((e) => e.state === 'reconnecting' && e.reason === 'TLS: certificate signed by unknown authority')).toBe(true);
      // A connection made now is closed at once, not after the 30 s wait for a pod.
      const t0 = Date.now();
      expect(await echoWorks(local, 10_000)).toBe(false);
      expect(Date.now() - t0).toBeLessThan(2000);
    },
  );
});
