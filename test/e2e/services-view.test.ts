// The Services view in a real browser against a demo cluster holding 10,000 extra services:
// the virtual list keeps a window of rows, namespace and filter narrow it, readiness shows why a
// service is not ready, services created and deleted with real kubectl come and go live, Open
// serves the backend through a gateway (absolute links included), and each way to connect copies.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kubectl } from '../integration/core/demo/demo-support.ts';
import { screenshot } from './support/browser.ts';
import { startServedDemo, type ServedDemo } from './support/served-demo.ts';

const BULK = 10_000;

let t: ServedDemo;

beforeAll(async () => {
  t = await startServedDemo({ tmpPrefix: 'kd-e2e-services-', cluster: { services: BULK } });
});
afterAll(async () => {
  await t?.dispose();
});

async function openView(context: BrowserContext): Promise<Page> {
  const page = await t.openPageIn(context);
  await page.getByTestId('nav-services').click();
  await expect.poll(() => page.getByTestId('services-sync').getAttribute('data-sync'), { timeout: 20_000 }).toBe('live');
  return page;
}

const keys = (page: Page): Promise<string[]> =>
  page.getByTestId('service-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-key') ?? ''));

async function kubectlOk(args: string[]): Promise<void> {
  const r = await kubectl(t.kubeconfig, t.dir, args);
  if (r.code !== 0) throw new Error(`kubectl ${args.join(' ')}: ${r.stderr}`);
}

describe('the services view', () => {
  it('lists every namespace through a virtual list: 10,000+ services, only a window of rows in the page', async () => {
    const context = await t.browser.newContext({ viewport: { width: 1400, height: 800 } });
    const page = await openView(context);
    await expect.poll(() => page.getByTestId('services-summary').innerText(), { timeout: 20_000 }).toMatch(/^\d{5} services/);
    const total = Number(/^(\d+)/.exec(await page.getByTestId('services-summary').innerText())![1]);
    expect(total).toBeGreaterThan(BULK);
    const inPage = await page.getByTestId('service-row').count();
    expect(inPage).toBeGreaterThan(5);
    expect(inPage).toBeLessThan(100);
    // Scrolled to the end, the last bulk services are there, and still only a window.
    await page.getByTestId('services-body').evaluate((el) => (el.scrollTop = el.scrollHeight));
    await expect.poll(() => keys(page)).toContain(`bulk/svc-${String(BULK).padStart(5, '0')}`);
    expect(await page.getByTestId('service-row').count()).toBeLessThan(100);
    await context.close();
  });

  it('narrows to shop, filters, shows readiness with reasons, and follows kubectl create/delete within 1 s', async () => {
    const context = await t.browser.newContext({ viewport: { width: 1400, height: 800 } });
    const page = await openView(context);
    await expect.poll(() => page.getByTestId('services-namespace').locator('option').allInnerTexts()).toContain('shop');
    await page.getByTestId('services-namespace').selectOption('shop');
    await expect.poll(async () => (await keys(page)).length > 0 && (await keys(page)).every((k) => k.startsWith('shop/'))).toBe(true);
    expect(await keys(page)).toEqual(expect.arrayContaining(['shop/web', 'shop/orders', 'shop/api']));

    // The crash-looping app's service is not ready, and says why (on the row and on hover).
    const orders = page.locator('[data-testid=service-row][data-key="shop/orders"]');
    expect(await orders.getAttribute('data-state')).toBe('not-ready');
    expect(await orders.getByTestId('service-reasons').innerText()).toContain('CrashLoopBackOff');
    expect(await orders.getByTestId('service-status').getAttribute('title')).toContain('CrashLoopBackOff');
    expect(await page.locator('[data-testid=service-row][data-key="shop/web"]').getAttribute('data-state')).toBe('ready');

    await page.getByTestId('services-filter').fill('ORD');
    await expect.poll(() => keys(page)).toEqual(['shop/orders']);
    await page.getByTestId('services-filter').fill('nodeport');
    await expect.poll(async () => (await keys(page)).length).toBeGreaterThan(0);
    for (const row of await page.getByTestId('service-row').allInnerTexts()) expect(row).toContain('NodePort');
    await page.getByTestId('services-filter').fill('no-such-service');
    await expect.poll(() => page.getByTestId('services-empty').innerText()).toContain('No service matches');
    await page.getByTestId('services-filter').fill('');

    // From a file: kubectl sends a file's object as JSON (its generators send protobuf); the demo
    // serves no OpenAPI document to validate against.
    const manifest = join(t.dir, 'e2e-added.json');
    const spec = { selector: { app: 'web' }, ports: [{ name: 'http', port: 8080, targetPort: 'http' }] };
    writeFileSync(
      manifest,
      JSON.stringify({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'e2e-added', namespace: 'shop' }, spec }),
    );
    await kubectlOk(['create', '--validate=false', '-f', manifest]);
    await expect.poll(() => keys(page), { timeout: 1000, interval: 20 }).toContain('shop/e2e-added');
    await kubectlOk(['-n', 'shop', 'delete', 'service', 'e2e-added', '--wait=false']);
    await expect.poll(async () => (await keys(page)).includes('shop/e2e-added'), { timeout: 1000, interval: 20 }).toBe(false);
    await context.close();
  });

  it("opens shop's web in a new tab through a gateway (stylesheet and absolute links load), copies a way, stops the gateway", async () => {
    const context = await t.browser.newContext({ viewport: { width: 1600, height: 860 } });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: t.app.origin });
    const page = await openView(context);
    await page.getByTestId('services-namespace').selectOption('shop');
    const web = page.locator('[data-testid=service-row][data-key="shop/web"]');
    await expect.poll(() => web.count()).toBe(1);

    const [tab] = await Promise.all([context.waitForEvent('page'), web.getByTestId('service-open').click()]);
    await tab.waitForLoadState('load');
    expect(tab.url()).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(await tab.locator('h1').innerText()).toContain('KubeDesk demo shop');
    // `<link href="/static/style.css">`: an absolute path, served because the gateway puts the service at `/`.
    expect(await tab.evaluate(() => document.styleSheets[0]?.cssRules.length ?? 0)).toBeGreaterThan(0);
    expect(await tab.evaluate(() => getComputedStyle(document.body).marginTop)).toBe('32px');
    await tab.getByRole('link', { name: 'request headers' }).click();
    await tab.waitForLoadState('load');
    expect(JSON.parse(await tab.locator('body').innerText()) as { url: string }).toMatchObject({ url: '/headers' });
    await tab.close();

    const gateway = page.getByTestId('service-gateway');
    await expect.poll(() => gateway.count()).toBe(1);
    expect(await gateway.innerText()).toContain('shop/web:http');

    await web.getByTestId('service-details').click();
    const ways = page.getByTestId('service-way');
    await expect.poll(() => ways.count()).toBeGreaterThan(1);
    const available = page.locator('[data-testid=service-way][data-available=true]');
    const first = available.first();
    const value = await first.locator('code').innerText();
    await first.getByTestId('service-way-copy').click();
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(value);
    // A way that cannot work is greyed, says why, and has nothing to copy.
    const unavailable = page.locator('[data-testid=service-way][data-available=false]');
    if ((await unavailable.count()) > 0) {
      expect(await unavailable.first().getByTestId('service-way-copy').isDisabled()).toBe(true);
      expect((await unavailable.first().getByTestId('service-way-reason').innerText()).length).toBeGreaterThan(0);
    }
    await screenshot(page, 'services');

    await gateway.getByTestId('service-gateway-stop').click();
    await expect.poll(() => gateway.count()).toBe(0);

    // Forward: a saved forward to svc/web, started; the banner names its local URL, which serves the shop.
    await web.getByTestId('service-forward').click();
    const forwarded = page.getByTestId('services-forwarded');
    await expect.poll(() => forwarded.innerText(), { timeout: 20_000 }).toMatch(/http:\/\/127\.0\.0\.1:\d+\//);
    const url = /http:\/\/127\.0\.0\.1:\d+\//.exec(await forwarded.innerText())![0];
    expect(await (await fetch(url)).text()).toContain('KubeDesk demo shop');

    // Access recipes for the context: each copies its text; warnings show beside them.
    await page.getByTestId('services-recipes-toggle').click();
    const recipe = page.getByTestId('recipe');
    await expect.poll(() => recipe.count()).toBeGreaterThan(0);
    await recipe.first().getByTestId('recipe-copy').click();
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(await recipe.first().locator('pre').innerText());
    await context.close();
  });
});
