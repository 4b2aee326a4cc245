import { afterEach, describe, expect, it } from 'vitest';
import { connect, createServer, type AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ForwardInfo } from '../../../../electron/shared/ipc-contract.ts';
import { ForwardManager } from '../../../../electron/core/forward/forward-manager.ts';
import type { KubeBackendOptions } from '../../../../electron/core/forward/kube-backend.ts';
import { silentLogger } from '../../../../electron/core/log.ts';
import { fakeClusterConnection } from '../../../fakes/fake-cluster-connection.ts';
import { FakeForwardBackend } from '../../../fakes/fake-forward-backend.ts';
import { MemoryForwardStore } from '../../../fakes/memory-forward-store.ts';
import { startEchoBackend } from '../../../fakes/tcp-backends.ts';

const cleanup: Array<() => unknown> = [];
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f();
});

async function setup(store = new MemoryForwardStore()) {
  const echo = await startEchoBackend();
  cleanup.push(() => echo.dispose());
  const backends: Array<{ backend: FakeForwardBackend; options: KubeBackendOptions }> = [];
  const events: ForwardInfo[] = [];
  const removed: string[] = [];
  const contexts: Array<string | undefined> = [];
  let n = 0;
  const manager = new ForwardManager({
    connect: async (context) => {
      contexts.push(context);
      if (context === 'missing') throw new Error('context was not found for specified context: missing');
      return fakeClusterConnection('http://127.0.0.1:1', { context: context ?? 'demo', namespace: 'shop' });
    },
    store,
    log: silentLogger,
    onChange: (i) => events.push(i),
    onRemove: (id) => removed.push(id),
    session: { healthIntervalMs: 0, statsIntervalMs: 10, backoff: { initialMs: 10, maxMs: 40 } },
    newId: () => `fw-${++n}`,
    createBackend: (options) => {
      const backend = new FakeForwardBackend([{ name: `${options.request.target.name}-pod`, backend: echo.port }]);
      // Port pairs as the request asks (numbers only in these tests).
      backend.pairs = options.request.ports.map((p) => ({ local: p.local ?? Number(p.remote), remote: Number(p.remote) }));
      backends.push({ backend, options });
      return backend;
    },
  });
  cleanup.push(() => manager.dispose());
  return { manager, store, events, removed, backends, contexts, echo };
}

function talk(port: number, text: string): Promise<string> {
  return new Promise((resolve) => {
    let got = '';
    const s = connect({ host: '127.0.0.1', port }, () => s.write(text));
    s.on('data', (d: Buffer) => {
      got += d.toString();
      if (got.length >= text.length) s.destroy();
    });
    s.on('error', () => {});
    s.on('close', () => resolve(got));
  });
}

describe('ForwardManager', () => {
  it('adds, saves and starts a forward; reports it Active with its URL and pod', async () => {
    const { manager, store, events, backends } = await setup();
    const info = await manager.add({ context: 'demo', target: 'service/web', ports: [':80'], addresses: ['127.0.0.1'] });
    expect(info).toMatchObject({
      id: 'fw-1',
      state: 'active',
      pod: 'web-pod',
      spec: {
        context: 'demo',
        namespace: 'shop',
        target: 'svc/web',
        ports: [':80'],
        addresses: ['127.0.0.1'],
        spread: false,
        autostart: false,
      },
    });
    const local = info.bindings[0]!.local;
    expect(info.bindings).toEqual([{ address: '127.0.0.1', local, remote: 80, url: `http://127.0.0.1:${local}/` }]);
    expect(store.forwards).toEqual([{ id: 'fw-1', spec: info.spec }]);
    expect(backends[0]!.options.request.namespace).toBe('shop');
    expect(await talk(local, 'ping')).toBe('ping');
    expect(events.map((e) => e.state)).toContain('active');
  });

  it("refuses an invalid spec with kubectl's text and saves nothing", async () => {
    const { manager, store } = await setup();
    await expect(manager.add({ context: 'demo', target: 'pod/web', ports: ['1:2:3'] })).rejects.toMatchObject({
      code: 'invalid-input',
      message: "invalid port format '1:2:3'",
    });
    await expect(manager.add({ context: 'demo', target: 'pod/web', ports: ['80'], addresses: ['example.com'] })).rejects.toThrow(
      'example.com is not a valid IP',
    );
    expect(store.saves).toBe(0);
    expect(manager.list()).toEqual([]);
  });

  it('a busy port: the start fails with port-in-use; the forward stays saved, Failed, with the error', async () => {
    const { manager } = await setup();
    const busy = createServer();
    await new Promise<void>((r) => busy.listen(0, '127.0.0.1', r));
    cleanup.push(() => new Promise<void>((r) => busy.close(() => r())));
    const port = (busy.address() as AddressInfo).port;
    await expect(
      manager.add({ context: 'demo', target: 'pod/web', ports: [`${port}:80`], addresses: ['127.0.0.1'] }),
    ).rejects.toMatchObject({ code: 'port-in-use' });
    const [info] = manager.list();
    expect(info).toMatchObject({ state: 'failed', lastError: { code: 'port-in-use' } });
    expect(info!.lastError!.message).toMatch(new RegExp(`^port ${port} is already in use by .+ \\(pid ${process.pid}\\)$`));
  });

  it('stop, start and remove one forward; removal is saved and announced', async () => {
    const { manager, store, removed } = await setup();
    const { id } = await manager.add({ context: 'demo', target: 'pod/web', ports: [':80'], addresses: ['127.0.0.1'] });
    expect((await manager.stop(id)).state).toBe('stopped');
    expect((await manager.stop(id)).bindings).toEqual([]);
    expect((await manager.start(id)).state).toBe('active');
    await manager.remove(id);
    expect(removed).toEqual([id]);
    expect(store.forwards).toEqual([]);
    await expect(manager.start(id)).rejects.toMatchObject({ code: 'not-found' });
  });

  it('starts and stops in bulk, per context or all', async () => {
    const { manager } = await setup();
    const a = await manager.add({ context: 'demo', target: 'pod/a', ports: [':80'], addresses: ['127.0.0.1'] }, { start: false });
    const b = await manager.add({ context: 'demo', target: 'pod/b', ports: [':80'], addresses: ['127.0.0.1'] }, { start: false });
    const c = await manager.add({ context: 'other', target: 'pod/c', ports: [':80'], addresses: ['127.0.0.1'] }, { start: false });
    expect((await manager.startAll('demo')).map((i) => i.state)).toEqual(['active', 'active']);
    expect(manager.get(c.id).state).toBe('stopped');
    expect((await manager.startAll()).map((i) => i.state)).toEqual(['active', 'active', 'active']);
    expect((await manager.stopAll('other')).map((i) => i.id)).toEqual([c.id]);
    expect(manager.list().map((i) => i.state)).toEqual(['active', 'active', 'stopped']);
    await manager.stopAll();
    expect(manager.list('demo').map((i) => [i.id, i.state])).toEqual([
      [a.id, 'stopped'],
      [b.id, 'stopped'],
    ]);
  });

  it('one failing forward does not stop the others in a bulk start', async () => {
    const { manager } = await setup();
    await manager.add({ context: 'demo', target: 'pod/a', ports: [':80'], addresses: ['127.0.0.1'] }, { start: false });
    const store2 = new MemoryForwardStore();
    void store2;
    const bad = await manager.add({ context: 'demo', target: 'pod/b', ports: [':80'], addresses: ['127.0.0.1'] }, { start: false });
    // Make its context vanish.
    await manager.update(bad.id, { context: 'missing', target: 'pod/b', ports: [':80'], addresses: ['127.0.0.1'], namespace: 'shop' });
    const infos = await manager.startAll();
    expect(infos.map((i) => i.state)).toEqual(['active', 'failed']);
    expect(infos[1]!.lastError?.message).toContain('context was not found');
  });

  it('restore() loads saved forwards and starts only the autostart ones', async () => {
    const saved = new MemoryForwardStore([
      {
        id: 'auto',
        spec: {
          context: 'demo',
          namespace: 'shop',
          target: 'pod/a',
          ports: [':80'],
          addresses: ['127.0.0.1'],
          spread: false,
          autostart: true,
        },
      },
      {
        id: 'manual',
        spec: {
          context: 'demo',
          namespace: 'shop',
          target: 'pod/b',
          ports: [':80'],
          addresses: ['127.0.0.1'],
          spread: false,
          autostart: false,
        },
      },
    ]);
    const { manager } = await setup(saved);
    const infos = await manager.restore();
    expect(infos.map((i) => [i.id, i.state])).toEqual([
      ['auto', 'active'],
      ['manual', 'stopped'],
    ]);
  });

  it('editing a running forward restarts it with the new spec', async () => {
    const { manager } = await setup();
    const { id, bindings } = await manager.add({ context: 'demo', target: 'pod/web', ports: [':80'], addresses: ['127.0.0.1'] });
    const info = await manager.update(id, { context: 'demo', target: 'pod/web', ports: [':80', ':81'], addresses: ['127.0.0.1'] });
    expect(info.state).toBe('active');
    expect(info.bindings.map((b) => b.remote)).toEqual([80, 81]);
    expect(info.bindings[0]!.local).not.toBe(-1);
    expect(bindings).toHaveLength(1);
  });

  it('onResume() re-probes every running forward', async () => {
    const { manager, backends } = await setup();
    await manager.add({ context: 'demo', target: 'pod/web', ports: [':80'], addresses: ['127.0.0.1'] });
    expect(backends[0]!.backend.probes).toHaveLength(1);
    manager.onResume();
    for (let i = 0; i < 100 && backends[0]!.backend.probes.length < 2; i++) await sleep(10);
    expect(backends[0]!.backend.probes).toHaveLength(2);
  });

  it("takes the context's namespace when none is given", async () => {
    const { manager, contexts } = await setup();
    const info = await manager.add({ context: 'demo', target: 'pod/web', ports: ['80'] }, { start: false });
    expect(info.spec.namespace).toBe('shop');
    expect(contexts).toEqual(['demo']);
  });
});
