import { describe, expect, it } from 'vitest';
import { fakeKubeDeskClient } from '../../../fakes/fake-kubedesk-client.ts';
import type { ProxyInfo } from '../../../../electron/shared/ipc-contract.ts';
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

describe('ProxiesState', () => {
  it('loads the list and follows live state: stats updates, new proxies, stops', async () => {
    const f = fakeKubeDeskClient({ 'proxy:list': () => ({ ok: true, value: [info('demo')] }) });
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
    expect(f.listenerCount('proxy:state-changed')).toBe(0);
  });

  it('starts and stops through the contract, disabling the row meanwhile', async () => {
    const f = fakeKubeDeskClient({
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
    const f = fakeKubeDeskClient({
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

  it('asks for a one-time open URL for the browser, and keeps the error when the proxy is gone', async () => {
    const f = fakeKubeDeskClient({
      'proxy:open-url': (req) =>
        (req as { context: string }).context === 'demo'
          ? { ok: true, value: { url: 'http://127.0.0.1:1234/api/?kubedesk_code=abc' } }
          : { ok: false, error: { code: 'not-found', message: 'no proxy is running for context "gone"' } },
    });
    const s = new ProxiesState(f.client);
    expect(await s.openUrl('demo')).toBe('http://127.0.0.1:1234/api/?kubedesk_code=abc');
    expect(f.calls).toEqual([['proxy:open-url', { context: 'demo', path: '/api/' }]]);
    expect(await s.openUrl('gone')).toBeUndefined();
    expect(s.error?.code).toBe('not-found');
  });
});
