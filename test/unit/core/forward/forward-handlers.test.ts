import { describe, expect, it } from 'vitest';
import { REQUEST_SCHEMAS } from '../../../../electron/shared/ipc-schemas.ts';
import { FORWARD_CHANNELS, FORWARD_EVENT_CHANNELS } from '../../../../electron/shared/contract/forward.ts';
import { EVENT_CHANNELS, isChannel, isEventChannel } from '../../../../electron/shared/ipc-contract.ts';
import { FORWARD_SCHEMAS } from '../../../../electron/shared/schemas/forward.ts';
import { EventBus } from '../../../../electron/core/events.ts';
import { createForwardService } from '../../../../electron/core/forward/forward-service.ts';
import { createForwardHandlers } from '../../../../electron/core/forward/forward-handlers.ts';
import { ForwardManager } from '../../../../electron/core/forward/forward-manager.ts';
import { silentLogger } from '../../../../electron/core/log.ts';
import { fakeClusterConnection } from '../../../fakes/fake-cluster-connection.ts';
import { MemoryForwardStore } from '../../../fakes/memory-forward-store.ts';

describe('forward:* channels (contract/forward.ts)', () => {
  it('every channel the handlers serve has a request schema, is in the contract list, and nothing else is', () => {
    const manager = new ForwardManager({
      connect: async () => fakeClusterConnection('http://127.0.0.1:1'),
      store: new MemoryForwardStore(),
      log: silentLogger,
    });
    const served = Object.keys(createForwardHandlers({ manager })).sort();
    // FORWARD_SCHEMAS is typed against the contract's ForwardContract keys, the handlers against AreaHandlers<ForwardContract>.
    expect(served).toEqual(Object.keys(FORWARD_SCHEMAS).sort());
    expect(served).toEqual([...FORWARD_CHANNELS].sort());
    for (const c of served) expect(isChannel(c)).toBe(true);
  });

  it('the events the forward service emits are exactly its declared event channels', async () => {
    const events = new EventBus();
    const seen = new Set<string>();
    for (const e of EVENT_CHANNELS) events.on(e, () => seen.add(e));
    const manager = createForwardService({
      log: silentLogger,
      events,
      home: '/nonexistent',
      connect: async (context) => fakeClusterConnection('http://127.0.0.1:1', { context: context ?? 'demo', namespace: 'shop' }),
      store: new MemoryForwardStore(),
    });
    const added = await manager.add({ context: 'demo', target: 'svc/web', ports: ['9000:80'] }, { start: false });
    await manager.remove(added.id);
    await manager.dispose();
    expect([...seen].sort()).toEqual([...FORWARD_EVENT_CHANNELS].sort());
    for (const e of FORWARD_EVENT_CHANNELS) expect(isEventChannel(e)).toBe(true);
  });

  it('validate requests at the boundary', () => {
    const ok = REQUEST_SCHEMAS['forward:add'].safeParse({ spec: { context: 'demo', target: 'svc/web', ports: ['9000:80'] } });
    expect(ok.success).toBe(true);
    expect(REQUEST_SCHEMAS['forward:add'].safeParse({ spec: { context: 'demo', target: 'svc/web', ports: [] } }).success).toBe(false);
    expect(
      REQUEST_SCHEMAS['forward:add'].safeParse({ spec: { context: 'demo', target: 'svc/web', ports: ['80'], token: 'x' } }).success,
    ).toBe(false);
    expect(REQUEST_SCHEMAS['forward:start'].safeParse({ id: '' }).success).toBe(false);
    expect(REQUEST_SCHEMAS['forward:stop-all'].safeParse({}).success).toBe(true);
    expect(REQUEST_SCHEMAS['forward:list'].safeParse(undefined).success).toBe(true);
  });

  it('map onto the manager', async () => {
    const store = new MemoryForwardStore();
    const manager = new ForwardManager({
      connect: async (context) => fakeClusterConnection('http://127.0.0.1:1', { context: context ?? 'demo', namespace: 'shop' }),
      store,
      log: silentLogger,
      newId: () => 'id-1',
    });
    const h = createForwardHandlers({ manager });
    const signal = new AbortController().signal;
    const added = await h['forward:add'](
      { spec: { context: 'demo', target: 'deployment/api', ports: ['8080:http'] }, start: false },
      signal,
    );
    expect(added).toMatchObject({ id: 'id-1', state: 'stopped', spec: { target: 'deploy/api', namespace: 'shop' } });
    expect(await h['forward:list'](undefined, signal)).toHaveLength(1);
    expect((await h['forward:stop-all']({ context: 'demo' }, signal)).map((i) => i.id)).toEqual(['id-1']);
    await h['forward:remove']({ id: 'id-1' }, signal);
    expect(store.forwards).toEqual([]);
    await manager.dispose();
  });
});
