import { describe, expect, it } from 'vitest';
import type { IpcEvents, KubeDeskClient, ProxyInfo, Result } from '../../../../electron/shared/ipc-contract.ts';
import { ProxiesState } from '../../../../renderer/src/lib/state/proxies.svelte.ts';

function info(context: string, state: ProxyInfo['state'] = 'listening', requests = 0): ProxyInfo {
  return {
    context,
    state,
    address: '127.0.0.1:8001',
    port: 8001,
    url: 'http://127.0.0.1:8001/',
    server: 'https://127.0.0.1:6443/',
    tokenRequired: false,
    since: new Date(0).toISOString(),
    stats: { requests, refused: 0, active: 0, upgrades: 0, bytesIn: 0, bytesOut: 0, lastError: null },
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

describe('ProxiesState (renderer, issue 6)', () => {
  it('loads the list and follows live state: stats updates, new proxies, stops', async () => {
    const f = fakeClient({ 'proxy:list': () => ({ ok: true, value: [info('demo')] }) });
    const s = new ProxiesState(f.client);
    await s.refresh();
    expect(s.loading).toBe(false);
    expect(s.listening).toBe(1);
    const off = s.follow();
    f.emit('proxy:state-changed', info('demo', 'listening', 7));
    expect(s.get('demo')?.stats.requests).toBe(7);
    f.emit('proxy:state-changed', info('another'));
    expect(s.items.map((p) => p.context)).toEqual(['another', 'demo']);
    f.emit('proxy:state-changed', info('demo', 'stopped'));
    expect(s.items.map((p) => p.context)).toEqual(['another']);
    off();
    expect(f.listeners.get('proxy:state-changed')?.size).toBe(0);
  });

  it('starts and stops through the contract, disabling the row meanwhile', async () => {
    const f = fakeClient({
      'proxy:start': () => ({ ok: true, value: info('demo') }),
      'proxy:stop': () => ({ ok: true, value: undefined }),
    });
    const s = new ProxiesState(f.client);
    const starting = s.start({ context: 'demo', token: true });
    expect(s.busy).toEqual(['demo']);
    expect(await starting).toBe(true);
    expect(s.busy).toEqual([]);
    expect(s.get('demo')?.state).toBe('listening');
    expect(await s.stop('demo')).toBe(true);
    expect(s.items).toEqual([]);
    expect(f.calls).toEqual([
      ['proxy:start', { context: 'demo', token: true }],
      ['proxy:stop', { context: 'demo' }],
    ]);
  });

  it('keeps a start error (port in use) for the banner', async () => {
    const f = fakeClient({
      'proxy:start': () => ({
        ok: false,
        error: { code: 'port-in-use', message: 'listen tcp 127.0.0.1:8001: bind: address already in use' },
      }),
    });
    const s = new ProxiesState(f.client);
    expect(await s.start({ context: 'demo', port: 8001 })).toBe(false);
    expect(s.error).toEqual({ code: 'port-in-use', message: 'listen tcp 127.0.0.1:8001: bind: address already in use' });
    expect(s.items).toEqual([]);
  });
});
