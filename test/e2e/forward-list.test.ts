// The port-forwards view in a real browser: add a forward to a service from the UI,
// see it Active with the pods that served it, copy/open its URL, watch it ride out a pod
// restart, stop/start/edit/remove it, and get the port-in-use error naming the owner.
import { createServer, type AddressInfo } from 'node:net';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { probe } from '../support/http-probe.ts';
import { screenshot } from './support/browser.ts';
import { startServedDemo, type ServedDemo } from './support/served-demo.ts';

let t: ServedDemo;

beforeAll(async () => {
  t = await startServedDemo({ tmpPrefix: 'kd-e2e-forwards-' });
});
afterAll(async () => {
  await t?.dispose();
});

async function fillForm(page: Page, f: { target: string; ports: string; spread?: boolean }): Promise<void> {
  await page.getByTestId('forward-context').fill('demo');
  await page.getByTestId('forward-namespace').fill('shop');
  await page.getByTestId('forward-target').fill(f.target);
  await page.getByTestId('forward-ports').fill(f.ports);
  await page.getByTestId('forward-addresses').fill('127.0.0.1');
  if (f.spread) await page.getByTestId('forward-spread').check();
  await page.getByTestId('forward-save').click();
}

async function localPort(row: Locator): Promise<number> {
  const text = await row.locator('code').first().innerText();
  const m = /^(\d+) → (\d+)$/.exec(text.trim());
  if (!m) throw new Error(`no binding in ${JSON.stringify(text)}`);
  return Number(m[1]);
}

describe('the port-forwards view', () => {
  it('adds a spreading forward to svc/web, shows it Active with the pods that served it, copies and opens its URL', async () => {
    const context = await t.browser.newContext({ viewport: { width: 1400, height: 700 } });
    const page = await t.openPageIn(context);
    await page.getByTestId('nav-forwards').click();
    await expect.poll(() => page.getByTestId('forwards-empty').count()).toBe(1);

    await page.getByTestId('forward-new').click();
    await fillForm(page, { target: 'service/web', ports: ':80', spread: true });
    const row = page.getByTestId('forward-row');
    await expect.poll(() => row.getAttribute('data-state'), { timeout: 20_000 }).toBe('active');
    expect(await row.innerText()).toContain('svc/web');
    const port = await localPort(row);
    expect(await row.locator('code').first().innerText()).toBe(`${port} → 8080`);

    // Connections spread over both web pods; the row says which pods served.
    for (let i = 0; i < 4; i++) expect((await probe(port, '/')).status).toBe(200);
    await expect.poll(() => row.getByTestId('forward-served').innerText()).toMatch(/served by web-\S+ \(2\), web-\S+ \(2\)/);
    await expect.poll(() => row.getByTestId('forward-connections').innerText()).toBe('0 open / 4');
    // The demo speaks every wire protocol; kubectl's first choice wins.
    expect(await row.getByTestId('forward-transport').innerText()).toBe('SPDY over WebSocket');

    // Copy URL.
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: t.app.origin });
    await row.getByTestId('forward-copy').click();
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(`http://127.0.0.1:${port}/`);

    // Open in browser: a new window on the forwarded URL serving the demo shop.
    const [popup] = await Promise.all([context.waitForEvent('page'), row.getByTestId('forward-open').click()]);
    await popup.waitForLoadState();
    expect(popup.url()).toBe(`http://127.0.0.1:${port}/`);
    expect(await popup.content()).toContain('KubeDesk demo shop');
    await popup.close();
    await screenshot(page, 'forward-list');
    await context.close();
  });

  it('rides out a pod restart (Reconnecting → Active), stops, starts, edits and removes', async () => {
    const page = await t.openPage({ width: 1400, height: 700 });
    await page.getByTestId('nav-forwards').click();
    const row = page.getByTestId('forward-row');
    await expect.poll(() => row.getAttribute('data-state')).toBe('active');
    const port = await localPort(row);
    const seen = new Set<string>();
    const watcher = setInterval(
      () =>
        void row
          .getAttribute('data-state')
          .then((s) => s && seen.add(s))
          .catch(() => {}),
      5,
    );
    const pods = (await row.innerText()).match(/web-5d8f7c9b6d-\w+/g) ?? [];
    await t.demo.chaos.restartPod('shop', pods[0]!);
    await t.demo.chaos.restartPod('shop', pods[1] ?? pods[0]!);
    await expect.poll(async () => (await probe(port, '/').catch(() => ({ status: 0 }))).status, { timeout: 20_000 }).toBe(200);
    await expect.poll(() => row.getAttribute('data-state'), { timeout: 20_000 }).toBe('active');
    clearInterval(watcher);
    expect(seen.has('reconnecting')).toBe(true);

    await row.getByTestId('forward-stop').click();
    await expect.poll(() => row.getAttribute('data-state')).toBe('stopped');
    await expect(probe(port, '/')).rejects.toThrow(/ECONNREFUSED/);
    await row.getByTestId('forward-start').click();
    await expect.poll(() => row.getAttribute('data-state')).toBe('active');

    // Edit: a fixed local port, restarted with it.
    const free = createServer();
    await new Promise<void>((r) => free.listen(0, '127.0.0.1', r));
    const fixed = (free.address() as AddressInfo).port;
    await new Promise<void>((r) => free.close(() => r()));
    await row.getByTestId('forward-edit').click();
    await page.getByTestId('forward-ports').fill(`${fixed}:http`);
    await page.getByTestId('forward-save').click();
    await expect.poll(() => row.locator('code').first().innerText()).toBe(`${fixed} → 8080`);
    await expect.poll(() => row.getAttribute('data-state')).toBe('active');
    expect((await probe(fixed, '/')).status).toBe(200);

    await row.getByTestId('forward-remove').click();
    await expect.poll(() => row.count()).toBe(0);
    await expect(probe(fixed, '/')).rejects.toThrow(/ECONNREFUSED/);
    await page.close();
  });

  it('a local port already in use: the error names the port and its owner; the forward stays, Failed', async () => {
    const busy = createServer();
    await new Promise<void>((r) => busy.listen(0, '127.0.0.1', r));
    const port = (busy.address() as AddressInfo).port;
    try {
      const page = await t.openPage({ width: 1400, height: 700 });
      await page.getByTestId('nav-forwards').click();
      await page.getByTestId('forward-new').click();
      await fillForm(page, { target: 'svc/echo', ports: `${port}:9000` });
      await expect
        .poll(() => page.getByRole('alert').innerText())
        .toMatch(new RegExp(`Port in use\\s+port ${port} is already in use by \\S+ \\(pid ${process.pid}\\)`));
      const row = page.getByTestId('forward-row');
      await expect.poll(() => row.getAttribute('data-state')).toBe('failed');
      await screenshot(page, 'forward-port-in-use');
      await page.close();
    } finally {
      await new Promise<void>((r) => busy.close(() => r()));
    }
  });
});
