import { describe, expect, it, vi } from 'vitest';
import type { ForwardInfo, GatewayInfo, ProxyInfo, Topology } from '../../../../electron/shared/ipc-contract.ts';
import { firstTcpPort, type ActionHost } from '../../../../renderer/src/lib/components/topology/topology-actions.ts';
import { TopologyState } from '../../../../renderer/src/lib/state/topology.svelte.ts';
import { fakeKubeDeskClient, fakeServiceWatches, type FakeAnswers } from '../../../fakes/fake-kubedesk-client.ts';
import { demoLike, hop, withForward } from './topology-fixture.ts';

function forwardInfo(state: ForwardInfo['state'], more: Partial<ForwardInfo> = {}): ForwardInfo {
  return {
    id: 'f1',
    spec: {
      context: 'demo',
      namespace: 'shop',
      target: 'svc/web',
      ports: [':80'],
      addresses: ['localhost'],
      spread: false,
      autostart: false,
    },
    state,
    since: new Date(0).toISOString(),
    pod: 'web-1',
    pods: ['web-1'],
    bindings: [{ address: '127.0.0.1', local: 40001, remote: 8080, url: 'http://127.0.0.1:40001/' }],
    stats: { connectionsOpen: 0, connectionsTotal: 0, bytesIn: 0, bytesOut: 0 },
    served: [],
    lastError: null,
    ...more,
  };
}

/** A client whose `topology:get` answers `model.current`, counting the calls. */
function setup(initial: Topology, more: FakeAnswers = {}) {
  const model = { current: initial, gets: 0 };
  const watches = fakeServiceWatches([]);
  const fake = fakeKubeDeskClient({
    ...watches.answers,
    'topology:get': () => {
      model.gets++;
      return { ok: true, value: model.current };
    },
    ...more,
  });
  const opened: string[] = [];
  const copied: string[] = [];
  const host: ActionHost = { open: (u) => void opened.push(u), copy: async (t) => void copied.push(t) };
  const state = new TopologyState(fake.client, 'demo', host);
  return { model, fake, state, opened, copied, watches };
}

describe('TopologyState', () => {
  it('fetches every namespace of its context, lays it out once, and keeps positions when only statuses change', async () => {
    const { model, fake, state } = setup(demoLike());
    await state.refresh();
    expect(fake.calls).toEqual([['topology:get', { context: 'demo', namespace: null }]]);
    expect(state.layouts).toBe(1);
    expect(state.namespaces).toEqual(['shop']);
    const positions = state.positions;
    expect(positions?.get('browser')).toBeDefined();

    model.current = { ...demoLike(), nodes: demoLike().nodes.map((n) => (n.id === 'pod/shop/web-2' ? { ...n, status: 'not-ready' } : n)) };
    await state.refresh();
    expect(state.layouts).toBe(1);
    expect(state.positions).toBe(positions);
    expect(state.view!.groups[0]!.members.find((m) => m.node.id === 'pod/shop/web-2')!.node.status).toBe('not-ready');

    model.current = withForward(demoLike());
    await state.refresh();
    expect(state.layouts).toBe(2);
    expect(state.positions!.get('port-forward/f1')).toBeDefined();
  });

  it('highlights the paths through the chosen node and forgets a choice that disappears', async () => {
    const { model, state } = setup(withForward(demoLike()));
    await state.refresh();
    state.select('pod/shop/web-1');
    expect(state.selected?.id).toBe('pod/shop/web-1');
    expect(state.highlight!.nodes.has('port-forward/f1')).toBe(true);
    expect(state.highlight!.nodes.has('service/shop/orders')).toBe(false);
    model.current = demoLike();
    model.current.nodes = model.current.nodes.filter((n) => n.id !== 'pod/shop/web-1');
    model.current.edges = model.current.edges.filter((e) => e.to !== 'pod/shop/web-1');
    await state.refresh();
    expect(state.selectedId).toBe(null);
    expect(state.highlight).toBe(null);
  });

  it('re-fetches once per burst of events that change the graph, ignores stats and other contexts, and unsubscribes', async () => {
    const { model, fake, state, watches } = setup(withForward(demoLike()));
    await state.refresh();
    const off = state.follow();
    await vi.waitFor(() => expect(watches.open.size).toBe(1));
    const gets = (): number => model.gets;
    expect(gets()).toBe(1);

    // A restart: reconnecting, then active on another pod. The node turns amber at once.
    fake.emit('forward:state-changed', forwardInfo('reconnecting', { pod: null, pods: [] }));
    expect(state.topology!.nodes.find((n) => n.id === 'port-forward/f1')!.status).toBe('reconnecting');
    expect(state.view!.hops.find((n) => n.id === 'port-forward/f1')!.status).toBe('reconnecting');
    fake.emit('forward:state-changed', forwardInfo('active', { pod: 'web-2', pods: ['web-2'] }));
    fake.emit('services:changed', { watchId: 'w1', context: 'demo', sync: 'live', upserted: [], removed: ['shop/x'] });
    await vi.waitFor(() => expect(gets()).toBe(2));

    // Stats only, another context, a batch with nothing in it: no fetch.
    fake.emit(
      'forward:state-changed',
      forwardInfo('active', { pod: 'web-2', pods: ['web-2'], stats: { connectionsOpen: 1, connectionsTotal: 9, bytesIn: 5, bytesOut: 5 } }),
    );
    fake.emit('forward:state-changed', forwardInfo('stopped', { spec: { ...forwardInfo('active').spec, context: 'other' } }));
    fake.emit('proxy:state-changed', { context: 'other', state: 'listening', address: '127.0.0.1:8001' } as ProxyInfo);
    fake.emit('services:changed', { watchId: 'w1', context: 'demo', sync: 'live', upserted: [], removed: [] });
    // A proxy of this context starting, a gateway opening: one more fetch.
    fake.emit('proxy:state-changed', { context: 'demo', state: 'listening', address: '127.0.0.1:8001' } as ProxyInfo);
    fake.emit('services:gateway-changed', { id: 'demo/shop/web:http', context: 'demo', state: 'listening' } as GatewayInfo);
    await vi.waitFor(() => expect(gets()).toBe(3));
    await new Promise((r) => setTimeout(r, 400));
    expect(gets()).toBe(3);

    off();
    expect(fake.listenerCount('forward:state-changed')).toBe(0);
    expect(fake.listenerCount('services:changed')).toBe(0);
    expect(watches.open.size).toBe(0);
    fake.emit('forward:removed', { id: 'f1' });
    await new Promise((r) => setTimeout(r, 400));
    expect(gets()).toBe(3);
  });

  it('collapses and expands a namespace, laying it out again', async () => {
    const { state } = setup(demoLike());
    await state.refresh();
    await state.toggle('shop');
    expect(state.view!.groups[0]!.collapsed).toBe(true);
    expect(state.layouts).toBe(2);
    await state.toggle('shop');
    expect(state.view!.groups[0]!.collapsed).toBe(false);
  });

  it('runs each one-click action through its channel', async () => {
    const gateway = { url: 'http://127.0.0.1:41000/' } as GatewayInfo;
    const { fake, state, opened, copied } = setup(withForward(demoLike()), {
      'services:open': () => ({ ok: true, value: gateway }),
      'forward:add': () => ({ ok: true, value: forwardInfo('active') }),
      'proxy:start': () => ({ ok: true, value: { url: 'http://127.0.0.1:8001/' } as ProxyInfo }),
      'forward:stop': () => ({ ok: true, value: forwardInfo('stopped') }),
    });
    await state.refresh();
    const node = (id: string) => state.topology!.nodes.find((n) => n.id === id)!;

    await state.act(node('service/shop/web'), 'open-service');
    expect(fake.calls.at(-1)).toEqual(['services:open', { context: 'demo', namespace: 'shop', service: 'web' }]);
    expect(opened).toEqual(['http://127.0.0.1:41000/']);

    await state.act(node('service/shop/orders'), 'forward-service');
    expect(fake.calls.at(-1)).toEqual([
      'forward:add',
      { spec: { context: 'demo', namespace: 'shop', target: 'svc/orders', ports: [':8080'] } },
    ]);
    expect(state.notice).toBe('Forwarding http://127.0.0.1:40001/');

    await state.act(node('local-proxy/none'), 'start-proxy');
    expect(fake.calls.at(-1)).toEqual(['proxy:start', { context: 'demo' }]);

    await state.act(node('port-forward/f1'), 'stop-forward');
    expect(fake.calls.at(-1)).toEqual(['forward:stop', { id: 'f1' }]);

    await state.act(node('cloud-lb/203.0.113.50'), 'copy-address');
    expect(copied).toEqual(['203.0.113.50']);
    expect(state.notice).toBe('Copied 203.0.113.50');
    expect(state.actionError).toBe(null);
  });

  it("shows the core's error when an action fails, and refuses to forward a service without a TCP port", async () => {
    const { state } = setup(demoLike(), {
      'services:open': () => ({ ok: false, error: { code: 'not-found', message: 'services "web" not found' } }),
    });
    await state.refresh();
    await state.act(
      state.topology!.nodes.find((n) => n.id === 'service/shop/web')!,
      'open-service',
    );
    expect(state.actionError).toEqual({ code: 'not-found', message: 'services "web" not found' });
    const dns = hop('service/kube-system/kube-dns', 'service', 'ready', {
      namespace: 'kube-system',
      detail: 'ClusterIP 10.96.0.10 53/UDP',
      tcpPorts: [],
    });
    await state.act(dns, 'forward-service');
    expect(state.actionError?.code).toBe('invalid-input');
    expect(state.actionError?.message).toContain('kube-system/kube-dns');
  });

  it('reports a failed fetch with its code', async () => {
    const fake = fakeKubeDeskClient({
      'topology:get': () => ({ ok: false, error: { code: 'unreachable', message: 'dial tcp 127.0.0.1:1: connection refused' } }),
    });
    const state = new TopologyState(fake.client, 'demo');
    await state.refresh();
    expect(state.loading).toBe(false);
    expect(state.error?.code).toBe('unreachable');
    expect(state.view).toBe(null);
  });
});

describe('firstTcpPort', () => {
  it("takes the first of the node's TCP ports; none for a UDP-only service", () => {
    const at = (tcpPorts: number[] | undefined) => firstTcpPort(hop('service/a/b', 'service', 'ready', { tcpPorts }));
    expect(at([80, 9090])).toBe(80);
    expect(at([53, 9153])).toBe(53);
    expect(at([])).toBe(undefined);
    expect(at(undefined)).toBe(undefined);
  });
});
