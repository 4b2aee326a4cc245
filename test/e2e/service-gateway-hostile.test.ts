// docs/service-gateway.md: a service opened through its gateway runs in real Chromium on an origin
// of its own. A script on that page (a compromised pod's) tries to read and write API objects,
// open a port-forward and use the KubeDesk API proxy running beside it: every attempt lands on the
// service's own backend or is refused, and the demo apiserver sees no request outside the
// service's `…/proxy/` path. Pages of other sites, and a DNS-rebinding name, are refused.
import { mkdtempSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConnectionProvider } from '../../electron/core/cluster/connection-provider.ts';
import { DEMO_WEB, startDemoCluster, type DemoCluster } from '../../electron/core/demo/demo-cluster.ts';
import { silentLogger } from '../../electron/core/log.ts';
import { defaultProxyOptions } from '../../electron/core/proxy/proxy-options.ts';
import { startProxyServer, type ProxyServer } from '../../electron/core/proxy/proxy-server.ts';
import { GatewayManager } from '../../electron/core/services/gateway/gateway-manager.ts';
import { kubeconfigConnections } from '../support/kubeconfig-connect.ts';
import { CHROMIUM_ARGS, screenshot } from './support/browser.ts';

const PREFIX = `/api/v1/namespaces/shop/services/${DEMO_WEB.service}:${DEMO_WEB.portName}/proxy/`;

/** What a compromised pod's page runs on the gateway's origin. */
function attackScript(gateway: string, proxy: string): string {
  return `
window.results = {};
(async () => {
  const text = async (p, init) => { const r = await fetch(p, init); return r.status + ' ' + (await r.text()).trim(); };
  results.list = await text('/api/v1/namespaces');
  results.climb = await text('/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/api/v1/namespaces/shop/secrets');
  results.create = await text('/api/v1/namespaces/shop/pods', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: 'Bearer stolen' },
    body: JSON.stringify({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'pwned' } }),
  });
  results.forward = await new Promise((resolve) => {
    const ws = new WebSocket('ws://${gateway}/api/v1/namespaces/shop/pods/echo-0/portforward?ports=9000', ['v4.channel.k8s.io']);
    ws.onopen = () => { resolve('open'); ws.close(); };
    ws.onerror = () => resolve('error');
  });
  try { await fetch('http://${proxy}/api/v1/namespaces'); results.proxyFetch = 'read'; } catch (e) { results.proxyFetch = 'blocked'; }
  results.proxyNoCors = (await fetch('http://${proxy}/api/v1/namespaces/shop/configmaps', { method: 'POST', mode: 'no-cors', body: '{}' })).type;
  results.proxyForward = await new Promise((resolve) => {
    const ws = new WebSocket('ws://${proxy}/api/v1/namespaces/shop/pods/echo-0/portforward?ports=9000', ['v4.channel.k8s.io']);
    ws.onopen = () => { resolve('open'); ws.close(); };
    ws.onerror = () => resolve('error');
  });
  results.frame = await new Promise((resolve) => {
    const f = document.createElement('iframe');
    f.src = '/api/v1/namespaces/shop/pods';
    f.onload = () => resolve(f.contentDocument.body.innerText.trim());
    document.body.appendChild(f);
  });
  results.own = await text('/healthz');
  results.done = true;
})();`;
}

/** Another site's page, on another loopback port (same-site to the gateway, another origin). */
function otherSitePage(gateway: string): string {
  return `<!doctype html><html><body>
<a id="link" href="http://${gateway}/">open the shop</a>
<iframe name="sink" id="sink"></iframe>
<form id="f" method="POST" action="http://${gateway}/headers" target="sink"><input name="x" value="1"></form>
<script>
window.results = {};
(async () => {
  try { await fetch('http://${gateway}/headers'); results.corsFetch = 'read'; } catch (e) { results.corsFetch = 'blocked'; }
  results.noCorsFetch = (await fetch('http://${gateway}/headers', { mode: 'no-cors' })).type;
  results.websocket = await new Promise((resolve) => {
    const ws = new WebSocket('ws://${gateway}/');
    ws.onopen = () => { resolve('open'); ws.close(); };
    ws.onerror = () => resolve('error');
  });
  results.form = await new Promise((resolve) => {
    document.getElementById('sink').onload = () => resolve('submitted');
    document.getElementById('f').submit();
  });
  results.frame = await new Promise((resolve) => {
    const f = document.createElement('iframe');
    f.src = 'http://${gateway}/';
    f.onload = () => resolve('loaded');
    document.body.appendChild(f);
  });
  results.done = true;
})();
</script></body></html>`;
}

let demo: DemoCluster;
let connections: ConnectionProvider;
let gateways: GatewayManager;
let gateway: string;
let proxy: ProxyServer;
let other: Server;
let otherOrigin: string;
let browser: Browser;

beforeAll(async () => {
  demo = await startDemoCluster();
  const kubeconfig = await demo.writeKubeconfig(mkdtempSync(join(tmpdir(), 'kd-e2e-gateway-')));
  connections = kubeconfigConnections(kubeconfig);
  gateways = new GatewayManager({ connect: connections.connect, log: silentLogger, home: mkdtempSync(join(tmpdir(), 'kd-e2e-gw-home-')) });
  gateway = new URL((await gateways.open({ context: 'demo', namespace: 'shop', service: DEMO_WEB.service })).url).host;
  // The user's own API proxy runs beside it, without a token (the weakest setting).
  const conn = await connections.connect('demo');
  proxy = await startProxyServer({ connection: conn, log: silentLogger }, defaultProxyOptions({ port: 0 }));
  other = createServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end(otherSitePage(gateway));
  });
  await new Promise<void>((r) => other.listen(0, '127.0.0.1', r));
  otherOrigin = `http://127.0.0.1:${(other.address() as { port: number }).port}`;
  browser = await chromium.launch({
    executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
    args: [...CHROMIUM_ARGS, '--host-resolver-rules=MAP rebind.test 127.0.0.1'],
  });
});

afterAll(async () => {
  await browser?.close();
  await new Promise<void>((r) => (other ? other.close(() => r()) : r()));
  await proxy?.dispose();
  await gateways?.dispose();
  connections?.dispose();
  await demo?.dispose();
});

describe('a service page on its gateway, in real Chromium (docs/service-gateway.md)', () => {
  it('shows the shop at / with its stylesheet and absolute links working', async () => {
    const page = await browser.newPage();
    const nav = await page.goto(`http://${gateway}/`);
    expect(nav?.status()).toBe(200);
    expect(await page.title()).toBe('KubeDesk demo shop');
    // The stylesheet at /static/style.css applied: the page's font is its.
    expect(await page.evaluate(() => getComputedStyle(document.body).fontFamily)).toContain('system-ui');
    await screenshot(page, 'service-gateway-shop');
    await page.click('a[href="/headers"]');
    expect(JSON.parse(await page.innerText('body'))).toMatchObject({ url: '/headers', method: 'GET' });
    await page.close();
  });

  it("keeps the page's script inside its service: no API read or write, no port-forward, no use of the API proxy", async () => {
    const seen = demo.requestLog.length;
    const refusedBefore = proxy.stats().refused;
    const page = await browser.newPage();
    await page.goto(`http://${gateway}/`);
    await page.addScriptTag({ content: attackScript(gateway, `127.0.0.1:${proxy.port}`) });
    await page.waitForFunction(() => (window as unknown as { results: { done?: boolean } }).results.done === true, undefined, {
      timeout: 20_000,
    });
    const results = await page.evaluate(() => (window as unknown as { results: Record<string, unknown> }).results);
    // Every same-origin attempt reached the web backend, which knows no such paths.
    expect(results).toEqual({
      list: '404 404 page not found',
      climb: '404 404 page not found',
      create: '404 404 page not found',
      forward: 'error',
      proxyFetch: 'blocked',
      proxyNoCors: 'opaque',
      proxyForward: 'error',
      frame: '404 page not found',
      own: '200 ok',
      done: true,
    });
    // The API proxy refused all three, and the apiserver saw only the service's proxy path.
    expect(proxy.stats().refused - refusedBefore).toBe(3);
    const paths = demo.requestLog.slice(seen).map((r) => r.path);
    expect(paths.length).toBeGreaterThanOrEqual(6);
    expect(paths.filter((p) => !p.startsWith(PREFIX))).toEqual([]);
    expect(paths).toContain(`${PREFIX}api/v1/namespaces/shop/pods/echo-0/portforward`);
    await page.close();
  });

  it("refuses another site's fetches, form POST, WebSocket and frame, but follows its link", async () => {
    const seen = demo.requestLog.length;
    const before = gateways.list()[0]!.stats;
    const page = await browser.newPage();
    await page.goto(`${otherOrigin}/`);
    await page.waitForFunction(() => (window as unknown as { results: { done?: boolean } }).results.done === true, undefined, {
      timeout: 20_000,
    });
    const results = await page.evaluate(() => (window as unknown as { results: Record<string, unknown> }).results);
    expect(results).toEqual({
      corsFetch: 'blocked',
      noCorsFetch: 'opaque',
      websocket: 'error',
      form: 'submitted',
      frame: 'loaded',
      done: true,
    });
    // Each reached the gateway and was refused there (the frame shows its 403).
    const after = gateways.list()[0]!.stats;
    expect(after.refused - before.refused).toBe(5);
    expect(after.requests - before.requests).toBe(0);
    expect(demo.requestLog.slice(seen)).toEqual([]);
    // A top-level navigation from elsewhere is how links and bookmarks open a service.
    const [nav] = await Promise.all([page.waitForNavigation(), page.click('#link')]);
    expect(nav?.status()).toBe(200);
    expect(await page.title()).toBe('KubeDesk demo shop');
    await page.close();
  });

  it('refuses a DNS-rebinding name for the gateway with 403', async () => {
    const seen = demo.requestLog.length;
    const page = await browser.newPage();
    const nav = await page.goto(`http://rebind.test:${gateway.split(':')[1]}/`);
    expect(nav?.status()).toBe(403);
    expect(await nav?.text()).toBe('Forbidden\n');
    expect(demo.requestLog.slice(seen)).toEqual([]);
    await page.close();
  });
});
