// The API proxies view in a real browser: start a proxy for a context from the UI,
// see it listening with live counters as requests flow through it, and stop it.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { probe } from '../support/http-probe.ts';
import { screenshot } from './support/browser.ts';
import { startServedDemo, type ServedDemo } from './support/served-demo.ts';

let t: ServedDemo;

beforeAll(async () => {
  t = await startServedDemo({ tmpPrefix: 'kd-e2e-proxies-' });
});
afterAll(async () => {
  await t?.dispose();
});

describe('the API proxies view', () => {
  it('starts a proxy for the demo context, shows it listening with live request counts, and stops it', async () => {
    const page = await t.openPage({ width: 1300, height: 600 });
    await page.getByTestId('nav-proxies').click();
    const row = page.locator('[data-testid="proxy-row"][data-context="demo"]');
    await expect.poll(() => row.getAttribute('data-state')).toBe('stopped');

    // Without the per-launch token, as kubectl would use it.
    await page.getByTestId('proxy-token').uncheck();
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

  it('starts with a token by default: a request without it gets 401, and Open signs the browser in once', async () => {
    const page = await t.openPage({ width: 1300, height: 600 });
    await page.getByTestId('nav-proxies').click();
    const row = page.locator('[data-testid="proxy-row"][data-context="demo"]');
    await expect.poll(() => row.getAttribute('data-state')).toBe('stopped');
    expect(await page.getByTestId('proxy-token').isChecked()).toBe(true);
    await row.getByTestId('proxy-start').click();
    await expect.poll(() => row.getAttribute('data-state')).toBe('listening');
    const port = Number((await row.getByTestId('proxy-address').innerText()).split(':')[1]);

    const anonymous = await probe(port, '/api/v1/namespaces/shop/pods');
    expect(anonymous.status).toBe(401);
    expect(anonymous.body).toBe('Unauthorized\n');

    // Open: a new tab with a one-time code, swapped for this proxy's cookie, landing on /api/.
    const codeUrls: string[] = [];
    page.context().on('request', (r) => {
      if (r.url().includes('kubedesk_code=')) codeUrls.push(r.url());
    });
    const [tab] = await Promise.all([page.context().waitForEvent('page'), row.getByTestId('proxy-open').click()]);
    await tab.waitForURL(`http://127.0.0.1:${port}/api/`);
    await expect.poll(async () => JSON.parse((await tab.textContent('body')) ?? '{}').kind).toBe('APIVersions');
    // Signed in for later visits too.
    const again = await tab.goto(`http://127.0.0.1:${port}/api/v1/namespaces/shop/pods`);
    expect(again?.status()).toBe(200);
    // The code was good once: a second use is refused, and it never was the token.
    expect(codeUrls).toHaveLength(1);
    const url = new URL(codeUrls[0]!);
    const reused = await probe(port, `${url.pathname}${url.search}`);
    expect(reused.status).toBe(401);
    await tab.close();
    await row.getByTestId('proxy-stop').click();
    await expect.poll(() => row.getAttribute('data-state')).toBe('stopped');
    await page.close();
  });

  it('keeps two proxies on 127.0.0.1 signed in at once: each sets a cookie named for its port', async () => {
    const page = await t.openPage({ width: 1300, height: 600 });
    await page.getByTestId('nav-proxies').click();
    const ports: number[] = [];
    const tabs: Page[] = [];
    for (const context of ['demo', 'demo-basic']) {
      const row = page.locator(`[data-testid="proxy-row"][data-context="${context}"]`);
      await row.getByTestId('proxy-start').click();
      await expect.poll(() => row.getAttribute('data-state')).toBe('listening');
      const port = Number((await row.getByTestId('proxy-address').innerText()).split(':')[1]);
      ports.push(port);
      const [tab] = await Promise.all([page.context().waitForEvent('page'), row.getByTestId('proxy-open').click()]);
      await tab.waitForURL(`http://127.0.0.1:${port}/api/`);
      tabs.push(tab);
    }
    // Cookies are per host, not per port: the browser holds both and sends both to each; each
    // proxy reads its own.
    for (const port of [...ports, ...ports]) {
      const r = await tabs[0]!.goto(`http://127.0.0.1:${port}/api/v1/namespaces/shop/pods`);
      expect(r?.status()).toBe(200);
    }
    const names = (await page.context().cookies('http://127.0.0.1/')).map((c) => c.name).sort();
    expect(names).toEqual(ports.map((p) => `kubedesk_token_${p}`).sort());
    for (const tab of tabs) await tab.close();
    for (const context of ['demo', 'demo-basic']) {
      const row = page.locator(`[data-testid="proxy-row"][data-context="${context}"]`);
      await row.getByTestId('proxy-stop').click();
      await expect.poll(() => row.getAttribute('data-state')).toBe('stopped');
    }
    await page.close();
  });
});
