import { createServer, type Server } from 'node:http';
import { afterEach, beforeEach, describe, expect, it, onTestFinished } from 'vitest';
import type { ProxyInfo } from '../../../../electron/shared/ipc-contract.ts';
import { EventBus } from '../../../../electron/core/events.ts';
import { silentLogger } from '../../../../electron/core/log.ts';
import { createProxyHandlers } from '../../../../electron/core/proxy/proxy-handlers.ts';
import { ProxyManager } from '../../../../electron/core/proxy/proxy-manager.ts';
import { fakeClusterConnection, type FakeConnection } from '../../../fakes/fake-cluster-connection.ts';
import { probe } from '../../../support/http-probe.ts';

let upstream: Server;
let upstreamUrl: string;
let events: EventBus;
let seen: ProxyInfo[];
let conns: FakeConnection[];
let manager: ProxyManager;

beforeEach(async () => {
  upstream = createServer((req, res) => {
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify({ url: req.url, auth: req.headers.authorization }));
  });
  await new Promise<void>((r) => upstream.listen(0, '127.0.0.1', r));
  upstreamUrl = `http://127.0.0.1:${(upstream.address() as { port: number }).port}`;
  events = new EventBus();
  seen = [];
  events.on('proxy:state-changed', (i) => seen.push(i));
  conns = [];
  manager = new ProxyManager({
    connect: async (context) => {
      if (context === 'missing') throw new Error('context was not found for specified context: missing');
      const c = fakeClusterConnection(upstreamUrl, { context: context ?? 'current', token: () => `tok-${context}` });
      conns.push(c);
      return c;
    },
    events,
    log: silentLogger,
    statsIntervalMs: 20,
  });
});

afterEach(async () => {
  await manager.dispose();
  await new Promise<void>((r) => upstream.close(() => r()));
});

describe('ProxyManager: many proxies at once', () => {
  it('runs one proxy per context, each on its own port, each with its own credentials', async () => {
    const a = await manager.start({ context: 'a', token: false });
    const b = await manager.start({ context: 'b', token: false });
    expect(a.port).not.toBe(b.port);
    expect(a.address).toBe(`127.0.0.1:${a.port}`);
    expect(a.url).toBe(`http://127.0.0.1:${a.port}/`);
    expect(a.state).toBe('listening');
    expect(a.tokenRequired).toBe(false);
    expect(JSON.parse((await probe(a.port, '/api/')).body)).toEqual({ url: '/api/', auth: 'Bearer tok-a' });
    expect(JSON.parse((await probe(b.port, '/api/')).body)).toEqual({ url: '/api/', auth: 'Bearer tok-b' });
    expect(manager.list().map((p) => p.context)).toEqual(['a', 'b']);
  });

  it('returns the running proxy when started twice, even concurrently', async () => {
    const [x, y] = await Promise.all([manager.start({ context: 'a' }), manager.start({ context: 'a' })]);
    expect(x.port).toBe(y.port);
    expect((await manager.start({ context: 'a', port: 1 })).port).toBe(x.port);
    expect(conns).toHaveLength(1);
  });

  it('emits listening, live stats (throttled) and stopped, and frees the port and connection on stop', async () => {
    const a = await manager.start({ context: 'a', token: false });
    expect(seen.map((i) => i.state)).toEqual(['listening']);
    for (let i = 0; i < 5; i++) await probe(a.port, '/api/');
    await expect.poll(() => seen.at(-1)?.stats.requests).toBe(5);
    expect(seen.length).toBeLessThan(12);
    expect(seen.at(-1)!.stats.bytesIn).toBeGreaterThan(0);
    await manager.stop('a');
    expect(seen.at(-1)).toMatchObject({ context: 'a', state: 'stopped' });
    expect(manager.list()).toEqual([]);
    await expect(probe(a.port, '/api/')).rejects.toThrow(/ECONNREFUSED/);
    // The keep-alive agent was destroyed with it.
    expect(Object.keys(conns[0]!.agent.sockets)).toEqual([]);
  });

  it('records the last error when the apiserver is unreachable', async () => {
    await new Promise<void>((r) => upstream.close(() => r()));
    upstream = createServer();
    await new Promise<void>((r) => upstream.listen(0, '127.0.0.1', r));
    const a = await manager.start({ context: 'a', token: false });
    const r = await probe(a.port, '/api/');
    expect(r.status).toBe(500);
    await expect.poll(() => seen.at(-1)?.stats.lastError?.message).toMatch(/^connect ECONNREFUSED 127\.0\.0\.1:\d+$/);
  });

  it('requires the per-launch token by default: a request without it gets 401 Unauthorized', async () => {
    const a = await manager.start({ context: 'a' });
    expect(a.tokenRequired).toBe(true);
    const r = await probe(a.port, '/api/');
    expect(r.status).toBe(401);
    expect(r.body).toBe('Unauthorized\n');
  });

  it('opens with a one-time code, swapped once for the per-port cookie; the token is never in a URL, event or ProxyInfo', async () => {
    const a = await manager.start({ context: 'a' });
    const url = new URL(manager.openUrl('a', '/api/v1/namespaces'));
    expect(url.origin).toBe(`http://127.0.0.1:${a.port}`);
    expect(url.searchParams.get('kubedesk_token')).toBeNull();
    const code = url.searchParams.get('kubedesk_code')!;
    expect(code).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const first = await probe(a.port, `${url.pathname}${url.search}`);
    expect(first.status).toBe(302);
    expect(first.headers.location).toBe('/api/v1/namespaces');
    const cookie = String(first.headers['set-cookie']);
    expect(cookie).toMatch(new RegExp(`^kubedesk_token_${a.port}=[A-Za-z0-9_-]{43}; HttpOnly; SameSite=Strict; Path=/$`));
    const token = cookie.split(';')[0]!.split('=')[1]!;
    expect(token).not.toBe(code);
    const again = await probe(a.port, `${url.pathname}${url.search}`);
    expect(again.status).toBe(401);
    const withCookie = await probe(a.port, '/api/v1/namespaces', { headers: { Cookie: cookie.split(';')[0]! } });
    expect(JSON.parse(withCookie.body)).toEqual({ url: '/api/v1/namespaces', auth: 'Bearer tok-a' });
    expect(JSON.stringify(seen)).not.toContain(token);
    expect(JSON.stringify(manager.list())).not.toContain(token);
    const h = createProxyHandlers(manager);
    const viaChannel = await h['proxy:open-url']({ context: 'a', path: '/api/' }, new AbortController().signal);
    expect(viaChannel.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${a.port}/api/\\?kubedesk_code=[A-Za-z0-9_-]{43}$`));
  });

  it('expires an unused code', async () => {
    const short = new ProxyManager({
      connect: async () => fakeClusterConnection(upstreamUrl, { context: 'x', token: () => 't' }),
      events,
      log: silentLogger,
      server: { codeTtlMs: 50 },
    });
    onTestFinished(() => short.dispose());
    const a = await short.start({ context: 'x' });
    const url = new URL(short.openUrl('x', '/api/'));
    await new Promise((r) => setTimeout(r, 80));
    expect((await probe(a.port, `${url.pathname}${url.search}`)).status).toBe(401);
  });

  it('opens a proxy without a token at its plain URL', async () => {
    const a = await manager.start({ context: 'a', token: false });
    expect(manager.openUrl('a', '/api/')).toBe(`http://127.0.0.1:${a.port}/api/`);
    expect(() => manager.openUrl('nope')).toThrow(expect.objectContaining({ code: 'not-found' }));
    // Whatever the path says, the URL stays on the proxy's origin.
    for (const path of ['//evil.example/x', '/http://evil.example/', 'https://evil.example/a?b=1']) {
      expect(new URL(manager.openUrl('a', path)).origin).toBe(`http://127.0.0.1:${a.port}`);
    }
  });

  it('fails a start on a busy port with port-in-use and keeps nothing', async () => {
    const a = await manager.start({ context: 'a' });
    await expect(manager.start({ context: 'b', port: a.port })).rejects.toMatchObject({ code: 'port-in-use' });
    expect(manager.list().map((p) => p.context)).toEqual(['a']);
    expect(conns).toHaveLength(2);
  });

  it('answers the proxy:* channels', async () => {
    const h = createProxyHandlers(manager);
    const signal = new AbortController().signal;
    const started = await h['proxy:start']({ context: 'a' }, signal);
    expect((await h['proxy:list'](undefined, signal)).map((p) => p.port)).toEqual([started.port]);
    await h['proxy:stop']({ context: 'a' }, signal);
    await expect(h['proxy:stop']({ context: 'a' }, signal)).rejects.toMatchObject({ code: 'not-found' });
    await expect(h['proxy:start']({ context: 'missing' }, signal)).rejects.toThrow(/missing/);
  });

  it('stops everything on dispose', async () => {
    const a = await manager.start({ context: 'a' });
    const b = await manager.start({ context: 'b' });
    await manager.dispose();
    await expect(probe(a.port, '/api/')).rejects.toThrow(/ECONNREFUSED/);
    await expect(probe(b.port, '/api/')).rejects.toThrow(/ECONNREFUSED/);
    await expect(manager.start({ context: 'c' })).rejects.toMatchObject({ code: 'cancelled' });
  });
});
