// The connection doctor and "Use the keychain for kubectl too" in a real browser against the demo
// cluster (docs/doctor.md; docs/kubeconfig.md, Migrating a kubeconfig): a context with a wrong
// token fails the topology with 401, Diagnose on that error walks the path and names the
// authentication hop with every hop before it passing; the topology's Diagnose marks the hops of a
// service whose only pod crash-loops; a context's details list the plaintext secrets of its file
// and the migrate plan (no write: that would need the OS keychain), with no value on the page.
import { readFileSync, writeFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { screenshot } from './support/browser.ts';
import { startServedDemo, type ServedDemo } from './support/served-demo.ts';

let t: ServedDemo;

const WRONG_TOKEN = 'not-the-demo-token-4f1d2c';

/** Adds a context on the demo's cluster whose user's token the demo refuses (401), made current. */
function addWrongContext(kubeconfig: string): void {
  const doc = parse(readFileSync(kubeconfig, 'utf8')) as {
    'current-context': string;
    users: Array<{ name: string; user: Record<string, unknown> }>;
    contexts: Array<{ name: string; context: { cluster: string; user: string; namespace?: string } }>;
  };
  const cluster = doc.contexts.find((c) => c.name === 'demo')!.context.cluster;
  doc.users.push({ name: 'wrong', user: { token: WRONG_TOKEN } });
  doc.contexts.push({ name: 'demo-wrong', context: { cluster, user: 'wrong', namespace: 'shop' } });
  doc['current-context'] = 'demo-wrong';
  writeFileSync(kubeconfig, stringify(doc), { mode: 0o600 });
}

beforeAll(async () => {
  t = await startServedDemo({ tmpPrefix: 'kd-e2e-doctor-', editKubeconfig: addWrongContext });
});
afterAll(async () => {
  await t?.dispose();
});

/** Each hop row of the open doctor panel: [hop, status]. */
const hops = (page: Page): Promise<Array<[string, string]>> =>
  page
    .getByTestId('doctor-hop')
    .evaluateAll((els) => els.map((e) => [e.getAttribute('data-hop') ?? '', e.getAttribute('data-status') ?? ''] as [string, string]));

const contextRow = (page: Page, name: string) =>
  page.getByTestId('context-row').filter({ has: page.getByTestId('context-details').getByText(name, { exact: true }) });

async function noSecretOnPage(page: Page): Promise<void> {
  const text = await page.evaluate(() => document.documentElement.outerHTML);
  for (const s of [t.demo.credentials.token, t.demo.credentials.password, WRONG_TOKEN]) expect(text).not.toContain(s);
}

describe('the connection doctor in the app', () => {
  it('Diagnose on a 401 error walks the path: authentication fails, every hop before it passes', async () => {
    const page = await t.openPage({ width: 1400, height: 900 });
    await expect.poll(() => page.getByTestId('current-context').innerText(), { timeout: 15_000 }).toBe('demo-wrong');
    await page.getByTestId('nav-topology').click();
    const banner = page.getByTestId('error-banner');
    await expect.poll(() => banner.getAttribute('data-code'), { timeout: 20_000 }).toBe('unauthorized');

    await banner.getByTestId('diagnose').click();
    const dialog = page.getByTestId('doctor-dialog');
    await expect.poll(() => dialog.getByTestId('doctor-panel').getAttribute('data-running'), { timeout: 15_000 }).toBe('false');
    const rows = await hops(page);
    const at = rows.findIndex(([, status]) => status === 'failed');
    expect(rows[at]?.[0]).toBe('authentication');
    const before = rows.slice(0, at);
    expect(before.map(([h]) => h)).toEqual(['kubeconfig', 'dns', 'tcp', 'proxy', 'tls', 'credentials']);
    // No proxy for a loopback server: skipped (–); every other hop before authentication passed.
    expect(before.filter(([h]) => h !== 'proxy').every(([, s]) => s === 'ok')).toBe(true);
    expect(rows.find(([h]) => h === 'proxy')?.[1]).toBe('skipped');
    const failed = dialog.locator('[data-testid=doctor-hop][data-hop=authentication]');
    expect(await failed.innerText()).toMatch(/✗\s+authentication\s+.*401.*\d+ ms/s);
    expect(await failed.getByTestId('doctor-hint').innerText()).not.toBe('');
    expect(await dialog.getByTestId('doctor-verdict').innerText()).toBe('Fails at authentication');
    expect(await dialog.locator('[data-testid=doctor-hop][data-hop=tls]').innerText()).toMatch(/^✓\s+tls/);
    await noSecretOnPage(page);
    await screenshot(page, 'doctor');

    await dialog.getByTestId('doctor-close').click();
    await expect.poll(() => page.getByTestId('doctor-dialog').count()).toBe(0);
    await page.close();
  });

  it("the topology's Diagnose marks the failing hop's nodes red with the reason", async () => {
    const page = await t.openPage({ width: 1500, height: 900 });
    await expect.poll(() => page.getByTestId('context-row').count(), { timeout: 15_000 }).toBe(4);
    await contextRow(page, 'demo').getByTestId('context-use').click();
    await expect.poll(() => page.getByTestId('current-context').innerText(), { timeout: 15_000 }).toBe('demo');
    await page.getByTestId('nav-topology').click();
    const node = (id: string) => page.locator(`[data-testid=topology-node][data-id="${id}"]`);
    await expect.poll(() => node('service/shop/orders').count(), { timeout: 20_000 }).toBe(1);
    expect(await node('apiserver-proxy').getAttribute('data-status')).not.toBe('failed');

    // shop/orders: its only pod crash-loops, so the service path fails at endpoints.
    await node('service/shop/orders').click();
    const diagnose = page.getByTestId('topology-diagnose');
    await expect.poll(() => diagnose.innerText()).toBe('Diagnose shop/orders');
    await diagnose.click();
    const strip = page.getByTestId('topology-doctor');
    const result = strip.getByTestId('topology-doctor-result');
    await expect.poll(() => strip.getAttribute('data-running'), { timeout: 30_000 }).toBe('false');
    expect(await result.innerText()).toMatch(/^✗ endpoints: no ready pod: orders-\S+ CrashLoopBackOff.*\(2 hops marked\)$/s);
    expect(await node('service/shop/orders').getAttribute('data-status')).toBe('failed');
    expect(await node('apiserver-proxy').getAttribute('data-status')).toBe('failed');
    expect(await node('service/shop/web').getAttribute('data-status')).not.toBe('failed');
    expect(await node('apiserver-lb').getAttribute('data-status')).not.toBe('failed');
    expect(await page.getByTestId('topology-detail-detail').innerText()).toMatch(/^endpoints failed: .*CrashLoopBackOff/);
    expect(await page.getByTestId('topology-detail-status').getAttribute('data-status')).toBe('failed');
    await screenshot(page, 'doctor-topology');

    await strip.getByTestId('topology-doctor-details').click();
    expect(await page.locator('[data-testid=doctor-hop][data-hop=endpoints]').getAttribute('data-status')).toBe('failed');
    await page.close();
  });
});

describe('the keychain for kubectl too', () => {
  it("a kubeconfig context's details list its file's plaintext secrets by field, and Migrate shows the plan without changing the file", async () => {
    const original = readFileSync(t.kubeconfig, 'utf8');
    const page = await t.openPage({ width: 1400, height: 1100 });
    await expect.poll(() => page.getByTestId('context-row').count(), { timeout: 15_000 }).toBe(4);
    await contextRow(page, 'demo').getByTestId('context-details').click();
    const detail = page.getByTestId('context-detail');
    const notice = detail.getByTestId('plaintext-notice');
    await expect.poll(() => notice.count(), { timeout: 15_000 }).toBe(1);
    expect(await notice.getByTestId('plaintext-file').innerText()).toBe(
      `${t.kubeconfig} — 4 users: demo (token), demo-basic (password), demo-cert (client-key-data), wrong (token)`,
    );
    expect(await detail.getByTestId('keychain-plaintext').innerText()).toContain('keeps token in');

    await detail.getByTestId('keychain-migrate-plan').click();
    const result = detail.getByTestId('keychain-migrate-result');
    await expect.poll(() => result.getAttribute('data-mode'), { timeout: 15_000 }).toBe('plan');
    expect(await result.getByTestId('keychain-migrate-line').allInnerTexts()).toEqual([
      'user "demo": would move token to the keychain',
      'user "demo-basic": left as is: basic auth, which an exec credential cannot carry',
      'user "demo-cert": would move client-certificate-data, client-key-data to the keychain',
      'user "wrong": would move token to the keychain',
    ]);
    expect(await detail.getByTestId('keychain-migrate-write').count()).toBe(1);
    expect(readFileSync(t.kubeconfig, 'utf8')).toBe(original);
    await noSecretOnPage(page);
    await screenshot(page, 'keychain-migrate-plan');
    await page.close();
  });
});
