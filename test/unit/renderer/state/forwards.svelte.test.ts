import { describe, expect, it } from 'vitest';
import { fakeKubeDeskClient } from '../../../fakes/fake-kubedesk-client.ts';
import type { ForwardInfo } from '../../../../electron/shared/ipc-contract.ts';
import { ForwardsState } from '../../../../renderer/src/lib/state/forwards.svelte.ts';

function info(id: string, state: ForwardInfo['state'] = 'active', context = 'demo'): ForwardInfo {
  return {
    id,
    spec: { context, namespace: 'shop', target: 'svc/web', ports: ['9000:80'], addresses: ['localhost'], spread: false, autostart: false },
    state,
    since: new Date(0).toISOString(),
    pod: 'web-1',
    pods: ['web-1'],
    bindings: [{ address: '127.0.0.1', local: 9000, remote: 8080, url: 'http://127.0.0.1:9000/' }],
    stats: { connectionsOpen: 0, connectionsTotal: 0, bytesIn: 0, bytesOut: 0 },
    served: [],
    lastError: null,
  };
}

describe('ForwardsState', () => {
  it('loads the list and follows state changes and removals live', async () => {
    const f = fakeKubeDeskClient({ 'forward:list': () => ({ ok: true, value: [info('a'), info('b', 'stopped')] }) });
    const s = new ForwardsState(f.client);
    await s.refresh();
    expect(s.items.map((i) => i.id)).toEqual(['a', 'b']);
    expect(s.active).toBe(1);
    const off = s.follow();
    f.emit('forward:state-changed', info('b', 'reconnecting'));
    expect(s.items.map((i) => i.state)).toEqual(['active', 'reconnecting']);
    f.emit('forward:state-changed', info('c', 'starting', 'other'));
    expect(s.contexts).toEqual(['demo', 'other']);
    f.emit('forward:removed', { id: 'a' });
    expect(s.items.map((i) => i.id)).toEqual(['b', 'c']);
    off();
    expect(f.listenerCount('forward:state-changed')).toBe(0);
  });

  it('shows a port-in-use start error and the saved, failed forward', async () => {
    const failed = info('x', 'failed');
    const f = fakeKubeDeskClient({
      'forward:add': () => ({ ok: false, error: { code: 'port-in-use', message: 'port 9000 is already in use by python3 (pid 7)' } }),
      'forward:list': () => ({ ok: true, value: [failed] }),
    });
    const s = new ForwardsState(f.client);
    const saved = await s.add({ context: 'demo', target: 'svc/web', ports: ['9000:80'] });
    expect(saved).toBe(true);
    expect(s.error).toEqual({ code: 'port-in-use', message: 'port 9000 is already in use by python3 (pid 7)' });
    expect(s.items).toEqual([failed]);
  });

  it('keeps the form open on an invalid spec (nothing saved)', async () => {
    const f = fakeKubeDeskClient({
      'forward:add': () => ({ ok: false, error: { code: 'invalid-input', message: "invalid port format '1:2:3'" } }),
    });
    const s = new ForwardsState(f.client);
    expect(await s.add({ context: 'demo', target: 'pod/web', ports: ['1:2:3'] })).toBe(false);
    expect(s.error?.message).toBe("invalid port format '1:2:3'");
    expect(f.calls.map((c) => c[0])).toEqual(['forward:add']);
  });

  it('start/stop mark the row busy while in flight and apply the answer; bulk ops pass the context', async () => {
    const f = fakeKubeDeskClient({
      'forward:stop': () => ({ ok: true, value: info('a', 'stopped') }),
      'forward:start-all': () => ({ ok: true, value: [info('a', 'active')] }),
    });
    const s = new ForwardsState(f.client);
    s.items = [info('a')];
    const stopping = s.stop('a');
    expect(s.busy.includes('a')).toBe(true);
    await stopping;
    expect(s.busy.includes('a')).toBe(false);
    expect(s.items[0]!.state).toBe('stopped');
    await s.startAll('demo');
    expect(f.calls.at(-1)).toEqual(['forward:start-all', { context: 'demo' }]);
    expect(s.items[0]!.state).toBe('active');
  });

  it('deletes a forward through the contract and drops its row; a refused delete keeps it', async () => {
    const f = fakeKubeDeskClient({
      'forward:remove': (req) =>
        req.id === 'a' ? { ok: true, value: undefined } : { ok: false, error: { code: 'not-found', message: 'no forward b' } },
    });
    const s = new ForwardsState(f.client);
    s.items = [info('a'), info('b')];
    expect(await s.delete('a')).toBe(true);
    expect(s.items.map((i) => i.id)).toEqual(['b']);
    expect(await s.delete('b')).toBe(false);
    expect(s.items.map((i) => i.id)).toEqual(['b']);
    expect(s.error?.code).toBe('not-found');
    expect(s.busy).toEqual([]);
  });
});
