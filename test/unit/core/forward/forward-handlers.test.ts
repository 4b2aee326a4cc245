import { describe, expect, it } from 'vitest';
import { REQUEST_SCHEMAS } from '../../../../electron/shared/ipc-schemas.ts';
import { FORWARD_CHANNELS, FORWARD_EVENT_CHANNELS } from '../../../../electron/shared/contract/forward.ts';
import { CHANNELS, EVENT_CHANNELS } from '../../../../electron/shared/ipc-contract.ts';
import { createForwardHandlers } from '../../../../electron/core/forward/forward-handlers.ts';
import { ForwardManager } from '../../../../electron/core/forward/forward-manager.ts';
import { silentLogger } from '../../../../electron/core/log.ts';
import { fakeClusterConnection } from '../../../fakes/fake-cluster-connection.ts';
import { MemoryForwardStore } from '../../../fakes/memory-forward-store.ts';

describe('forward:* channels (contract/forward.ts)', () => {
  it('are registered in the contract with their events', () => {
    for (const c of FORWARD_CHANNELS) expect(CHANNELS).toContain(c);
    for (const e of FORWARD_EVENT_CHANNELS) expect(EVENT_CHANNELS).toContain(e);
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
