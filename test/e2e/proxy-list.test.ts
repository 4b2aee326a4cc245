// The API proxies view in a real browser (issue 6): start a proxy for a context from the UI,
// see it listening with live counters as requests flow through it, and stop it.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoCluster, type DemoCluster } from '../../electron/core/demo/demo-cluster.ts';
import { probe } from '../support/http-probe.ts';
import { launchChromium, screenshot } from './support/browser.ts';
import { serveApp, type ServedApp } from './support/serve-app.ts';

let browser: Browser;
let app: ServedApp;
let demo: DemoCluster;

beforeAll(async () => {
  demo = await startDemoCluster();
  const dir = mkdtempSync(join(tmpdir(), 'kd-e2e-proxies-'));
  const kubeconfig = await demo.writeKubeconfig(dir);
  [browser, app] = await Promise.all([
    launchChromium(),
    serveApp([], { KUBECONFIG: kubeconfig, HOME: dir, KUBEDESK_HOME: join(dir, 'home') }),
  ]);
});
afterAll(async () => {
  await browser?.close();
  await app?.process.stop();
  await demo?.dispose();
});

describe('the API proxies view (issue 6)', () => {
  it('starts a proxy for the demo context, shows it listening with live request counts, and stops it', async () => {
    const page = await browser.newPage({ viewport: { width: 1300, height: 600 } });
    await page.goto(app.url);
    await page.getByTestId('nav-proxies').click();
    const row = page.locator('[data-testid="proxy-row"][data-context="demo"]');
    await expect.poll(() => row.getAttribute('data-state')).toBe('stopped');

    await row.getByTestId('proxy-start').click();
    await expect.poll(() => row.getAttribute('data-state')).toBe('listening');
    const address = await row.getByTestId('proxy-address').innerText();
    expect(address).toMatch(/^127\.0\.0\.1:\d+$/);
    const port = Number(address.split(':')[1]);

    // Requests through it (as kubectl or a browser would send them) show up live.
    for (let i = 0; i < 3; i++) expect((await probe(port, '/api/v1/namespaces/shop/pods')).status).toBe(200);
    expect((await probe(port, '/api/', { headers: { Host: 'evil.example' } })).status).toBe(403);
    await expect.poll(() => row.getByTestId('proxy-requests').innerText()).toBe('3');
    await expect.poll(() => row.getByTestId('proxy-refused').innerText()).toBe('1 refused');
    await screenshot(page, 'proxy-list');

    await row.getByTestId('proxy-stop').click();
    await expect.poll(() => row.getAttribute('data-state')).toBe('stopped');
    await expect(probe(port, '/api/')).rejects.toThrow(/ECONNREFUSED/);
    await page.close();
  });
});
