import { mkdtempSync, writeFileSync, renameSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, screenshot } from './support/browser.ts';
import { serveApp, type ServedApp } from './support/serve-app.ts';

const KUBECONFIG = (extra = '') => `apiVersion: v1
kind: Config
current-context: staging
clusters:
- {name: staging, cluster: {server: "https://staging.example.com:6443"}}
- {name: prod, cluster: {server: "https://prod.example.com"}}
users:
- {name: ci, user: {token: planted-e2e-token-abcdef123}}
- {name: admin, user: {exec: {apiVersion: client.authentication.k8s.io/v1, command: aws, interactiveMode: Never}}}
contexts:
- {name: staging, context: {cluster: staging, user: ci, namespace: shop}}
- {name: prod, context: {cluster: prod, user: admin}}
${extra}`;

let browser: Browser;
let app: ServedApp;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kd-e2e-'));
  writeFileSync(join(dir, 'config'), KUBECONFIG());
  [browser, app] = await Promise.all([launchChromium(), serveApp([], { KUBECONFIG: join(dir, 'config'), HOME: dir })]);
});
afterAll(async () => {
  await browser?.close();
  await app?.process.stop();
});

describe('the contexts view in a real browser', () => {
  it('shows every context from the kubeconfig, the current one marked, no secret on screen', async () => {
    const page = await browser.newPage({ viewport: { width: 1200, height: 600 } });
    await page.goto(app.url);
    const rows = page.getByTestId('context-row');
    await expect.poll(() => rows.count()).toBe(2);
    expect(await rows.nth(0).innerText()).toMatch(/prod\s+prod\s+https:\/\/prod\.example\.com\s+admin\s+default\s+exec/);
    expect(await rows.nth(1).innerText()).toMatch(/staging\s+staging\s+https:\/\/staging\.example\.com:6443\s+ci\s+shop\s+token/);
    expect(await page.getByTestId('current-context').innerText()).toBe('staging');
    // The token left the address bar for sessionStorage.
    expect(page.url()).not.toContain('#token=');
    expect(await page.content()).not.toContain('planted-e2e-token');
    await screenshot(page, 'contexts-view');
    await page.close();
  });

  it('keeps working after a reload without the fragment (token in sessionStorage)', async () => {
    const page = await browser.newPage();
    await page.goto(app.url);
    await expect.poll(() => page.getByTestId('context-row').count()).toBe(2);
    await page.reload();
    await expect.poll(() => page.getByTestId('context-row').count()).toBe(2);
    await page.close();
  });

  it('updates live when the kubeconfig file changes', async () => {
    const page = await browser.newPage({ viewport: { width: 1200, height: 600 } });
    await page.goto(app.url);
    await expect.poll(() => page.getByTestId('context-row').count()).toBe(2);
    const tmp = join(dir, 'config.tmp');
    writeFileSync(tmp, KUBECONFIG().replace('contexts:\n', 'contexts:\n- {name: dev, context: {cluster: staging, user: ci}}\n'));
    renameSync(tmp, join(dir, 'config'));
    await expect.poll(() => page.getByTestId('context-row').count(), { timeout: 10_000 }).toBe(3);
    await page.close();
  });

  it('without the token the page says how to get in, and shows no data', async () => {
    const page = await browser.newPage({ viewport: { width: 1000, height: 400 } });
    await page.goto(app.origin + '/');
    await expect.poll(() => page.getByRole('alert').innerText()).toContain('Open the link printed by `kubedesk serve`');
    expect(await page.getByTestId('context-row').count()).toBe(0);
    await screenshot(page, 'no-token');
    await page.close();
  });

  it('a page on another origin cannot reach the bridge (serve guard)', async () => {
    const page = await browser.newPage();
    await page.goto('data:text/html,<title>evil</title>');
    const outcome = await page.evaluate(
      ([origin, token]) =>
        new Promise<string>((resolve) => {
          const ws = new WebSocket(origin!.replace('http', 'ws') + '/bridge', ['kubedesk.bridge.v1', `kubedesk.token.${token}`]);
          ws.onopen = () => resolve('open');
          ws.onerror = () => resolve('refused');
        }),
      [app.origin, app.token],
    );
    expect(outcome).toBe('refused');
    await page.close();
  });
});
