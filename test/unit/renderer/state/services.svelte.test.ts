import { describe, expect, it } from 'vitest';
import { fakeKubeDeskClient, fakeServiceWatches, serviceSummary } from '../../../fakes/fake-kubedesk-client.ts';
import type { ForwardInfo, GatewayInfo, ServicesChanged } from '../../../../electron/shared/ipc-contract.ts';
import { ServicesState } from '../../../../renderer/src/lib/state/services.svelte.ts';

const shop = [
  serviceSummary('shop', 'web'),
  serviceSummary('shop', 'api', { readiness: { state: 'not-ready', ready: 0, notReady: 1, reasons: ['api-1 CrashLoopBackOff'] } }),
  serviceSummary('default', 'kubernetes', { type: 'ClusterIP', selector: null }),
  serviceSummary('monitoring', 'grafana', { type: 'NodePort' }),
];

function changed(watchId: string, upserted: ServicesChanged['upserted'], removed: string[] = []): ServicesChanged {
  return { watchId, context: 'demo', sync: 'live', upserted, removed };
}

/** Lets the fake's answers (resolved promises) reach the state. */
const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

function gateway(id: string, state: GatewayInfo['state'] = 'listening'): GatewayInfo {
  const [context, namespace, rest] = id.split('/') as [string, string, string];
  const [service, port] = rest.split(':') as [string, string];
  const stats = { requests: 0, refused: 0, active: 0, bytesIn: 0, bytesOut: 0, lastUsed: null };
  return {
    id,
    context,
    namespace,
    service,
    port,
    via: 'api-proxy',
    state,
    url: 'http://127.0.0.1:40001/',
    since: '',
    idleTimeoutMs: 600_000,
    stats,
  };
}

describe('ServicesState', () => {
  it('lists a watch sorted by NS/NAME, with the namespaces it saw', async () => {
    const w = fakeServiceWatches(shop);
    const s = new ServicesState(fakeKubeDeskClient(w.answers).client);
    s.watch('demo', null);
    expect(s.loading).toBe(true);
    await settle();
    expect(s.loading).toBe(false);
    expect(s.rows.map((r) => r.key)).toEqual(['default/kubernetes', 'monitoring/grafana', 'shop/api', 'shop/web']);
    expect(s.namespaces).toEqual(['default', 'monitoring', 'shop']);
    expect(s.sync).toBe('live');
  });

  it('applies a batch by key: upserts replace or insert in order, removals drop, other rows keep their objects', async () => {
    const f = fakeKubeDeskClient(fakeServiceWatches(shop).answers);
    const s = new ServicesState(f.client);
    const off = s.follow();
    s.watch('demo', null);
    await settle();
    const grafana = s.rows.find((r) => r.key === 'monitoring/grafana');
    const ready = { state: 'ready' as const, ready: 1, notReady: 0, reasons: [] };
    f.emit(
      'services:changed',
      changed('w1', [serviceSummary('shop', 'api', { readiness: ready }), serviceSummary('logging', 'loki')], ['shop/web']),
    );
    expect(s.rows.map((r) => r.key)).toEqual(['default/kubernetes', 'logging/loki', 'monitoring/grafana', 'shop/api']);
    expect(s.rows.find((r) => r.key === 'shop/api')!.service.readiness.state).toBe('ready');
    expect(s.rows.find((r) => r.key === 'monitoring/grafana')).toBe(grafana);
    expect(s.namespaces).toEqual(['default', 'logging', 'monitoring', 'shop']);
    // Another watch's batch (another window, another view) is not ours.
    f.emit('services:changed', changed('w9', [serviceSummary('x', 'y')]));
    expect(s.rows).toHaveLength(4);
    off();
    expect(f.listenerCount('services:changed')).toBe(0);
  });

  it('keeps a batch that arrives before the snapshot answer and applies it after', async () => {
    const f = fakeKubeDeskClient(fakeServiceWatches(shop).answers);
    const s = new ServicesState(f.client);
    s.follow();
    s.watch('demo', 'shop');
    f.emit('services:changed', changed('w1', [serviceSummary('shop', 'cart')]));
    await settle();
    expect(s.rows.map((r) => r.key)).toEqual(['shop/api', 'shop/cart', 'shop/web']);
  });

  it('shows the sync state and the reconnect message from batches', async () => {
    const f = fakeKubeDeskClient(fakeServiceWatches(shop).answers);
    const s = new ServicesState(f.client);
    s.follow();
    s.watch('demo', null);
    await settle();
    f.emit('services:changed', { ...changed('w1', []), sync: 'reconnecting', message: 'connection refused' });
    expect([s.sync, s.message]).toEqual(['reconnecting', 'connection refused']);
    f.emit('services:changed', changed('w1', []));
    expect([s.sync, s.message]).toEqual(['live', undefined]);
  });

  it('filters by a substring of namespace, name or type, case-insensitively', async () => {
    const s = new ServicesState(fakeKubeDeskClient(fakeServiceWatches(shop).answers).client);
    s.watch('demo', null);
    await settle();
    s.filter = 'SHOP';
    expect(s.shown.map((r) => r.key)).toEqual(['shop/api', 'shop/web']);
    s.filter = 'nodeport';
    expect(s.shown.map((r) => r.key)).toEqual(['monitoring/grafana']);
    s.filter = 'rafa';
    expect(s.shown.map((r) => r.key)).toEqual(['monitoring/grafana']);
    s.filter = '  ';
    expect(s.shown).toBe(s.rows);
  });

  it('applies a batch to 10,000 rows and filters them without touching unchanged rows', async () => {
    const many = Array.from({ length: 10_000 }, (_, i) => serviceSummary('bulk', `svc-${String(i).padStart(5, '0')}`));
    const f = fakeKubeDeskClient(fakeServiceWatches(many).answers);
    const s = new ServicesState(f.client);
    s.follow();
    s.watch('demo', null);
    await settle();
    const before = s.rows;
    f.emit('services:changed', changed('w1', [serviceSummary('bulk', 'svc-05000', { type: 'NodePort' })], ['bulk/svc-00001']));
    expect(s.rows).toHaveLength(9_999);
    expect(s.rows.filter((r, i) => r !== before[i + (i >= 1 ? 1 : 0)]).map((r) => r.key)).toEqual(['bulk/svc-05000']);
    s.filter = 'svc-0999';
    expect(s.shown).toHaveLength(10);
  });

  it('unwatches when the view leaves or picks another namespace, and drops a watch answered after leaving', async () => {
    const w = fakeServiceWatches(shop);
    const s = new ServicesState(fakeKubeDeskClient(w.answers).client);
    const stopAll = s.watch('demo', null);
    await settle();
    expect([...w.open]).toEqual(['w1']);
    stopAll();
    const stopShop = s.watch('demo', 'shop');
    await settle();
    expect([...w.open]).toEqual(['w2']);
    expect(s.rows.map((r) => r.key)).toEqual(['shop/api', 'shop/web']);
    stopShop();
    expect([...w.open]).toEqual([]);
    // Left before the answer came: the late watch is unwatched, and its items not shown.
    s.rows = [];
    s.watch('demo', null)();
    await settle();
    await settle();
    expect([...w.open]).toEqual([]);
    expect(s.rows).toEqual([]);
  });

  it("shows the core's error when the watch is refused", async () => {
    const f = fakeKubeDeskClient({
      'services:watch': () => ({
        ok: false,
        error: { code: 'forbidden', message: 'services is forbidden: User "demo" cannot list resource "services"' },
      }),
    });
    const s = new ServicesState(f.client);
    s.watch('demo', null);
    await settle();
    expect(s.error?.code).toBe('forbidden');
    expect(s.loading).toBe(false);
  });

  it('opens a service through services:open on its first TCP port and lists the gateway; Stop removes it', async () => {
    const g = gateway('demo/shop/web:http');
    const f = fakeKubeDeskClient({
      'services:open': () => ({ ok: true, value: g }),
      'services:stop-gateway': () => ({ ok: true, value: undefined }),
    });
    const s = new ServicesState(f.client);
    expect(await s.open('demo', serviceSummary('shop', 'web'))).toBe('http://127.0.0.1:40001/');
    expect(f.calls[0]).toEqual(['services:open', { context: 'demo', namespace: 'shop', service: 'web:http' }]);
    expect(s.gateways.items).toEqual([g]);
    await s.stopGateway(g.id);
    expect(s.gateways.items).toEqual([]);
  });

  it('follows gateway changes: a stopped (idle) gateway leaves the list', () => {
    const f = fakeKubeDeskClient({});
    const s = new ServicesState(f.client);
    s.follow();
    f.emit('services:gateway-changed', gateway('demo/shop/web:http'));
    expect(s.gateways.items).toHaveLength(1);
    f.emit('services:gateway-changed', gateway('demo/shop/web:http', 'stopped'));
    expect(s.gateways.items).toHaveLength(0);
  });

  it('forwards svc/NAME on its first TCP port through forward:add then forward:start, and keeps the result', async () => {
    const started = {
      id: 'f1',
      state: 'active',
      bindings: [{ address: '127.0.0.1', local: 41000, remote: 8080, url: 'http://127.0.0.1:41000/' }],
    };
    const f = fakeKubeDeskClient({
      'forward:add': () => ({ ok: true, value: { id: 'f1', state: 'stopped', bindings: [] } as unknown as ForwardInfo }),
      'forward:start': () => ({ ok: true, value: started as unknown as ForwardInfo }),
    });
    const s = new ServicesState(f.client);
    await s.forward(
      'demo',
      serviceSummary('shop', 'web', { ports: [{ name: '', port: 80, targetPort: 8080, protocol: 'TCP', nodePort: null }] }),
    );
    expect(f.calls).toEqual([
      ['forward:add', { spec: { context: 'demo', namespace: 'shop', target: 'svc/web', ports: [':80'] }, start: false }],
      ['forward:start', { id: 'f1' }],
    ]);
    expect(s.forwarded?.bindings[0]?.url).toBe('http://127.0.0.1:41000/');
  });

  it("shows a failed forward's error and the detail's and recipes' errors", async () => {
    const f = fakeKubeDeskClient({
      'forward:add': () => ({ ok: false, error: { code: 'port-in-use', message: 'port 80 is in use' } }),
      'services:detail': () => ({ ok: false, error: { code: 'not-found', message: 'service shop/gone not found' } }),
      'services:recipes': () => ({ ok: true, value: [{ id: 'curl', title: 'curl', language: 'shell', text: 'curl …' }] }),
    });
    const s = new ServicesState(f.client);
    await s.forward('demo', serviceSummary('shop', 'web'));
    expect(s.error).toEqual({ code: 'port-in-use', message: 'port 80 is in use' });
    expect(f.calls.map((c) => c[0])).toEqual(['forward:add']);
    await s.showDetail('demo', serviceSummary('shop', 'gone'));
    expect(s.detailError?.message).toBe('service shop/gone not found');
    await s.loadRecipes('demo');
    expect(s.recipes?.map((r) => r.id)).toEqual(['curl']);
  });
});
