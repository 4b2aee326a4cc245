// The live service hub against the demo cluster (docs/services.md): snapshots, changes within a
// second of the write, one shared watch set per scope, recovery after the apiserver goes away, and
// a re-list after 410 Gone.
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import type { ServicesChanged } from '../../../../electron/shared/contract/services.ts';
import { kubeJson } from '../../../../electron/core/cluster/kube-request.ts';
import { DEMO_PENDING_POD, DEMO_STOREFRONT } from '../../../../electron/core/demo/demo-cluster.ts';
import { KubeDeskError } from '../../../../electron/core/errors.ts';
import { connectKubeconfig } from '../../../support/kubeconfig-connect.ts';
import { nextChange, startHubWorld, upserted, type HubWorld } from './hub-test-support.ts';

let w: HubWorld;
beforeAll(async () => {
  w = await startHubWorld();
});
afterAll(async () => {
  await w?.dispose();
});

async function watch(namespace: string | null): Promise<Awaited<ReturnType<HubWorld['hub']['watch']>>> {
  const snap = await w.hub.watch({ context: 'demo', namespace }, w.onChange);
  onTestFinished(() => w.hub.unwatch(snap.watchId));
  return snap;
}

async function kube<T>(method: string, path: string, body?: unknown, query?: Record<string, string>): Promise<T> {
  const conn = await connectKubeconfig(w.kubeconfig, 'demo');
  try {
    return await kubeJson<T>(conn, { method, path, body, query });
  } finally {
    conn.dispose();
  }
}

const requestsTo = (path: string): number => w.demo.requestLog.filter((r) => r.path === path).length;

describe('ServiceHub against the demo cluster', () => {
  it("snapshots a namespace's services with their readiness (CrashLoopBackOff, no selector, ready)", async () => {
    const snap = await watch('shop');
    expect(snap).toMatchObject({ context: 'demo', namespace: 'shop', sync: 'live' });
    const byName = new Map(snap.items.map((s) => [s.name, s]));
    expect([...byName.keys()]).toEqual(['api', 'echo', 'legacy-db', 'orders', 'storefront', 'ticker', 'web', 'web-headless']);
    expect(byName.get('web')!.readiness).toEqual({ state: 'ready', ready: 2, notReady: 0, reasons: [] });
    expect(byName.get('orders')!.readiness).toMatchObject({ state: 'not-ready', ready: 0, notReady: 1 });
    expect(byName.get('orders')!.readiness.reasons).toEqual([expect.stringMatching(/^orders-84d6b7c9f5-\w+ CrashLoopBackOff$/)]);
    expect(byName.get('legacy-db')!.readiness.state).toBe('no-selector');
    expect(byName.get('web-headless')!.headless).toBe(true);
    expect(byName.get('storefront')!.external).toEqual([`${DEMO_STOREFRONT.ingressIP}:80`]);
    expect(byName.get('web')!.proxyUrls).toEqual([`${w.demo.url}/api/v1/namespaces/shop/services/web:http/proxy/`]);
  });

  it('sends a created service within 1 s of the write, with a Pending pod as its reason, and its removal within 1 s', async () => {
    await watch('shop');
    const from = w.changes.length;
    const created = performance.now();
    await kube('POST', '/api/v1/namespaces/shop/services', {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'report' },
      spec: { selector: { app: 'report' }, ports: [{ name: 'http', port: 80, targetPort: 8080 }] },
    });
    const added = await nextChange(w, (c) => upserted(c, 'shop', 'report') !== undefined, { from, what: 'adding shop/report' });
    expect(added.at - created).toBeLessThan(1000);
    expect(upserted(added.change, 'shop', 'report')!.readiness).toEqual({
      state: 'no-endpoints',
      ready: 0,
      notReady: 0,
      reasons: [`${DEMO_PENDING_POD.name} Pending (Unschedulable)`],
    });
    const from2 = w.changes.length;
    const deleted = performance.now();
    await kube('DELETE', '/api/v1/namespaces/shop/services/report');
    const gone = await nextChange(w, (c) => c.removed.includes('shop/report'), { from: from2, what: 'removing shop/report' });
    expect(gone.at - deleted).toBeLessThan(1000);
  });

  it("recomputes only the services a pod change touches (the Pending pod leaves the service's selection)", async () => {
    await kube('POST', '/api/v1/namespaces/shop/services', {
      metadata: { name: 'report' },
      spec: { selector: { app: 'report' }, ports: [{ port: 80, targetPort: 8080 }] },
    });
    onTestFinished(async () => void (await kube('DELETE', '/api/v1/namespaces/shop/services/report')));
    const snap = await watch('shop');
    expect(snap.items.find((s) => s.name === 'report')!.readiness.reasons).toEqual([`${DEMO_PENDING_POD.name} Pending (Unschedulable)`]);
    const from = w.changes.length;
    const podPath = `/api/v1/namespaces/shop/pods/${DEMO_PENDING_POD.name}`;
    const pod = await kube<{ metadata: { labels: Record<string, string> } }>('GET', podPath);
    await kube('PUT', podPath, { ...pod, metadata: { ...pod.metadata, labels: { app: 'report-v2' } } });
    onTestFinished(async () => {
      const now = await kube<{ metadata: object }>('GET', podPath);
      await kube('PUT', podPath, { ...now, metadata: { ...now.metadata, labels: pod.metadata.labels } });
    });
    const c = await nextChange(w, (ch) => upserted(ch, 'shop', 'report') !== undefined, { from, what: 'report recomputed' });
    expect(c.change.upserted.map((s) => s.name)).toEqual(['report']);
    expect(upserted(c.change, 'shop', 'report')!.readiness).toEqual({ state: 'no-endpoints', ready: 0, notReady: 0, reasons: [] });
  });

  it('shares one watch set between watchers of the same scope, and stops it when the last leaves', async () => {
    const path = '/api/v1/namespaces/kube-system/services';
    const before = requestsTo(path);
    const a = await w.hub.watch({ context: 'demo', namespace: 'kube-system' }, w.onChange);
    const afterFirst = requestsTo(path);
    expect(afterFirst - before).toBe(2); // one list, one watch
    const b = await w.hub.watch({ context: 'demo', namespace: 'kube-system' }, w.onChange);
    expect(b.watchId).not.toBe(a.watchId);
    expect(b.items).toEqual(a.items);
    expect(requestsTo(path)).toBe(afterFirst);
    w.hub.unwatch(a.watchId);
    w.hub.unwatch(b.watchId);
    // The set is gone (linger 0): the next watcher lists again.
    const c = await watch('kube-system');
    expect(c.items.length).toBe(a.items.length);
    expect(requestsTo(path)).toBe(afterFirst + 2);
  });

  it('lingers after the last watcher leaves, so a watcher that comes back finds it warm', async () => {
    const lingering = await startHubWorld({ hub: { lingerMs: 5000 } });
    try {
      const path = '/api/v1/namespaces/default/services';
      const a = await lingering.hub.watch({ context: 'demo', namespace: 'default' }, lingering.onChange);
      const seen = lingering.demo.requestLog.filter((r) => r.path === path).length;
      lingering.hub.unwatch(a.watchId);
      const b = await lingering.hub.watch({ context: 'demo', namespace: 'default' }, lingering.onChange);
      expect(b.items).toEqual(a.items);
      expect(lingering.demo.requestLog.filter((r) => r.path === path).length).toBe(seen);
      lingering.hub.unwatch(b.watchId);
    } finally {
      await lingering.dispose();
    }
  });

  it('watches every namespace with a null namespace', async () => {
    const snap = await watch(null);
    expect(snap.namespace).toBeNull();
    const keys = snap.items.map((s) => `${s.namespace}/${s.name}`);
    expect(keys).toContain('kube-system/kube-dns');
    expect(keys).toContain('shop/web');
    expect(keys).toContain('default/kubernetes');
  });

  it('details a service with every way to connect, the same from a live set as fetched once', async () => {
    const fetched = await w.hub.detail('demo', 'shop', 'storefront');
    await watch('shop');
    const cached = await w.hub.detail('demo', 'shop', 'storefront');
    expect(cached).toEqual(fetched);
    const ways = cached.ways.map((x) => `${x.way} ${x.value}${x.available ? '' : ` (${x.reason})`}`);
    expect(ways).toContain(`api-proxy ${w.demo.url}/api/v1/namespaces/shop/services/storefront:http/proxy/`);
    expect(ways).toContain('port-forward kubedesk forward -n shop svc/storefront :80');
    expect(ways).toContain(`load-balancer ${DEMO_STOREFRONT.ingressIP}:80`);
    expect(ways).toContain(`node-port 10.0.0.21:${DEMO_STOREFRONT.nodePort}`);
    expect(ways).toContain(`node-port 203.0.113.21:${DEMO_STOREFRONT.nodePort}`);
    expect(ways).toContain('cluster-dns storefront.shop.svc:80');
    expect(cached.pods.map((p) => p.ready)).toEqual([true, true]);
    await expect(w.hub.detail('demo', 'shop', 'nope')).rejects.toThrow(new KubeDeskError('not-found', 'service "shop/nope" not found'));
  });

  it('rejects a watch of an unknown context with the connect error', async () => {
    await expect(w.hub.watch({ context: 'nope' }, w.onChange)).rejects.toThrow(/context was not found for specified context: nope/);
  });
});

describe('ServiceHub recovery', () => {
  it("reports 'reconnecting' while the apiserver refuses connections, then 'live' again, and keeps watching", async () => {
    await watch('shop');
    const from = w.changes.length;
    w.demo.chaos.refuseConnections(1.5);
    const down = await nextChange(w, (c) => c.sync === 'reconnecting', { from, what: 'reconnecting' });
    expect(down.change.message).toMatch(/ECONNREFUSED|socket hang up|ECONNRESET/);
    const up = await nextChange(w, (c) => c.sync === 'live', { from: w.changes.indexOf(down), timeoutMs: 15_000, what: 'live again' });
    const from2 = w.changes.length;
    await kube('POST', '/api/v1/namespaces/shop/services', {
      metadata: { name: 'after-outage' },
      spec: { selector: { app: 'web' }, ports: [{ port: 81, targetPort: 8080 }] },
    });
    await nextChange(w, (c) => upserted(c, 'shop', 'after-outage') !== undefined, {
      from: from2,
      what: 'a service created after recovery',
    });
    expect(up.change.message).toBeUndefined();
    await kube('DELETE', '/api/v1/namespaces/shop/services/after-outage');
  });

  it('lists again after 410 Gone when the history moved past its resourceVersion during an outage', async () => {
    await watch('shop');
    const from = w.changes.length;
    w.demo.chaos.refuseConnections(2);
    await nextChange(w, (c) => c.sync === 'reconnecting', { from, what: 'reconnecting' });
    // More changes than the demo's watch history keeps (10,000), all while the hub cannot see them.
    for (let i = 0; i < 10_050; i++) w.demo.chaos.setLoadBalancerIngress('shop', 'storefront', `198.51.100.${i % 200}`);
    w.demo.chaos.setLoadBalancerIngress('shop', 'storefront', '198.51.100.250');
    const c = await nextChange(w, (ch: ServicesChanged) => upserted(ch, 'shop', 'storefront')?.external[0] === '198.51.100.250:80', {
      from,
      timeoutMs: 20_000,
      what: 'storefront with its last ingress',
    });
    expect(w.logs.some((l) => l.includes('listing again') && l.includes('410 Gone'))).toBe(true);
    await nextChange(w, (ch) => ch.sync === 'live', { from: w.changes.indexOf(c) - 1, what: 'live' });
    w.demo.chaos.setLoadBalancerIngress('shop', 'storefront', DEMO_STOREFRONT.ingressIP);
  });
});
