// The service gateway against the demo cluster (docs/service-gateway.md): the shop's web page at
// `/` with its absolute links working, Location mapped back, paths that try to climb out of the
// service contained (raw sockets), foreign Hosts and other sites refused, remembered ports,
// idle-out, reuse, and an open that fails leaving nothing behind.
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import type { GatewayInfo } from '../../../../electron/shared/contract/services.ts';
import type { ConnectionProvider } from '../../../../electron/core/cluster/connection-provider.ts';
import { DEMO_TICKER, DEMO_WEB, startDemoCluster, type DemoCluster } from '../../../../electron/core/demo/demo-cluster.ts';
import { KubeDeskError } from '../../../../electron/core/errors.ts';
import { EventBus } from '../../../../electron/core/events.ts';
import { silentLogger } from '../../../../electron/core/log.ts';
import { GatewayManager } from '../../../../electron/core/services/gateway/gateway-manager.ts';
import { kubeconfigConnections } from '../../../support/kubeconfig-connect.ts';
import { isFree, probe, rawRequest, rawUpgrade } from '../../../support/http-probe.ts';
import { listenersLeftBy } from '../../../support/listeners-left.ts';

const PREFIX = `/api/v1/namespaces/shop/services/${DEMO_WEB.service}:${DEMO_WEB.portName}/proxy`;

let demo: DemoCluster;
let connections: ConnectionProvider;

beforeAll(async () => {
  demo = await startDemoCluster();
  const kubeconfig = await demo.writeKubeconfig(mkdtempSync(join(tmpdir(), 'kd-gateway-')));
  connections = kubeconfigConnections(kubeconfig);
});
afterAll(async () => {
  connections?.dispose();
  await demo?.dispose();
});

function manager(opts: { home?: string; idleTimeoutMs?: number; events?: EventBus } = {}): GatewayManager {
  const m = new GatewayManager({
    connect: connections.connect,
    log: silentLogger,
    home: opts.home ?? mkdtempSync(join(tmpdir(), 'kd-gateway-home-')),
    events: opts.events,
    idleTimeoutMs: opts.idleTimeoutMs,
  });
  onTestFinished(() => m.dispose());
  return m;
}

async function openWeb(m: GatewayManager): Promise<{ info: GatewayInfo; port: number }> {
  const info = await m.open({ context: 'demo', namespace: 'shop', service: DEMO_WEB.service });
  return { info, port: Number(new URL(info.url).port) };
}

/** Paths the apiserver saw since `seen` (favicon aside). */
function apiPathsSince(seen: number): string[] {
  return demo.requestLog.slice(seen).map((r) => r.path);
}

describe('serving a service at / (docs/service-gateway.md)', () => {
  it("serves the shop's page at / with its absolute links mapped back, and they work", async () => {
    const m = manager();
    const { info, port } = await openWeb(m);
    expect(info).toMatchObject({
      id: 'demo/shop/web:http',
      context: 'demo',
      namespace: 'shop',
      service: 'web',
      port: 'http',
      via: 'api-proxy',
      state: 'listening',
      url: `http://127.0.0.1:${port}/`,
      idleTimeoutMs: 30 * 60_000,
    });
    const page = await probe(port, '/');
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>KubeDesk demo shop</title>');
    // The demo apiserver rewrote these to its proxy path; the gateway maps them back to /.
    expect(page.body).toContain('<link rel="stylesheet" href="/static/style.css">');
    expect(page.body).toContain('<a href="/headers">');
    expect(page.body).toContain('<a href="healthz">');
    expect(page.body).not.toContain('/api/v1/');
    expect(Number(page.headers['content-length'])).toBe(Buffer.byteLength(page.body));
    const css = await probe(port, '/static/style.css');
    expect(css.status).toBe(200);
    expect(css.headers['content-type']).toBe('text/css; charset=utf-8');
    const headers = await probe(port, '/headers?x=1');
    expect(JSON.parse(headers.body)).toMatchObject({ url: '/headers?x=1', method: 'GET' });
  });

  it('maps a redirect Location back to the gateway', async () => {
    const { port } = await openWeb(manager());
    const r = await probe(port, '/redirect');
    expect(r.status).toBe(302);
    expect(r.headers['location']).toBe('/moved');
  });

  it('authenticates with the connection: a browser Authorization or Impersonate-User is dropped, not used', async () => {
    const { port } = await openWeb(manager());
    const seen = demo.requestLog.length;
    const r = await probe(port, '/healthz', { headers: { Authorization: 'Bearer not-a-demo-token', 'Impersonate-User': 'system:admin' } });
    // Forwarded, the bogus token would be a 401 and the impersonation a 403.
    expect(r.status).toBe(200);
    expect(r.body).toBe('ok\n');
    expect(demo.requestLog.slice(seen)).toEqual([{ method: 'GET', path: `${PREFIX}/healthz`, authenticated: true }]);
  });

  it('reuses the running gateway for the same service port, however it is named', async () => {
    const m = manager();
    const [a, b] = await Promise.all([
      m.open({ context: 'demo', namespace: 'shop', service: 'web' }),
      m.open({ context: 'demo', namespace: 'shop', service: 'web:80' }),
    ]);
    const c = await m.open({ context: 'demo', namespace: 'shop', service: 'web:http' });
    expect(b.url).toBe(a.url);
    expect(c.url).toBe(a.url);
    expect(m.list().map((g) => g.id)).toEqual(['demo/shop/web:http']);
  });

  it('counts requests, refusals and bytes, and reports them in throttled events', async () => {
    const events = new EventBus();
    const seen: GatewayInfo[] = [];
    events.on('services:gateway-changed', (g) => seen.push(g));
    const m = manager({ events });
    const { port } = await openWeb(m);
    for (let i = 0; i < 20; i++) await probe(port, '/healthz');
    await probe(port, '/', { headers: { Host: 'evil.test' } });
    const stats = m.list()[0]!.stats;
    expect(stats).toMatchObject({ requests: 20, refused: 1, active: 0 });
    expect(stats.bytesIn).toBeGreaterThanOrEqual(20 * 3);
    expect(stats.lastUsed).not.toBeNull();
    await new Promise((r) => setTimeout(r, 400));
    // One `listening` event at the start, then far fewer stats events than changes.
    expect(seen[0]!.state).toBe('listening');
    expect(seen.length).toBeLessThan(20);
    expect(seen.at(-1)!.stats.requests).toBe(20);
  });
});

describe('nothing outside the service is reachable (docs/service-gateway.md, Paths)', () => {
  const escapes = [
    '/../../api/v1/namespaces',
    '/../../../../api/v1/namespaces/shop/pods',
    '/%2e%2e/%2e%2e/%2e%2e/%2e%2e/api/v1/namespaces',
    '/%2E%2E%2F%2E%2E%2F%2E%2E%2Fapi/v1/namespaces',
    '/..%2f..%2f..%2f..%2fapi/v1/namespaces',
    '//api/v1/namespaces',
    '/..\\..\\..\\..\\api/v1/namespaces',
    '/%5c..%5c..%5c..%5c..%5capi/v1/namespaces',
    '/api/v1/namespaces',
  ];
  for (const path of escapes) {
    it(`GET ${path} over a raw socket reaches the service's backend, not the API`, async () => {
      const { port } = await openWeb(manager());
      const seen = demo.requestLog.length;
      const r = await rawRequest(port, `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: close\r\n\r\n`);
      // The web backend's own 404 (its pod header says who answered), never a NamespaceList.
      expect(r.status).toBe(404);
      expect(r.headers['x-demo-pod']).toMatch(/^web-/);
      expect(r.body).toBe('404 page not found\n');
      const paths = apiPathsSince(seen);
      expect(paths).toHaveLength(1);
      expect(paths[0]!.startsWith(`${PREFIX}/`)).toBe(true);
      expect(paths[0]).toMatch(/\/proxy\/api\/v1\/namespaces/);
    });
  }

  it('keeps a port-forward upgrade under the service too, and the next requests on the apiserver', async () => {
    const { port } = await openWeb(manager());
    const seen = demo.requestLog.length;
    const { socket, head } = await rawUpgrade(
      port,
      `GET /../../api/v1/namespaces/shop/pods/x/portforward?ports=80 HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Protocol: v4.channel.k8s.io\r\n\r\n`,
    );
    socket.destroy();
    expect(head.status).not.toBe(101);
    const paths = apiPathsSince(seen);
    expect(paths).toEqual([`${PREFIX}/api/v1/namespaces/shop/pods/x/portforward`]);
    // The refused upgrade's upstream socket (which the demo spliced to the backend) is not
    // pooled: the next requests still go to the apiserver.
    for (let i = 0; i < 3; i++) expect((await probe(port, '/healthz')).status).toBe(200);
    expect(apiPathsSince(seen).slice(1)).toEqual([`${PREFIX}/healthz`, `${PREFIX}/healthz`, `${PREFIX}/healthz`]);
  });

  it('answers 400 to a request target that is not a path, and sends nothing upstream', async () => {
    const { port } = await openWeb(manager());
    const seen = demo.requestLog.length;
    const absolute = await rawRequest(
      port,
      `GET ${demo.url}/api/v1/namespaces HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: close\r\n\r\n`,
    );
    expect(absolute.status).toBe(400);
    const badEscape = await rawRequest(port, `GET /%zz HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: close\r\n\r\n`);
    expect(badEscape.status).toBe(400);
    expect(apiPathsSince(seen)).toEqual([]);
  });
});

describe('refusals (docs/service-gateway.md, What it refuses)', () => {
  it('refuses a foreign or missing Host (DNS rebinding) with 403 before anything goes upstream', async () => {
    const { port } = await openWeb(manager());
    const seen = demo.requestLog.length;
    for (const host of ['rebind.test', `rebind.test:${port}`, `127.0.0.1:${port + 1}`, `[::1]:${port}`]) {
      const r = await probe(port, '/', { headers: { Host: host } });
      expect([host, r.status, r.body]).toEqual([host, 403, 'Forbidden\n']);
    }
    const noHost = await rawRequest(port, 'GET / HTTP/1.0\r\n\r\n');
    expect(noHost.status).toBe(403);
    const emptyHost = await rawRequest(port, 'GET / HTTP/1.1\r\nHost: \r\nConnection: close\r\n\r\n');
    expect(emptyHost.status).toBe(403);
    const twoHosts = await rawRequest(port, `GET / HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nHost: rebind.test\r\nConnection: close\r\n\r\n`);
    expect([400, 403]).toContain(twoHosts.status);
    expect((await probe(port, '/healthz', { headers: { Host: `localhost:${port}` } })).status).toBe(200);
    expect(apiPathsSince(seen)).toEqual([`${PREFIX}/healthz`]);
  });

  it('refuses requests from other sites that are not top-level navigations, and foreign Origins', async () => {
    const g = manager();
    const { port } = await openWeb(g);
    const seen = demo.requestLog.length;
    const refused: Array<Record<string, string>> = [
      { 'Sec-Fetch-Site': 'cross-site', 'Sec-Fetch-Mode': 'cors', 'Sec-Fetch-Dest': 'empty' },
      { 'Sec-Fetch-Site': 'same-site', 'Sec-Fetch-Mode': 'no-cors', 'Sec-Fetch-Dest': 'script' },
      { 'Sec-Fetch-Site': 'cross-site', 'Sec-Fetch-Mode': 'navigate', 'Sec-Fetch-Dest': 'iframe' },
      { Origin: 'http://127.0.0.1:1' },
      { Origin: 'null' },
      { Origin: `http://rebind.test:${port}` },
    ];
    for (const headers of refused) {
      const r = await probe(port, '/headers', { headers });
      expect([headers, r.status]).toEqual([headers, 403]);
    }
    const post = await probe(port, '/headers', {
      method: 'POST',
      body: 'x',
      headers: { Origin: 'http://evil.test', 'Sec-Fetch-Site': 'cross-site', 'Sec-Fetch-Mode': 'navigate', 'Sec-Fetch-Dest': 'document' },
    });
    expect(post.status).toBe(403);
    const ws = await rawUpgrade(
      port,
      `GET / HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nOrigin: http://evil.test\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n`,
    );
    ws.socket.destroy();
    expect(ws.head.status).toBe(403);
    expect(apiPathsSince(seen)).toEqual([]);
    // A link from elsewhere still opens the service, and its own page may script it.
    const nav = await probe(port, '/', {
      headers: { 'Sec-Fetch-Site': 'cross-site', 'Sec-Fetch-Mode': 'navigate', 'Sec-Fetch-Dest': 'document' },
    });
    expect(nav.status).toBe(200);
    const own = await probe(port, '/healthz', {
      headers: { Origin: `http://127.0.0.1:${port}`, 'Sec-Fetch-Site': 'same-origin', 'Sec-Fetch-Mode': 'cors' },
    });
    expect(own.status).toBe(200);
    expect(g.list()[0]!.stats.refused).toBe(refused.length + 2);
  });
});

describe('remembered ports (docs/service-gateway.md, Remembered ports)', () => {
  it('opens on the same port after a restart of the manager, and picks (and remembers) another when it is taken', async () => {
    const home = mkdtempSync(join(tmpdir(), 'kd-gateway-home-'));
    const first = manager({ home });
    const { port } = await openWeb(first);
    await first.dispose();
    expect(await isFree(port)).toBe(true);
    const file = join(home, 'gateway-ports.json');
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ version: 1, ports: { 'demo/shop/web:http': port } });

    const second = manager({ home });
    expect((await openWeb(second)).port).toBe(port);
    expect((await probe(port, '/healthz')).status).toBe(200);
    await second.dispose();

    const squatter: Server = createServer();
    await new Promise<void>((r) => squatter.listen(port, '127.0.0.1', r));
    onTestFinished(() => new Promise<void>((r) => squatter.close(() => r())));
    const third = manager({ home });
    const moved = (await openWeb(third)).port;
    expect(moved).not.toBe(port);
    expect((await probe(moved, '/healthz')).status).toBe(200);
    expect(JSON.parse(readFileSync(file, 'utf8')).ports).toEqual({ 'demo/shop/web:http': moved });
  });
});

describe('idle-out (docs/service-gateway.md, Idle-out)', () => {
  it('closes after the idle timeout without requests, emits stopped, and frees the port', async () => {
    const events = new EventBus();
    const stopped = new Promise<GatewayInfo>((resolve) =>
      events.on('services:gateway-changed', (g) => {
        if (g.state === 'stopped') resolve(g);
      }),
    );
    const g = manager({ idleTimeoutMs: 300, events });
    const { port } = await openWeb(g);
    expect((await probe(port, '/healthz')).status).toBe(200);
    const info = await stopped;
    expect(info).toMatchObject({ id: 'demo/shop/web:http', state: 'stopped', idleTimeoutMs: 300 });
    expect(info.stats.requests).toBe(1);
    expect(g.list()).toEqual([]);
    expect(await isFree(port)).toBe(true);
  });

  it('stays open while a response is streaming, and idles out once it ends', async () => {
    const events = new EventBus();
    let stoppedAt = 0;
    events.on('services:gateway-changed', (gw) => {
      if (gw.state === 'stopped') stoppedAt = Date.now();
    });
    const g = manager({ idleTimeoutMs: 200, events });
    const info = await g.open({ context: 'demo', namespace: 'shop', service: DEMO_TICKER.service });
    const port = Number(new URL(info.url).port);
    // 8 ticks 100 ms apart: the stream lasts about four idle timeouts.
    const started = Date.now();
    const r = await probe(port, '/?count=8&interval=100');
    const ended = Date.now();
    expect(r.body.split('\n').filter(Boolean)).toHaveLength(8);
    expect(ended - started).toBeGreaterThan(600);
    expect(stoppedAt).toBe(0);
    await new Promise<void>((resolve) => {
      const poll = (): void => (stoppedAt ? resolve() : void setTimeout(poll, 20));
      poll();
    });
    expect(stoppedAt).toBeGreaterThanOrEqual(ended);
  });
});

describe('opening checks first and leaves nothing half-started (docs/service-gateway.md, Opening)', () => {
  it('an unknown service: not-found, nothing listening, nothing remembered', async () => {
    const home = mkdtempSync(join(tmpdir(), 'kd-gateway-home-'));
    const g = manager({ home });
    const { result: err, left } = await listenersLeftBy(() =>
      g.open({ context: 'demo', namespace: 'shop', service: 'nope' }).catch((e: unknown) => e),
    );
    expect(err).toBeInstanceOf(KubeDeskError);
    expect(err).toMatchObject({ code: 'not-found', message: 'service "shop/nope" not found' });
    expect(left).toEqual([]);
    expect(g.list()).toEqual([]);
    expect(existsSync(join(home, 'gateway-ports.json'))).toBe(false);
  });

  it('a port the service lacks: invalid-input listing its ports; the remembered file unchanged', async () => {
    const home = mkdtempSync(join(tmpdir(), 'kd-gateway-home-'));
    const g = manager({ home });
    await openWeb(g);
    const file = join(home, 'gateway-ports.json');
    const remembered = readFileSync(file, 'utf8');
    for (const [service, message] of [
      ['web:x', 'service "shop/web" has no port "x"; it has: http (80)'],
      ['web:81', 'service "shop/web" has no port "81"; it has: http (80)'],
      ['api', 'service "shop/api" has several ports; name one: http (80), metrics (9090)'],
    ] as const) {
      const { result: err, left } = await listenersLeftBy(() =>
        g.open({ context: 'demo', namespace: 'shop', service }).catch((e: unknown) => e),
      );
      expect(err).toMatchObject({ code: 'invalid-input', message });
      expect([service, left]).toEqual([service, []]);
    }
    expect(g.list().map((x) => x.id)).toEqual(['demo/shop/web:http']);
    expect(readFileSync(file, 'utf8')).toBe(remembered);
  });

  it('an unknown context, or via port-forward without forwards to use: refused before anything starts', async () => {
    const g = manager();
    await expect(g.open({ context: 'nope', namespace: 'shop', service: 'web' })).rejects.toMatchObject({ code: 'not-found' });
    await expect(g.open({ context: 'demo', namespace: 'shop', service: 'web', via: 'port-forward' })).rejects.toMatchObject({
      code: 'invalid-input',
    });
    expect(g.list()).toEqual([]);
  });

  it('stop(id) closes the gateway and frees its port; an unknown id is not-found', async () => {
    const g = manager();
    const { info, port } = await openWeb(g);
    await g.stop(info.id);
    expect(g.list()).toEqual([]);
    expect(await isFree(port)).toBe(true);
    await expect(g.stop(info.id)).rejects.toMatchObject({ code: 'not-found' });
  });
});
