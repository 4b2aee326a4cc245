import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, screenshot } from './support/browser.ts';
import { serveApp, type ServedApp } from './support/serve-app.ts';

let browser: Browser;
let app: ServedApp;
let home: string;

beforeAll(async () => {
  home = mkdtempSync(join(tmpdir(), 'kd-e2e-first-start-'));
  [browser, app] = await Promise.all([
    launchChromium(),
    serveApp([], { HOME: home, KUBECONFIG: '', KUBEDESK_HOME: join(home, 'kubedesk') }),
  ]);
});
afterAll(async () => {
  await browser?.close();
  await app?.process.stop();
});

describe('a first start with no kubeconfig offers the demo cluster', () => {
  it('shows the offer, and one click brings up the demo contexts with demo current and reachable', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 640 } });
    await page.goto(app.url);
    await expect.poll(() => page.getByTestId('demo-offer').isVisible(), { timeout: 15_000 }).toBe(true);
    expect(await page.getByTestId('context-row').count()).toBe(0);
    await screenshot(page, 'first-start-offer');

    await page.getByRole('button', { name: 'Start the demo cluster' }).click();
    const rows = page.getByTestId('context-row');
    await expect.poll(() => rows.count(), { timeout: 30_000 }).toBe(3);
    expect((await rows.allInnerTexts()).join('\n')).toMatch(/demo\b.*https:\/\/127\.0\.0\.1:\d+/);
    expect(await page.getByTestId('current-context').innerText()).toBe('demo');
    await expect.poll(() => rows.first().innerText(), { timeout: 20_000 }).toContain('Reachable');
    await screenshot(page, 'first-start-demo');
    await page.close();
  });

  it("writes nothing into the user's ~/.kube", () => {
    expect(readdirSync(home)).not.toContain('.kube');
  });
});
