// Issue 6 / SPEC.md §1.4: kubectl proxy lets any web page drive the cluster with the user's
// credentials (k#8871; cross-site WebSocket hijacking). In real Chromium, a page from another
// loopback origin tries a credentialed fetch, a no-cors fetch, a form POST and a port-forward
// WebSocket against the KubeDesk proxy, and a DNS-rebinding style page reaches it under a foreign
// Host: every attempt reaches the proxy and is refused there, and the demo apiserver sees none.
import { mkdtempSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClusterConnection } from '../../electron/core/cluster/cluster-connection.ts';
import { DEMO_ECHO, startDemoCluster, type DemoCluster } from '../../electron/core/demo/demo-cluster.ts';
import { resolveKubeconfigSources } from '../../electron/core/kubeconfig/kubeconfig-sources.ts';
import { silentLogger } from '../../electron/core/log.ts';
import { kubeconfigConnect } from '../../electron/core/cluster/kubeconfig-connect.ts';
import { defaultProxyOptions } from '../../electron/core/proxy/proxy-options.ts';
import { startProxyServer, type ProxyServer } from '../../electron/core/proxy/proxy-server.ts';
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

let demo: DemoCluster;
let conn: ClusterConnection;
let proxy: ProxyServer;
let hostile: Server;
let hostileOrigin: string;
let browser: Browser;

beforeAll(async () => {
  demo = await startDemoCluster();
  const kubeconfig = await demo.writeKubeconfig(mkdtempSync(join(tmpdir(), 'kd-e2e-proxy-')));
  conn = await kubeconfigConnect(resolveKubeconfigSources({ flag: kubeconfig }))('demo');
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

describe('a hostile web page against the KubeDesk proxy, in real Chromium (issue 6, SPEC §1.4)', () => {
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

  it('still serves the user: a typed URL and its own-origin fetch reach the apiserver (the control)', async () => {
    const seen = demo.requestLog.length;
    const page = await browser.newPage();
    const nav = await page.goto(`http://127.0.0.1:${proxy.port}/api/v1/namespaces/shop/pods`);
    expect(nav?.status()).toBe(200);
    expect(JSON.parse((await nav?.text()) ?? '{}').kind).toBe('PodList');
    const own = await page.evaluate(async () => (await fetch('/api/v1/namespaces/shop/services')).status);
    expect(own).toBe(200);
    // (Chromium also asks for /favicon.ico, which the apiserver 404s.)
    const paths = demo.requestLog.slice(seen).map((r) => r.path);
    expect(paths.filter((p) => p !== '/favicon.ico')).toEqual(['/api/v1/namespaces/shop/pods', '/api/v1/namespaces/shop/services']);
    await page.close();
  });
});
