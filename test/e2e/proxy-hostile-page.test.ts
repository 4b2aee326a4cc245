// docs/security.md, Why: kubectl proxy lets any web page drive the cluster with the user's
// credentials (kubernetes#8871; cross-site WebSocket hijacking). In real Chromium, a page from another
// loopback origin tries a credentialed fetch, a no-cors fetch, a form POST and a port-forward
// WebSocket against the KubeDesk proxy, and a DNS-rebinding style page reaches it under a foreign
// Host: every attempt reaches the proxy and is refused there, and the demo apiserver sees none.
import { mkdtempSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import type { ClusterConnection } from '../../electron/core/cluster/cluster-connection.ts';
import { DEMO_ECHO, DEMO_WEB, startDemoCluster, type DemoCluster } from '../../electron/core/demo/demo-cluster.ts';
import { silentLogger } from '../../electron/core/log.ts';
import { connectKubeconfig } from '../support/kubeconfig-connect.ts';
import { defaultProxyOptions } from '../../electron/core/proxy/proxy-options.ts';
import { startProxyServer, type ProxyServer } from '../../electron/core/proxy/proxy-server.ts';
import { startRecordingApiserver } from '../fakes/recording-apiserver.ts';
import { CHROMIUM_ARGS, screenshot } from './support/browser.ts';

/** The page an attacker serves: it tries everything and reports what it could observe. */
function attackPage(proxy: string, wsUrl: string): string {
  return `<!doctype html><html><body><h1>Totally harmless page</h1>
<iframe name="sink" id="sink"></iframe>
<form id="f" method="POST" action="${proxy}/api/v1/namespaces/shop/configmaps" target="sink" enctype="text/plain">
  <input name='{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"pwned"},"data":{"x":"' value='"}}'>
</form>
<script>
window.results = {};
async function run() {
  try {
    const r = await fetch('${proxy}/api/v1/namespaces/shop/secrets', { credentials: 'include' });
    results.corsFetch = 'read ' + r.status;
  } catch (e) { results.corsFetch = 'blocked'; }
  try {
    const r = await fetch('${proxy}/api/v1/namespaces/shop/pods', { mode: 'no-cors', credentials: 'include' });
    results.noCorsFetch = r.type;
  } catch (e) { results.noCorsFetch = 'blocked'; }
  results.websocket = await new Promise((resolve) => {
    const ws = new WebSocket('${wsUrl}', ['v4.channel.k8s.io']);
    ws.onopen = () => { resolve('open'); ws.close(); };
    ws.onerror = () => resolve('error');
  });
  results.form = await new Promise((resolve) => {
    document.getElementById('sink').onload = () => resolve('submitted');
    document.getElementById('f').submit();
  });
  results.done = true;
}
run();
</script></body></html>`;
}

/**
 * What a compromised pod adds to the page it serves through the service proxy (same origin as the
 * proxy): an API write, a port-forward WebSocket, and reads of an API URL in a frame and a window.
 */
function pageBehindProxy(wsUrl: string): string {
  return `<script>
window.results = {};
(async () => {
  try {
    const r = await fetch('/api/v1/namespaces/shop/configmaps', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'pwned' }, data: { x: '1' } }),
    });
    results.post = r.status;
  } catch (e) { results.post = 'blocked'; }
  results.websocket = await new Promise((resolve) => {
    const ws = new WebSocket('${wsUrl}', ['v4.channel.k8s.io']);
    ws.onopen = () => { resolve('open'); ws.close(); };
    ws.onerror = () => resolve('error');
  });
  results.frame = await new Promise((resolve) => {
    const f = document.createElement('iframe');
    f.src = '/api/v1/namespaces/shop/configmaps';
    f.onload = () => { try { resolve(f.contentDocument.body.innerText.trim().slice(0, 40)); } catch (e) { resolve('unreadable'); } };
    document.body.appendChild(f);
  });
  results.window = await new Promise((resolve) => {
    const w = window.open('/api/v1/namespaces/shop/pods', '_blank');
    if (!w) return resolve('no window');
    const deadline = Date.now() + 5000;
    const poll = () => {
      try {
        const text = w.document.body ? w.document.body.innerText : '';
        if (text.includes('PodList')) return resolve('read');
      } catch (e) { return resolve('unreadable'); }
      if (Date.now() > deadline) return resolve('timeout');
      setTimeout(poll, 50);
    };
    poll();
  });
  results.ownService = (await fetch('healthz')).status;
  results.done = true;
})();
</script>`;
}

let demo: DemoCluster;
let conn: ClusterConnection;
let proxy: ProxyServer;
let hostile: Server;
let hostileOrigin: string;
let browser: Browser;

beforeAll(async () => {
  demo = await startDemoCluster();
  const kubeconfig = await demo.writeKubeconfig(mkdtempSync(join(tmpdir(), 'kd-e2e-proxy-')));
  conn = await connectKubeconfig(kubeconfig, 'demo');
  proxy = await startProxyServer({ connection: conn, log: silentLogger }, defaultProxyOptions({ port: 0 }));
  const echoPod = (
    JSON.parse(
      await (
        await fetch(`http://127.0.0.1:${proxy.port}/api/v1/namespaces/shop/pods?labelSelector=app%3D${DEMO_ECHO.selector.app}`)
      ).text(),
    ) as { items: Array<{ metadata: { name: string } }> }
  ).items[0]!.metadata.name;
  const proxyOrigin = `http://127.0.0.1:${proxy.port}`;
  const wsUrl = `ws://127.0.0.1:${proxy.port}/api/v1/namespaces/shop/pods/${echoPod}/portforward?ports=${DEMO_ECHO.containerPort}`;
  hostile = createServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end(attackPage(proxyOrigin, wsUrl));
  });
  await new Promise<void>((r) => hostile.listen(0, '127.0.0.1', r));
  hostileOrigin = `http://127.0.0.1:${(hostile.address() as { port: number }).port}`;
  // rebind.test resolves to 127.0.0.1, as an attacker's domain does after DNS rebinding.
  browser = await chromium.launch({
    executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
    args: [...CHROMIUM_ARGS, '--host-resolver-rules=MAP rebind.test 127.0.0.1'],
  });
});

afterAll(async () => {
  await browser?.close();
  await new Promise<void>((r) => (hostile ? hostile.close(() => r()) : r()));
  await proxy?.dispose();
  conn?.dispose();
  await demo?.dispose();
});

describe('a hostile web page against the KubeDesk proxy, in real Chromium (docs/security.md)', () => {
  it('refuses a credentialed fetch, a no-cors fetch, a form POST and a WebSocket from another origin; the apiserver sees none', async () => {
    const seen = demo.requestLog.length;
    const before = proxy.stats();
    const page = await browser.newPage();
    await page.goto(`${hostileOrigin}/attack.html`);
    await page.waitForFunction(() => (window as unknown as { results: { done?: boolean } }).results.done === true, undefined, {
      timeout: 20_000,
    });
    const results = await page.evaluate(() => (window as unknown as { results: Record<string, unknown> }).results);
    expect(results).toEqual({ corsFetch: 'blocked', noCorsFetch: 'opaque', websocket: 'error', form: 'submitted', done: true });
    // Each attempt reached the proxy and was answered there…
    const after = proxy.stats();
    expect(after.refused - before.refused).toBe(4);
    expect(after.requests - before.requests).toBe(0);
    // …and none reached the apiserver.
    expect(demo.requestLog.slice(seen)).toEqual([]);
    await page.close();
  });

  it('refuses a DNS-rebinding page: navigation and same-origin fetch under Host rebind.test get 403', async () => {
    const seen = demo.requestLog.length;
    const page = await browser.newPage();
    const nav = await page.goto(`http://rebind.test:${proxy.port}/api/v1/namespaces/shop/pods`);
    expect(nav?.status()).toBe(403);
    expect(await nav?.text()).toBe('Forbidden\n');
    await screenshot(page, 'proxy-rebinding-refused');
    const sameOrigin = await page.evaluate(async () => {
      const r = await fetch('/api/v1/namespaces/shop/secrets');
      return { status: r.status, body: await r.text(), type: r.headers.get('content-type') };
    });
    expect(sameOrigin).toEqual({ status: 403, body: 'Forbidden\n', type: 'text/plain; charset=utf-8' });
    expect(demo.requestLog.slice(seen)).toEqual([]);
    await page.close();
  });

  it('still serves the user: a typed URL reaches the API, and a service page its own paths (the control)', async () => {
    const seen = demo.requestLog.length;
    const page = await browser.newPage();
    const nav = await page.goto(`http://127.0.0.1:${proxy.port}/api/v1/namespaces/shop/pods`);
    expect(nav?.status()).toBe(200);
    expect(JSON.parse((await nav?.text()) ?? '{}').kind).toBe('PodList');
    // Shown in a sandbox: no page of the proxy's origin can read it.
    expect(nav?.headers()['content-security-policy']).toBe('sandbox');
    const svc = `/api/v1/namespaces/shop/services/${DEMO_WEB.service}:${DEMO_WEB.servicePort}/proxy/`;
    const web = await page.goto(`http://127.0.0.1:${proxy.port}${svc}`);
    expect(web?.status()).toBe(200);
    const own = await page.evaluate(async () => (await fetch('healthz')).status);
    expect(own).toBe(200);
    // (Chromium also asks for /favicon.ico, which the apiserver 404s, and the page's stylesheet.)
    const paths = demo.requestLog.slice(seen).map((r) => r.path);
    expect(paths.filter((p) => p !== '/favicon.ico' && !p.endsWith('/static/style.css'))).toEqual([
      '/api/v1/namespaces/shop/pods',
      svc,
      `${svc}healthz`,
    ]);
    await page.close();
  });

  it('keeps a page served through a service proxy away from the API: no write, no port-forward, no readable API answer (H8)', async () => {
    // An apiserver whose service `shop/web` serves a compromised page: the page really comes
    // through the proxy, from the proxy's own origin on 127.0.0.1.
    const up = await startRecordingApiserver();
    const connection = up.connection();
    const own = await startProxyServer({ connection, log: silentLogger }, defaultProxyOptions({ port: 0 }));
    onTestFinished(async () => {
      await own.dispose();
      connection.dispose();
      await up.dispose();
    });
    const svc = '/api/v1/namespaces/shop/services/web:80/proxy/';
    const wsUrl = `ws://127.0.0.1:${own.port}/api/v1/namespaces/shop/pods/echo-0/portforward?ports=9000`;
    up.handle((req, res) => {
      const body =
        req.url === svc
          ? `<!doctype html><html><body><h1>Web shop</h1>${pageBehindProxy(wsUrl)}</body></html>`
          : JSON.stringify({ kind: req.url === '/api/v1/namespaces/shop/pods' ? 'PodList' : 'Echo', url: req.url });
      res.writeHead(200, { 'Content-Type': req.url === svc ? 'text/html; charset=utf-8' : 'application/json' });
      res.end(body);
    });
    const page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${own.port}${svc}`);
    await page.waitForFunction(() => (window as unknown as { results: { done?: boolean } }).results.done === true, undefined, {
      timeout: 20_000,
    });
    const results = await page.evaluate(() => (window as unknown as { results: Record<string, unknown> }).results);
    const reached = up.requests.map((r) => `${r.method} ${r.url}`).filter((r) => !r.endsWith('/favicon.ico'));
    // Only the page, its own service path and the window's top-level navigation left the proxy:
    // no write, no port-forward, not the frame.
    expect(reached).toEqual([`GET ${svc}`, 'GET /api/v1/namespaces/shop/pods', `GET ${svc}healthz`]);
    // The window's answer came, in a sandbox: the page cannot read it.
    expect(results).toEqual({ post: 403, websocket: 'error', frame: 'Forbidden', window: 'unreadable', ownService: 200, done: true });
    await page.close();
  });
});
