import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoCluster, type DemoCluster } from '../../electron/core/demo/demo-cluster.ts';
import { launchChromium, screenshot } from './support/browser.ts';
import { serveApp, type ServedApp } from './support/serve-app.ts';
import { requireKeyring } from '../support/keyring.ts';

const BROKEN = `apiVersion: v1
kind: Config
clusters:
- {name: broken, cluster: {server: "https://broken.example"}}
users:
- {name: u, user: {client-key-data: "not base64!!"}}
contexts:
- {name: broken, context: {cluster: broken, user: u}}
`;

let browser: Browser;
let app: ServedApp;
let demo: DemoCluster;
let demoYaml: string;
let secrets: string[];
let dir: string;

beforeAll(async () => {
  requireKeyring();
  demo = await startDemoCluster();
  demoYaml = demo.kubeconfigYaml();
  dir = mkdtempSync(join(tmpdir(), 'kd-e2e-clusters-'));
  writeFileSync(join(dir, 'config'), 'apiVersion: v1\nkind: Config\n');
  writeFileSync(join(dir, 'broken'), BROKEN);
  const c = demo.credentials;
  secrets = [c.token, c.password, c.clientKeyPem.split('\n')[1]!];
  [browser, app] = await Promise.all([
    launchChromium(),
    serveApp([], {
      KUBECONFIG: [join(dir, 'config'), join(dir, 'broken')].join(delimiter),
      HOME: dir,
      KUBEDESK_HOME: join(dir, 'kubedesk'),
    }),
  ]);
});
afterAll(async () => {
  await browser?.close();
  await app?.process.stop();
  await demo?.dispose();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function row(page: Page, name: string) {
  return page.getByTestId('context-row').filter({ has: page.locator('td.name', { hasText: new RegExp(`^${name}$`) }) });
}

async function noSecretOnPage(page: Page): Promise<void> {
  const html = await page.content();
  for (const s of secrets) expect(html).not.toContain(s);
}

describe('the clusters view in a real browser', () => {
  it('a broken kubeconfig shows a banner naming the file and field; paste-import puts secrets in the keychain and shows where they live', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(app.url);
    await expect.poll(() => page.getByTestId('problem').first().innerText()).toContain('users[0].user.client-key-data: not valid base64');

    await page.getByTestId('import-open').click();
    await page.getByTestId('import-text').fill(demoYaml);
    await page.getByTestId('import-preview').click();
    await expect.poll(() => page.getByTestId('import-choice').count()).toBe(3);
    await page.getByTestId('import-confirm').click();
    await expect.poll(() => page.getByTestId('import-done').innerText()).toContain('Imported demo, demo-basic, demo-cert');
    await expect.poll(() => row(page, 'demo').count()).toBe(1);
    expect(await row(page, 'demo-cert').innerText()).toMatch(
      /demo-cert\s+demo\s+https:\/\/127\.0\.0\.1:\d+\s+demo-cert\s+shop\s+client-cert\s+imported/,
    );

    await row(page, 'demo').getByTestId('context-details').click();
    const detail = page.getByTestId('context-detail');
    await expect.poll(() => detail.getByTestId('secret-row').count()).toBe(1);
    expect(await detail.getByTestId('secret-row').innerText()).toMatch(/^token\s+keychain\s+service KubeDesk, account demo#[0-9a-f]{12}$/);
    expect(await detail.getByTestId('detail-tls').innerText()).toContain('verified (CA in the config)');
    await detail.getByTestId('detail-check').click();
    await expect
      .poll(() => detail.getByTestId('detail-health').innerText(), { timeout: 15_000 })
      .toMatch(/Reachable, v1\.\d+\.\d+.*, as demo-admin/);
    await noSecretOnPage(page);
    await screenshot(page, 'cluster-detail');
    await page.close();
  });

  it('rename, use and remove an imported context; add one through the form', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(app.url);
    await expect.poll(() => row(page, 'demo-basic').count()).toBe(1);

    await row(page, 'demo-basic').getByTestId('context-details').click();
    await page.getByTestId('detail-rename-input').fill('basic');
    await page.getByTestId('detail-rename').click();
    await expect.poll(() => row(page, 'basic').count()).toBe(1);
    expect(await row(page, 'demo-basic').count()).toBe(0);

    await row(page, 'basic').getByTestId('context-use').click();
    await expect.poll(() => page.getByTestId('current-context').innerText()).toBe('basic');
    await expect.poll(() => row(page, 'basic').getByTestId('context-status').innerText(), { timeout: 15_000 }).toBe('Reachable');

    await row(page, 'demo-cert').getByTestId('context-details').click();
    await page.getByTestId('detail-remove').click();
    await page.getByTestId('detail-remove-confirm').click();
    await expect.poll(() => row(page, 'demo-cert').count()).toBe(0);

    await page.getByTestId('add-open').click();
    await page.getByTestId('add-name').fill('lab');
    await page.getByTestId('add-server').fill(demo.url);
    await page.getByTestId('add-ca').fill(demo.caPem);
    await page.getByTestId('add-token').fill(demo.credentials.token);
    await page.getByTestId('add-save').click();
    await expect.poll(() => row(page, 'lab').count()).toBe(1);
    await row(page, 'lab').getByTestId('context-check').click();
    await expect.poll(() => row(page, 'lab').getByTestId('context-status').innerText(), { timeout: 15_000 }).toBe('Reachable');
    await noSecretOnPage(page);
    await screenshot(page, 'clusters-view');
    await page.close();
  });

  it('a kubeconfig file dropped on the view opens the import preview', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(app.url);
    await expect.poll(() => page.getByTestId('context-row').count()).toBeGreaterThan(0);
    const yaml = demoYaml.replaceAll('name: demo', 'name: dropped');
    const transfer = await page.evaluateHandle((text) => {
      const dt = new DataTransfer();
      dt.items.add(new File([text], 'kubeconfig', { type: 'text/yaml' }));
      return dt;
    }, yaml);
    await page.getByTestId('contexts-view').dispatchEvent('drop', { dataTransfer: transfer });
    await expect.poll(() => page.getByTestId('import-choice').count()).toBe(3);
    expect(await page.getByTestId('import-choices').innerText()).toContain('dropped-basic');
    await noSecretOnPage(page);
    await page.close();
  });
});
