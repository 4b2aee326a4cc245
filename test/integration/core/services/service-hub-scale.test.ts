// The hub over 10,000 services (the demo's `services: 10000`): one snapshot of them all, and a
// change still arrives within a second of the write.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kubeJson } from '../../../../electron/core/cluster/kube-request.ts';
import { connectKubeconfig } from '../../../support/kubeconfig-connect.ts';
import { nextChange, startHubWorld, upserted, type HubWorld } from './hub-test-support.ts';

let w: HubWorld;
beforeAll(async () => {
  w = await startHubWorld({ demo: { services: 10_000 } });
});
afterAll(async () => {
  await w?.dispose();
});

describe('ServiceHub at scale', () => {
  it('snapshots 10,000 services in bulk and sends a new one within 1 s of its creation', async () => {
    const snap = await w.hub.watch({ context: 'demo', namespace: 'bulk' }, w.onChange);
    expect(snap.items).toHaveLength(10_000);
    expect(snap.items[9_999]).toMatchObject({ name: 'svc-10000', readiness: { state: 'ready', ready: 2 } });
    const conn = await connectKubeconfig(w.kubeconfig, 'demo');
    try {
      const from = w.changes.length;
      const created = performance.now();
      await kubeJson(conn, {
        method: 'POST',
        path: '/api/v1/namespaces/bulk/services',
        body: { metadata: { name: 'svc-extra' }, spec: { selector: { app: 'bulk' }, ports: [{ port: 80, targetPort: 'http' }] } },
      });
      const c = await nextChange(w, (ch) => upserted(ch, 'bulk', 'svc-extra')?.readiness.state === 'ready', { from, what: 'svc-extra' });
      expect(c.at - created).toBeLessThan(1000);
      // Only the new service: its EndpointSlice touches no other summary.
      expect(new Set(w.changes.slice(from).flatMap((x) => x.change.upserted.map((s) => s.name)))).toEqual(new Set(['svc-extra']));
    } finally {
      conn.dispose();
      w.hub.unwatch(snap.watchId);
    }
  });
});
