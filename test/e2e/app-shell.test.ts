// The app shell in a real browser against the demo cluster: the cluster switcher, keyboard
// shortcuts and a title per view, the command palette (open a service in a new tab, start a saved
// forward, Escape), the New forward form's pickers fed by the cluster, dark mode from the OS and
// from Settings, and the favicon, with no console errors. Its screenshots are the README's.
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { probe } from '../support/http-probe.ts';
import { screenshot, watchErrors } from './support/browser.ts';
import type { ServedApp } from './support/serve-app.ts';
import { startServedDemo, type ServedDemo } from './support/served-demo.ts';

let served: ServedDemo | undefined;
let app: ServedApp;
let context: BrowserContext;

beforeAll(async () => {
  served = await startServedDemo({ tmpPrefix: 'kd-e2e-shell-' });
  ({ app } = served);
  context = await served.browser.newContext({ viewport: { width: 1360, height: 760 } });
});
afterAll(async () => {
  await served?.dispose();
});

async function openApp(): Promise<{ page: Page; errors: string[] }> {
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.goto(app.url);
  await expect.poll(() => page.getByTestId('cluster-select').inputValue(), { timeout: 15_000 }).toBe('demo');
  return { page, errors };
}

const MOD = 'Control';
const current = (page: Page) => page.locator('nav a[aria-current=page]').getAttribute('data-testid');

describe('the app shell', () => {
  it('serves a favicon and loads with no console error', async () => {
    const { page, errors } = await openApp();
    const href = await page.locator('link[rel=icon]').getAttribute('href');
    const icon = await page.request.get(new URL(href!, page.url()).href);
    expect(icon.status()).toBe(200);
    expect(icon.headers()['content-type']).toBe('image/svg+xml');
    expect(await icon.text()).toContain('<svg');
    // The browser's own icon request happens after load; give it time to fail if it would.
    await page.waitForLoadState('networkidle');
    expect(errors).toEqual([]);
    await page.close();
  });

  it("switches the cluster from the switcher: the status dot follows the new context's health", async () => {
    const { page, errors } = await openApp();
    const dot = page.getByTestId('cluster-status');
    await expect.poll(() => dot.getAttribute('data-status'), { timeout: 15_000 }).toBe('ok');
    await page.getByTestId('cluster-select').selectOption('demo-basic');
    await expect.poll(() => page.getByTestId('current-context').innerText()).toBe('demo-basic');
    await expect.poll(() => dot.getAttribute('data-status'), { timeout: 15_000 }).toBe('ok');
    expect(await dot.getAttribute('title')).toBe('demo-basic: reachable');
    // Kept by the app: a new page starts on it.
    const again = await context.newPage();
    await again.goto(app.url);
    await expect.poll(() => again.getByTestId('cluster-select').inputValue(), { timeout: 15_000 }).toBe('demo-basic');
    await again.getByTestId('cluster-select').selectOption('demo');
    await expect.poll(() => again.getByTestId('current-context').innerText()).toBe('demo');
    expect(errors).toEqual([]);
    await Promise.all([page.close(), again.close()]);
  });

  it('creates a forward from values picked in the New forward form, by mouse and by keyboard', async () => {
    const { page, errors } = await openApp();
    await page.keyboard.press(`${MOD}+4`);
    await expect.poll(() => page.getByTestId('forwards-empty').count()).toBe(1);
    await page.getByTestId('forward-new').click();
    expect(await page.getByTestId('forward-context').inputValue()).toBe('demo');

    // Namespace: the cluster's namespaces, filtered by what is typed.
    await page.getByTestId('forward-namespace').click();
    await expect
      .poll(() => page.getByTestId('forward-namespace-option').allInnerTexts(), { timeout: 15_000 })
      .toEqual(expect.arrayContaining([expect.stringMatching(/^shop\n\d+ services$/), expect.stringMatching(/^kube-system\n/)]));
    await page.getByTestId('forward-namespace').pressSequentially('sho');
    await page.locator('[data-testid=forward-namespace-option][data-value=shop]').click();
    expect(await page.getByTestId('forward-namespace').inputValue()).toBe('shop');

    // Target: services, deployments (from their pods) and pods of shop; "web" narrows it down.
    await page.getByTestId('forward-target').click();
    await expect.poll(() => page.locator('[data-testid=forward-target-option][data-value="deploy/web"]').count()).toBe(1);
    const targets = await page.getByTestId('forward-target-option').evaluateAll((els) => els.map((e) => e.getAttribute('data-value')));
    expect(targets).toEqual(expect.arrayContaining(['svc/web', 'svc/api', 'svc/storefront', 'deploy/web']));
    expect(targets.some((t) => /^pod\/web-/.test(t ?? ''))).toBe(true);
    await page.getByTestId('forward-target').pressSequentially('deploy/web');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    expect(await page.getByTestId('forward-target').inputValue()).toBe('deploy/web');
    // The ports its services send to, by name and by number.
    await page.getByTestId('forward-ports').click();
    const ports = page.getByTestId('forward-ports-option');
    expect(await ports.evaluateAll((els) => els.map((e) => e.getAttribute('data-value')))).toEqual(
      expect.arrayContaining([':http', ':8080']),
    );
    await screenshot(page, 'forward-form-pickers');
    await page.locator('[data-testid=forward-ports-option][data-value=":http"]').click();
    expect(await page.getByTestId('forward-ports').inputValue()).toBe(':http');

    await page.getByTestId('forward-addresses').fill('127.0.0.1');
    await page.getByTestId('forward-save').click();
    const row = page.getByTestId('forward-row');
    await expect.poll(() => row.getAttribute('data-state'), { timeout: 20_000 }).toBe('active');
    expect(await row.innerText()).toContain('deploy/web');
    const m = /^(\d+) → 8080$/.exec((await row.locator('code').first().innerText()).trim());
    expect(m).not.toBeNull();
    expect((await probe(Number(m![1]), '/')).status).toBe(200);

    // Stop it, so the palette has a saved forward to start.
    await row.getByTestId('forward-stop').click();
    await expect.poll(() => row.getAttribute('data-state')).toBe('stopped');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('opens a service and starts a saved forward from the command palette, with the keyboard only', async () => {
    const { page, errors } = await openApp();
    await page.keyboard.press(`${MOD}+K`);
    const input = page.getByTestId('palette-input');
    await expect.poll(() => input.evaluate((el) => el === document.activeElement)).toBe(true);
    await screenshot(page, 'palette');

    // Escape closes it and gives focus back.
    await page.keyboard.press('Escape');
    expect(await page.getByTestId('palette').count()).toBe(0);

    // Open shop/web: a gateway starts and the shop loads in a new tab.
    await page.keyboard.press(`${MOD}+K`);
    await input.pressSequentially('open shop/web');
    await expect.poll(() => page.getByTestId('palette-item').first().innerText()).toContain('Open shop/web');
    const [tab] = await Promise.all([context.waitForEvent('page'), page.keyboard.press('Enter')]);
    await tab.waitForLoadState();
    expect(tab.url()).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(await tab.title()).toBe('KubeDesk demo shop');
    expect(await page.getByTestId('palette').count()).toBe(0);
    await expect.poll(() => page.getByTestId('shell-notice').innerText()).toContain(`Opened shop/web at ${tab.url()}`);
    await tab.close();

    // Start the saved, stopped deploy/web forward: arrows pick among matches.
    await page.keyboard.press(`${MOD}+K`);
    await input.pressSequentially('start deploy/web');
    await expect.poll(() => page.locator('[data-testid=palette-item][data-kind=forward]').count()).toBe(1);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowUp');
    expect(await page.locator('[data-testid=palette-item][aria-selected=true]').getAttribute('data-kind')).toBe('forward');
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.getByTestId('shell-notice').innerText(), { timeout: 20_000 })
      .toMatch(/^Forward deploy\/web is active on http:\/\/127\.0\.0\.1:\d+\//);
    await page.keyboard.press(`${MOD}+4`);
    await expect.poll(() => page.getByTestId('forward-row').getAttribute('data-state')).toBe('active');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('goes to each view with Ctrl+1..6, titles the tab after it, and screenshots each for the README', async () => {
    const { page, errors } = await openApp();
    const views: Array<[string, string, string]> = [
      ['1', 'nav-contexts', 'Clusters'],
      ['2', 'nav-services', 'Services'],
      ['3', 'nav-topology', 'Topology'],
      ['4', 'nav-forwards', 'Port forwards'],
      ['5', 'nav-proxies', 'API proxies'],
      ['6', 'nav-settings', 'Settings'],
    ];
    for (const [key, nav, label] of views) {
      await page.keyboard.press(`${MOD}+${key}`);
      await expect.poll(() => current(page)).toBe(nav);
      expect(await page.title()).toBe(`${label} — KubeDesk`);
      expect(new URL(page.url()).hash).toBe(`#${nav.slice(4)}`);
      if (nav === 'nav-contexts') await expect.poll(() => page.getByTestId('context-status').first().innerText()).toBe('Reachable');
      if (nav === 'nav-services') await expect.poll(() => page.getByTestId('service-row').count(), { timeout: 15_000 }).toBeGreaterThan(3);
      if (nav === 'nav-topology')
        await expect.poll(() => page.getByTestId('topology-node').count(), { timeout: 20_000 }).toBeGreaterThan(10);
      if (nav === 'nav-forwards') await expect.poll(() => page.getByTestId('forward-row').count()).toBe(1);
      if (nav === 'nav-proxies') {
        const row = page.locator('[data-testid="proxy-row"][data-context="demo"]');
        await row.getByTestId('proxy-start').click();
        await expect.poll(() => row.getAttribute('data-state')).toBe('listening');
      }
      if (nav === 'nav-settings')
        await expect.poll(() => page.getByTestId('settings-version').innerText()).toMatch(/^kubedesk \d+\.\d+\.\d+/i);
      await screenshot(page, `view-${nav.slice(4)}`);
    }
    // Back returns to the previous view (the hash is the view).
    await page.goBack();
    await expect.poll(() => current(page)).toBe('nav-proxies');
    expect(await page.title()).toBe('API proxies — KubeDesk');

    // Arrow keys move along the sidebar.
    await page.getByTestId('nav-services').focus();
    await page.keyboard.press('ArrowDown');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('nav-topology');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowUp');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('nav-contexts');
    // A visible focus ring.
    expect(await page.getByTestId('nav-contexts').evaluate((el) => getComputedStyle(el).outlineStyle)).toBe('solid');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('follows the OS into dark mode, and Settings overrides it (kept across reloads)', async () => {
    const { page, errors } = await openApp();
    const bg = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    await page.emulateMedia({ colorScheme: 'light' });
    expect(await bg()).toBe('rgb(246, 247, 249)');
    await page.emulateMedia({ colorScheme: 'dark' });
    expect(await bg()).toBe('rgb(20, 23, 28)');
    await expect.poll(() => page.getByTestId('context-status').first().innerText()).toBe('Reachable');
    await screenshot(page, 'dark-clusters');
    await page.keyboard.press(`${MOD}+2`);
    await expect.poll(() => page.getByTestId('service-row').count(), { timeout: 15_000 }).toBeGreaterThan(3);
    await screenshot(page, 'dark-services');
    await page.keyboard.press(`${MOD}+3`);
    await expect.poll(() => page.getByTestId('topology-node').count(), { timeout: 20_000 }).toBeGreaterThan(10);
    await screenshot(page, 'dark-topology');
    await page.keyboard.press(`${MOD}+4`);
    await page.getByTestId('forward-new').click();
    await screenshot(page, 'dark-forwards');
    await page.keyboard.press(`${MOD}+5`);
    await screenshot(page, 'dark-proxies');

    await page.keyboard.press(`${MOD}+6`);
    await page.getByTestId('theme-light').check();
    expect(await bg()).toBe('rgb(246, 247, 249)');
    await page.reload();
    await expect.poll(() => page.getByTestId('theme-light').isChecked(), { timeout: 15_000 }).toBe(true);
    expect(await bg()).toBe('rgb(246, 247, 249)');
    await page.getByTestId('theme-dark').check();
    await page.emulateMedia({ colorScheme: 'light' });
    expect(await bg()).toBe('rgb(20, 23, 28)');
    await screenshot(page, 'dark-settings');
    await page.getByTestId('theme-system').check();
    expect(await bg()).toBe('rgb(246, 247, 249)');
    expect(errors).toEqual([]);
    await page.close();
  });
});
