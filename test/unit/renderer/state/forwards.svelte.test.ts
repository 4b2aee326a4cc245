import { describe, expect, it } from 'vitest';
import type { ForwardInfo, IpcEvents, KubeDeskClient, Result } from '../../../../electron/shared/ipc-contract.ts';
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

function fakeClient(answers: Record<string, (req: unknown) => Result<unknown>>) {
  const listeners = new Map<string, Set<(p: unknown) => void>>();
  const calls: Array<[string, unknown]> = [];
  const client: KubeDeskClient = {
    invoke: (async (channel: string, req: unknown) => {
      calls.push([channel, req]);
      const a = answers[channel];
      return a ? a(req) : { ok: false, error: { code: 'internal', message: `no fake for ${channel}` } };
    }) as KubeDeskClient['invoke'],
    on: ((event: string, l: (p: unknown) => void) => {
      if (!listeners.has(event)) listeners.set(event, new Set());
      listeners.get(event)!.add(l);
      return () => listeners.get(event)!.delete(l);
    }) as KubeDeskClient['on'],
  };
  const emit = <E extends keyof IpcEvents>(event: E, payload: IpcEvents[E]): void => listeners.get(event)?.forEach((l) => l(payload));
  return { client, calls, emit, listeners };
}

describe('ForwardsState (renderer, issue 7)', () => {
  it('loads the list and follows state changes and removals live', async () => {
    const f = fakeClient({ 'forward:list': () => ({ ok: true, value: [info('a'), info('b', 'stopped')] }) });
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
    expect(f.listeners.get('forward:state-changed')?.size).toBe(0);
  });

  it('shows a port-in-use start error and the saved, failed forward', async () => {
    const failed = info('x', 'failed');
    const f = fakeClient({
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
    const f = fakeClient({
      'forward:add': () => ({ ok: false, error: { code: 'invalid-input', message: "invalid port format '1:2:3'" } }),
    });
    const s = new ForwardsState(f.client);
    expect(await s.add({ context: 'demo', target: 'pod/web', ports: ['1:2:3'] })).toBe(false);
    expect(s.error?.message).toBe("invalid port format '1:2:3'");
    expect(f.calls.map((c) => c[0])).toEqual(['forward:add']);
  });

  it('start/stop mark the row busy while in flight and apply the answer; bulk ops pass the context', async () => {
    const f = fakeClient({
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
});
