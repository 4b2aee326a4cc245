// A service gateway through a port-forward of its own (docs/service-gateway.md, Through a
// port-forward), against the demo cluster: the shop's page at `/` with its absolute links as the
// pod wrote them, the gateway's Host passed on, a chunked stream as it flows, the guard and path
// cleaning as via the API proxy; the forward added unsaved for autostart and removed with the
// gateway (port closed, list empty, forwards.json empty); the forward's failure a 502 that says so;
// failed opens leaving no forward behind.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import type { ConnectionProvider } from '../../../../electron/core/cluster/connection-provider.ts';
import { DEMO_KUBE_DNS, DEMO_TICKER, DEMO_WEB, startDemoCluster, type DemoCluster } from '../../../../electron/core/demo/demo-cluster.ts';
import { ForwardManager } from '../../../../electron/core/forward/forward-manager.ts';
import { FORWARDS_FILE, JsonFileForwardStore } from '../../../../electron/core/forward/json-file-forward-store.ts';
import { silentLogger } from '../../../../electron/core/log.ts';
import { gatewayForwards } from '../../../../electron/core/services/gateway/gateway-forwards.ts';
import { GatewayManager } from '../../../../electron/core/services/gateway/gateway-manager.ts';
import { kubeconfigConnections } from '../../../support/kubeconfig-connect.ts';
import { isFree, probe, rawRequest } from '../../../support/http-probe.ts';

let demo: DemoCluster;
let connections: ConnectionProvider;

beforeAll(async () => {
  demo = await startDemoCluster();
  const kubeconfig = await demo.writeKubeconfig(mkdtempSync(join(tmpdir(), 'kd-gwfwd-')));
  connections = kubeconfigConnections(kubeconfig);
});
afterAll(async () => {
  connections?.dispose();
  await demo?.dispose();
});

interface Setup {
  gateways: GatewayManager;
  forwards: ForwardManager;
  home: string;
}

/** The app's composition (core.ts): forwards saved in KUBEDESK_HOME/forwards.json, gateways built on them. */
function setup(): Setup {
  const home = mkdtempSync(join(tmpdir(), 'kd-gwfwd-home-'));
  const forwards = new ForwardManager({
    connect: connections.connect,
    store: new JsonFileForwardStore(join(home, FORWARDS_FILE)),
    log: silentLogger,
  });
  const gateways = new GatewayManager({ connect: connections.connect, log: silentLogger, home, forwards: gatewayForwards(forwards) });
  onTestFinished(async () => {
    await gateways.dispose();
    await forwards.dispose();
  });
  return { gateways, forwards, home };
}

function savedForwards(home: string): unknown[] {
  try {
    return (JSON.parse(readFileSync(join(home, FORWARDS_FILE), 'utf8')) as { forwards: unknown[] }).forwards;
  } catch {
    return [];
  }
}

async function openWeb(s: Setup): Promise<{ port: number; forwardPort: number }> {
  const info = await s.gateways.open({ context: 'demo', namespace: 'shop', service: DEMO_WEB.service, via: 'port-forward' });
  const [forward] = s.forwards.list();
  return { port: Number(new URL(info.url).port), forwardPort: forward!.bindings[0]!.local };
}

describe('a gateway via port-forward (docs/service-gateway.md, Through a port-forward)', () => {
  it("serves the shop's page at / and its absolute links, through a forward to svc/web, not the service proxy", async () => {
    const s = setup();
    const seen = demo.requestLog.length;
    const info = await s.gateways.open({ context: 'demo', namespace: 'shop', service: 'web', via: 'port-forward' });
    expect(info).toMatchObject({ id: 'demo/shop/web:http', via: 'port-forward', state: 'listening', port: 'http' });
    expect(s.gateways.list().map((g) => g.via)).toEqual(['port-forward']);
    const port = Number(new URL(info.url).port);
    const page = await probe(port, '/');
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>KubeDesk demo shop</title>');
    // The pod's own links, unrewritten: the service is at / on the gateway, so they work as they are.
    expect(page.body).toContain('<link rel="stylesheet" href="/static/style.css">');
    expect(page.body).toContain('<a href="/headers">');
    expect(page.headers['x-demo-pod']).toMatch(new RegExp(`^${DEMO_WEB.podPrefix}`));
    const css = await probe(port, '/static/style.css');
    expect(css.status).toBe(200);
    expect(css.headers['content-type']).toBe('text/css; charset=utf-8');
    expect((await probe(port, '/redirect')).headers['location']).toBe('/moved');
    // The apiserver carried a port-forward to a web pod, and no service-proxy request.
    const paths = demo.requestLog.slice(seen).map((r) => r.path);
    expect(paths.some((p) => /^\/api\/v1\/namespaces\/shop\/pods\/web-[^/]+\/portforward$/.test(p))).toBe(true);
    expect(paths.filter((p) => p.includes('/proxy'))).toEqual([]);
  });

  it("passes the gateway's own Host, no browser credentials and no KubeDesk token cookie; paths cleaned as via the API proxy", async () => {
    const s = setup();
    const { port } = await openWeb(s);
    const r = await probe(port, '/a/../headers?x=1', {
      headers: {
        Authorization: 'Bearer planted-secret',
        'Impersonate-User': 'system:admin',
        Cookie: `kubedesk_token_${port}=planted; theme=dark`,
      },
    });
    expect(r.status).toBe(200);
    const seen = JSON.parse(r.body) as { url: string; headers: Record<string, string> };
    expect(seen.url).toBe('/headers?x=1');
    expect(seen.headers['host']).toBe(`127.0.0.1:${port}`);
    expect(seen.headers['authorization']).toBeUndefined();
    expect(seen.headers['impersonate-user']).toBeUndefined();
    expect(seen.headers['cookie']).toBe('theme=dark');
    const climbed = await rawRequest(
      port,
      `GET /%2e%2e/..%2f/static/style.css HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: close\r\n\r\n`,
    );
    expect(climbed.status).toBe(200);
    expect(climbed.headers['content-type']).toBe('text/css; charset=utf-8');
  });

  it('refuses a foreign Host, Origin or cross-site subresource before anything reaches the forward', async () => {
    const s = setup();
    const { port } = await openWeb(s);
    const before = s.forwards.list()[0]!.stats.connectionsTotal;
    expect((await probe(port, '/', { headers: { Host: 'evil.test' } })).status).toBe(403);
    expect((await probe(port, '/', { method: 'POST', headers: { Origin: 'http://evil.test' }, body: 'x' })).status).toBe(403);
    expect((await probe(port, '/headers', { headers: { 'Sec-Fetch-Site': 'cross-site', 'Sec-Fetch-Mode': 'cors' } })).status).toBe(403);
    const upgrade = await rawRequest(
      port,
      `GET / HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nOrigin: http://evil.test\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n\r\n`,
    );
    expect(upgrade.status).toBe(403);
    expect(s.forwards.list()[0]!.stats.connectionsTotal).toBe(before);
    expect(s.gateways.list()[0]!.stats.refused).toBe(4);
  });

  it("relays an upgrade the pod does not take as the pod's answer, then closes", async () => {
    const s = setup();
    const { port } = await openWeb(s);
    const r = await rawRequest(
      port,
      `GET /healthz HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n`,
    );
    expect(r.status).toBe(200);
    expect(r.headers['connection']).toBe('close');
    expect(r.body).toBe('ok\n');
    expect(s.gateways.list()[0]!.stats.active).toBe(0);
  });

  it('relays a chunked stream as it flows (shop/ticker)', async () => {
    const s = setup();
    const info = await s.gateways.open({ context: 'demo', namespace: 'shop', service: DEMO_TICKER.service, via: 'port-forward' });
    const port = Number(new URL(info.url).port);
    const lines = await new Promise<string[]>((resolve, reject) => {
      const req = request({
        host: '127.0.0.1',
        port,
        path: '/?count=3&interval=200',
        headers: { Host: `127.0.0.1:${port}` },
        agent: false,
      });
      req.on('error', reject);
      req.on('response', (res) => {
        const got: string[] = [];
        // The first tick arrives while the stream is still open: it was not held back.
        res.once('data', () => expect(res.complete).toBe(false));
        res.on('data', (c: Buffer) => got.push(...c.toString('utf8').split('\n').filter(Boolean)));
        res.on('end', () => resolve(got));
      });
      req.end();
    });
    expect(lines.map((l) => l.split(' ').slice(0, 2).join(' '))).toEqual(['tick 1', 'tick 2', 'tick 3']);
    expect(s.gateways.list()[0]!.stats.bytesIn).toBeGreaterThan(0);
  });

  it('adds its forward with autostart off and removes it when the gateway stops: port closed, list and forwards.json empty', async () => {
    const s = setup();
    const { port, forwardPort } = await openWeb(s);
    const [forward] = s.forwards.list();
    expect(forward).toMatchObject({
      spec: {
        context: 'demo',
        namespace: 'shop',
        target: 'svc/web',
        ports: [`0:${DEMO_WEB.servicePort}`],
        addresses: ['127.0.0.1'],
        autostart: false,
      },
      state: 'active',
    });
    expect(savedForwards(s.home)).toHaveLength(1);
    expect(await isFree(forwardPort)).toBe(false);
    // Another app start on the same file (a crash, then a launch) would start nothing.
    const relaunched = new ForwardManager({
      connect: connections.connect,
      store: new JsonFileForwardStore(join(s.home, FORWARDS_FILE)),
      log: silentLogger,
    });
    onTestFinished(() => relaunched.dispose());
    expect((await relaunched.restore()).map((f) => f.state)).toEqual(['stopped']);

    await s.gateways.stop('demo/shop/web:http');
    expect(s.forwards.list()).toEqual([]);
    expect(savedForwards(s.home)).toEqual([]);
    expect(await isFree(forwardPort)).toBe(true);
    expect(await isFree(port)).toBe(true);
  });

  it('a stopped forward is a 502 naming the service and why', async () => {
    const s = setup();
    const { port } = await openWeb(s);
    expect((await probe(port, '/healthz')).status).toBe(200);
    await s.forwards.stop(s.forwards.list()[0]!.id);
    const r = await probe(port, '/healthz');
    expect(r.status).toBe(502);
    expect(r.body).toBe('port-forward for service "shop/web" port 80 failed: it is stopped\n');
    expect(s.gateways.list()[0]!.stats).toMatchObject({ active: 0 });
  });

  it('disposing the manager removes every forward it started', async () => {
    const s = setup();
    const { forwardPort } = await openWeb(s);
    await s.gateways.dispose();
    expect(s.forwards.list()).toEqual([]);
    expect(await isFree(forwardPort)).toBe(true);
  });

  it('an unknown service, a UDP port, or the other via while one runs: refused, no forward left behind', async () => {
    const s = setup();
    await expect(s.gateways.open({ context: 'demo', namespace: 'shop', service: 'nope', via: 'port-forward' })).rejects.toMatchObject({
      code: 'not-found',
      message: 'service "shop/nope" not found',
    });
    await expect(
      s.gateways.open({
        context: 'demo',
        namespace: DEMO_KUBE_DNS.namespace,
        service: `${DEMO_KUBE_DNS.service}:dns`,
        via: 'port-forward',
      }),
    ).rejects.toMatchObject({ code: 'invalid-input', message: 'service "kube-system/kube-dns" port dns is UDP, not HTTP over TCP' });
    expect(s.forwards.list()).toEqual([]);
    expect(savedForwards(s.home)).toEqual([]);
    expect(s.gateways.list()).toEqual([]);

    await s.gateways.open({ context: 'demo', namespace: 'shop', service: 'web' });
    await expect(s.gateways.open({ context: 'demo', namespace: 'shop', service: 'web', via: 'port-forward' })).rejects.toMatchObject({
      code: 'invalid-input',
      message: 'the gateway for "demo/shop/web:http" runs via api-proxy; stop it before opening it via port-forward',
    });
    expect(s.forwards.list()).toEqual([]);
  });
});
